// The sandbox's side of the grader's requests: each notebook in a realm of its own, one request at a time.
import { NotebookRealm, sharedMathjs, thrownText } from "./realm.js";
import type { SandboxReady, SandboxReply, SandboxRequest } from "./sandbox.js";

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

/**
 * Answers the grader's requests over the process's IPC channel, in order, and tells it when the
 * process is ready (mathjs loaded): `from` says whether it started from the startup snapshot.
 */
export function serve(from: SandboxReady["from"]): void {
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
  const ready: SandboxReady = { type: "ready", from };
  process.send?.(ready);
}
