// Runs converted cells in a Web Worker, as tslab's executor runs them in node: each cell's
// JavaScript in a function of (exports, require) over the session's shared exports, a top-level
// await as an async function, the last expression reported through the console's log.
import type { Converter } from "tslab/dist/converter.js";
import type { ConsoleInterface, Executor } from "tslab/dist/executor.js";
import { cellExports } from "../../kernel/recorder.js";
import type { DeclarationStore } from "../../kernel/tslab.js";
import { evalScript } from "./modules.js";

/** What a cell's code sees as `require`. */
export type CellRequire = (id: string) => unknown;

/** The session's scope, as tslab keeps it on `globalThis.__tslab__`. */
export interface CellScope {
  exports: Record<string, unknown>;
  require: CellRequire;
}

/**
 * An executor over `converter`, checking each cell against `store`'s declarations. `makeRequire`
 * gets the modules a conversion compiled besides the cell (tslab's `//@module` cells), by path.
 */
export function workerExecutor(
  converter: Converter,
  console: ConsoleInterface,
  store: DeclarationStore,
  makeRequire: (sideOutputs: Map<string, string>) => CellRequire,
): Executor {
  const sideOutputs = new Map<string, string>();
  const scope: CellScope = { exports: cellExports(), require: makeRequire(sideOutputs) };
  (globalThis as { __tslab__?: CellScope }).__tslab__ = scope;
  let rejectInterrupt: (reason: Error) => void = () => {};
  let interrupted = new Promise<never>((_, reject) => (rejectInterrupt = reject));
  const resetInterrupt = () => {
    interrupted = new Promise<never>((_, reject) => (rejectInterrupt = reject));
    interrupted.catch(() => {});
  };
  resetInterrupt();

  const convert = (src: string) => {
    const result = converter.convert(store.declarations(), src);
    store.converted(result);
    return result;
  };

  async function execute(src: string): Promise<boolean> {
    const converted = convert(src);
    for (const side of converted.sideOutputs ?? []) sideOutputs.set(side.path, side.data);
    if (converted.diagnostics.length > 0) {
      for (const d of converted.diagnostics)
        console.error(
          "%s%d:%d - %s",
          d.fileName ? `${d.fileName} ` : "",
          d.start.line + 1,
          d.start.character + 1,
          d.messageText,
        );
      return false;
    }
    if (!converted.output) return true;
    const prefix = converted.hasToplevelAwait
      ? "(async function(exports, require) { "
      : "(function(exports, require) { ";
    let returned: unknown;
    try {
      returned = evalScript(
        `${prefix}${converted.output}\n})(__tslab__.exports, __tslab__.require)`,
      );
    } catch (error) {
      console.error(error);
      return false;
    }
    if (converted.hasToplevelAwait) {
      try {
        await Promise.race([returned, interrupted]);
      } catch (error) {
        console.error(error);
        return false;
      }
    }
    const last = converted.lastExpressionVar;
    if (last && scope.exports[last] != null) {
      const value = scope.exports[last];
      delete scope.exports[last];
      console.log(value);
    }
    return true;
  }

  return {
    execute,
    inspect: (src, position) => converter.inspect(store.declarations(), src, position),
    complete: (src, position) => converter.complete(store.declarations(), src, position),
    locals: scope.exports,
    reset: () => {
      for (const name of Object.getOwnPropertyNames(scope.exports)) delete scope.exports[name];
    },
    interrupt: () => {
      rejectInterrupt(new Error("Interrupted asynchronously"));
      resetInterrupt();
    },
    close: () => converter.close(),
  };
}
