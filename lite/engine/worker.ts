// The Web Worker's script: wires the engine to the page's messages (lite/protocol.ts). The
// bundle also leaves createEngine on the global AttentionFromZeroEngine, for tests in node.
import type { ToEngine } from "../protocol.js";
import { createEngine } from "./engine.js";

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: ToEngine }) => void) | null;
  addEventListener(type: string, listener: (event: never) => void): void;
}

const scope = self as unknown as WorkerScope;
const engine = createEngine((message) => scope.postMessage(message));
scope.onmessage = (event) => void engine.receive(event.data);
// errors a cell's timers or promises throw after the cell, as node reports them to the Node kernel
scope.addEventListener("error", (event: { error: unknown; preventDefault(): void }) => {
  event.preventDefault();
  engine.uncaught("Uncaught exception", event.error);
});
scope.addEventListener(
  "unhandledrejection",
  (event: { reason: unknown; preventDefault(): void }) => {
    event.preventDefault();
    engine.uncaught("Unhandled promise rejection", event.reason);
  },
);

export { createEngine };
