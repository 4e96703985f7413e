// Sends what a running cell prints or displays to iopub, addressed to the request that started it.
import { TextDecoder } from "node:util";
import type { Sockets } from "./sockets.js";
import { setDisplaySink } from "./tslab.js";
import type { Message } from "./wire.js";

const utf8 = new TextDecoder();

/**
 * Points process.stdout/stderr and tslab's display API at `parent`. Like tslab and ipykernel, output
 * that arrives after the cell finished (timers, promises) still goes to the last cell that ran.
 */
export function routeOutputTo(io: Sockets, parent: Message): void {
  process.stdout.write = streamWriter(io, parent, "stdout");
  process.stderr.write = streamWriter(io, parent, "stderr");
  setDisplaySink((bundle, update) => {
    void io.publish(parent, update ? "update_display_data" : "display_data", {
      data: bundle.data,
      metadata: bundle.metadata ?? {},
      transient: bundle.transient ?? {},
    });
  });
}

function streamWriter(io: Sockets, parent: Message, name: "stdout" | "stderr") {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : utf8.decode(chunk);
    if (text !== "") void io.publish(parent, "stream", { name, text });
    // write(chunk, callback) and write(chunk, encoding, callback) both end with the callback.
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
}
