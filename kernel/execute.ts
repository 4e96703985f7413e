// execute_request: count it, announce it, run it, and publish its result or error.
import { createRequire } from "node:module";
import { type MathjsModule, resultBundle } from "./mime-bundle.js";
import {
  diagnosticLine,
  type ErrorContent,
  thrownContent,
  typeErrorContent,
  withNote,
} from "./errors.js";
import type { History } from "./history.js";
import { kernelLog } from "./log.js";
import { routeOutputTo } from "./outputs.js";
import type { CellRunner } from "./run.js";
import type { Sockets } from "./sockets.js";
import type { Content, Message } from "./wire.js";

export interface ExecuteState {
  io: Sockets;
  runner: CellRunner;
  history: History;
  count: number;
}

export interface ExecuteOutcome {
  reply: Content;
  /** True when the cell failed and asked (stop_on_error) for the queued cells to be aborted. */
  abortQueue: boolean;
}

export async function execute(state: ExecuteState, msg: Message): Promise<ExecuteOutcome> {
  const code = String(msg.content.code ?? "");
  const silent = msg.content.silent === true;
  const storeHistory = !silent && msg.content.store_history !== false;
  const stopOnError = msg.content.stop_on_error !== false;
  // As in ipykernel, every non-silent request gets the next count.
  if (!silent) state.count += 1;
  const count = state.count;
  if (!silent) void state.io.publish(msg, "execute_input", { code, execution_count: count });
  if (storeHistory) state.history.add(count, code);

  const streams = routeOutputTo(state.io, msg);
  const outcome = await state.runner.run(code, String(count));

  if (outcome.kind === "ok") {
    if (outcome.warnings.length > 0)
      process.stderr.write(`${outcome.warnings.map(diagnosticLine).join("\n")}\n`);
    // What the cell printed goes out before its result, its reply and idle.
    streams.end();
    if (outcome.hasValue && !silent) {
      const data = await bundleOrPlain(outcome.value);
      void state.io.publish(msg, "execute_result", { execution_count: count, data, metadata: {} });
      if (storeHistory) state.history.setOutput(count, String(data["text/plain"]));
    }
    return {
      reply: { status: "ok", execution_count: count, payload: [], user_expressions: {} },
      abortQueue: false,
    };
  }
  const error: ErrorContent =
    outcome.kind === "type-error"
      ? typeErrorContent(outcome.diagnostics, code)
      : withNote(thrownContent(outcome.error, state.runner.locate), outcome.note);
  streams.end();
  void state.io.publish(msg, "error", { ...error });
  return {
    reply: { status: "error", execution_count: count, ...error },
    abortQueue: stopOnError,
  };
}

let mathjs: MathjsModule | undefined;

/** The CommonJS mathjs a notebook's `import … from "mathjs"` loads too, so it is usually loaded already. */
function loadMathjs(): MathjsModule {
  mathjs ??= createRequire(import.meta.url)("mathjs") as MathjsModule;
  return mathjs;
}

async function bundleOrPlain(value: unknown): Promise<Record<string, unknown>> {
  try {
    return await resultBundle(value, loadMathjs);
  } catch (error) {
    kernelLog("could not render a result:", error);
    return { "text/plain": String(value) };
  }
}
