// A console that prints as node's does (util.format, from node-inspect-extracted), to the cell's
// stdout and stderr instead of the browser's developer tools.
import { format, inspect, type InspectOptions } from "node-inspect-extracted";
import type { StreamName } from "../../kernel/stream.js";

/** Where printed text goes: the engine points it at the running cell's stream buffer. */
export type PrintSink = (name: StreamName, text: string) => void;

/** A console whose every method prints through `print()`, read at each call. */
export function nodeLikeConsole(print: () => PrintSink): Console {
  let indent = "";
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const out =
    (name: StreamName) =>
    (...args: unknown[]) => {
      const text = format(...args);
      const shifted = indent ? text.replace(/^/gm, indent) : text;
      print()(name, `${shifted}\n`);
    };
  const log = out("stdout");
  const error = out("stderr");
  const since = (label: string) => {
    const start = timers.get(label);
    return start === undefined
      ? undefined
      : `${label}: ${(performance.now() - start).toFixed(3)}ms`;
  };
  const methods = {
    log,
    info: log,
    debug: log,
    error,
    warn: error,
    trace: (...args: unknown[]) => error(`Trace: ${format(...args)}`),
    dir: (value: unknown, options?: InspectOptions) => log(inspect(value, options)),
    dirxml: log,
    table: log,
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok) error(`Assertion failed${args.length > 0 ? `: ${format(...args)}` : ""}`);
    },
    count: (label = "default") => {
      const n = (counts.get(label) ?? 0) + 1;
      counts.set(label, n);
      log(`${label}: ${n}`);
    },
    countReset: (label = "default") => void counts.delete(label),
    group: (...args: unknown[]) => {
      if (args.length > 0) log(...args);
      indent += "  ";
    },
    groupCollapsed: (...args: unknown[]) => methods.group(...args),
    groupEnd: () => void (indent = indent.slice(2)),
    time: (label = "default") => void timers.set(label, performance.now()),
    timeLog: (label = "default", ...args: unknown[]) => {
      const at = since(label);
      if (at) log(at, ...args);
    },
    timeEnd: (label = "default") => {
      const at = since(label);
      timers.delete(label);
      if (at) log(at);
    },
    clear: () => {},
    profile: () => {},
    profileEnd: () => {},
    timeStamp: () => {},
  };
  return methods as unknown as Console;
}
