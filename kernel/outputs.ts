// Sends what a running cell prints or displays to iopub, addressed to the request that started it.
import { TextDecoder } from "node:util";
import type { Sockets } from "./sockets.js";
import { StreamBuffer, type StreamName } from "./stream.js";
import { setDisplaySink } from "./tslab.js";
import type { Message } from "./wire.js";

const utf8 = new TextDecoder();
let current: StreamBuffer | undefined;

/**
 * Points process.stdout/stderr and tslab's display API at `parent`, and returns the cell's stream
 * buffer: flush it before publishing anything else for the cell, end it when the cell is done.
 * Like tslab and ipykernel, output that arrives after the cell finished (timers, promises) still
 * goes to the last cell that ran.
 */
export function routeOutputTo(io: Sockets, parent: Message): StreamBuffer {
  current?.end();
  const streams = new StreamBuffer((name, text) => {
    void io.publish(parent, "stream", { name, text });
  });
  current = streams;
  process.stdout.write = streamWriter(streams, "stdout");
  process.stderr.write = streamWriter(streams, "stderr");
  setDisplaySink((bundle, update) => {
    streams.flush();
    void io.publish(parent, update ? "update_display_data" : "display_data", {
      data: bundle.data,
      metadata: bundle.metadata ?? {},
      transient: bundle.transient ?? {},
    });
  });
  return streams;
}

function streamWriter(streams: StreamBuffer, name: StreamName) {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    streams.write(name, typeof chunk === "string" ? chunk : utf8.decode(chunk));
    // write(chunk, callback) and write(chunk, encoding, callback) both end with the callback.
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
}
