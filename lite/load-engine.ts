// Runs the built engine (dist/lite/engine.js) in node as a Web Worker runs it, with a stand-in
// `self`: for the tests and the benchmark, which drive engines made from it without a browser.
import { readFileSync } from "node:fs";
import vm from "node:vm";
import type { FromEngine, ToEngine } from "./protocol.js";

/** The page's side of a worker: what the engine posted, and the handler it set. */
export interface FakeWorkerScope {
  posted: FromEngine[];
  onmessage: ((event: { data: ToEngine }) => void) | null;
  postMessage(message: FromEngine): void;
  addEventListener(type: string, listener: unknown): void;
}

/** An engine as lite/engine/engine.ts makes it. */
export interface EngineHandle {
  receive(message: ToEngine): Promise<void>;
}

/** What evaluating the bundle gives: its createEngine, the stand-in scope it wired, and how long it took. */
export interface LoadedEngine {
  createEngine(post: (message: FromEngine) => void): EngineHandle;
  scope: FakeWorkerScope;
  loadMs: number;
}

/** Evaluates the engine bundle `file` in this realm as a worker's script (once per process is enough). */
export function loadEngine(file: string): LoadedEngine {
  const scope: FakeWorkerScope = {
    posted: [],
    onmessage: null,
    postMessage(message) {
      scope.posted.push(message);
    },
    addEventListener() {},
  };
  const g = globalThis as Record<string, unknown>;
  g.self = scope;
  const started = performance.now();
  vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
  const api = g.AttentionFromZeroEngine as Pick<LoadedEngine, "createEngine">;
  return { createEngine: api.createEngine, scope, loadMs: performance.now() - started };
}
