// A grading process for one learner's notebooks: started under Node's permission model, it runs each notebook in a realm of its own.
import type { CompiledCell, RealmOutcome } from "./realm.js";
import type { CheckResult } from "../course/check.js";
import { serve } from "./sandbox-serve.js";

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

/** Sent once, when mathjs is loaded: whether the process started from the startup snapshot or this file. */
export interface SandboxReady {
  type: "ready";
  from: "snapshot" | "file";
}

// started as this file (without the snapshot, grader/sandbox-snapshot.ts): mathjs is loaded now
serve("file");
