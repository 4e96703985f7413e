// A grading process for one learner's notebooks: started under Node's permission model, it runs each notebook in a realm of its own.
import {
  type CompiledCell,
  sharedMathjs,
  NotebookRealm,
  type RealmOutcome,
  thrownText,
} from "./realm.js";
import type { CheckResult } from "../course/check.js";

/** What the grader asks, one request at a time. */
export type SandboxRequest =
  | { type: "open"; rootDir: string; key: string; modules?: [string, string][] }
  | { type: "cell"; index: number; cell: CompiledCell; timeoutMs: number }
  | { type: "verdict"; id: string; timeoutMs: number };

/** The answer to each request, in order. */
export type SandboxReply =
  | { type: "opened" }
  | { type: "cell-done"; index: number; outcome: RealmOutcome }
  | { type: "verdict"; id: string; result: CheckResult | "timeout" | { error: string } };

const libraries = new Map<string, Map<string, string>>();
let realm: NotebookRealm | null = null;

async function answer(m: SandboxRequest): Promise<SandboxReply> {
  if (m.type === "open") {
    if (m.modules) libraries.set(m.key, new Map(m.modules));
    realm = new NotebookRealm(m.rootDir, libraries.get(m.key) ?? new Map());
    return { type: "opened" };
  }
  if (!realm) throw new Error("no notebook opened");
  if (m.type === "cell")
    return {
      type: "cell-done",
      index: m.index,
      outcome: await realm.run(m.cell, m.timeoutMs, `cell-${m.index}`),
    };
  try {
    return { type: "verdict", id: m.id, result: realm.verdict(m.id, m.timeoutMs) };
  } catch (e) {
    return { type: "verdict", id: m.id, result: { error: thrownText(e) } };
  }
}

// Errors a cell's timers or promises raise later belong to that cell; they never end the process.
process.on("uncaughtException", () => {});
process.on("unhandledRejection", () => {});
// a grader that is gone leaves no process behind
process.on("disconnect", () => process.exit(0));
let queue = Promise.resolve();
process.on("message", (m: SandboxRequest) => {
  queue = queue.then(async () => {
    const reply = await answer(m);
    process.send?.(reply);
  });
});
sharedMathjs(); // before the first notebook: a warm process
process.send?.({ type: "ready" });
