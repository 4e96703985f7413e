// The main thread's side of the watchdog thread (watchdog-worker.ts), which owns the control and
// heartbeat sockets: control messages arrive here through it, and replies go back through it.
import { Worker } from "node:worker_threads";
import { shared, type SharedMemory } from "./shared.js";
import { kernelLog } from "./log.js";
import type { ConnectionInfo } from "./sockets.js";

/** What the watchdog thread starts with: the sockets to bind and the memory of SharedState. */
export interface WatchdogData {
  info: ConnectionInfo;
  memory: SharedMemory;
}

/** Messages from the watchdog thread. */
export type ToMain =
  | { kind: "bound" }
  | { kind: "control"; frames: Uint8Array[] }
  | { kind: "probe"; probe: number }
  | { kind: "interrupt"; cell: number }
  | { kind: "sent"; id: number };

/** Messages to the watchdog thread. */
export type ToWatchdog =
  | { kind: "ack"; probe: number }
  | { kind: "send"; id: number; frames: Uint8Array[] }
  | { kind: "close" };

/** The control socket as the main thread sees it: frames in, frames out, through the watchdog. */
export class Watchdog implements AsyncIterable<Buffer[]> {
  private readonly worker: Worker;
  private readonly inbox: Buffer[][] = [];
  private wake: (() => void) | undefined;
  private readonly sent = new Map<number, () => void>();
  private nextId = 0;
  private closed = false;
  readonly ready: Promise<void>;
  /** Called when an interrupt_request came for `cell` (SharedState.runningCell), before its reply. */
  onInterrupt: ((cell: number) => void) | undefined;

  constructor(info: ConnectionInfo) {
    const workerData: WatchdogData = { info, memory: shared.memory };
    this.worker = new Worker(new URL("./watchdog-worker.js", import.meta.url), { workerData });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("error", (error) => {
        kernelLog("watchdog thread failed:", error);
        reject(error);
      });
      this.worker.on("message", (message: ToMain) => {
        if (message.kind === "bound") resolve();
        else this.receive(message);
      });
    });
  }

  /** Sends on the control socket; resolves once the frames are out. */
  send(frames: Buffer[]): Promise<void> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.sent.set(id, resolve);
      this.post({ kind: "send", id, frames });
    });
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer[]> {
    while (!this.closed) {
      const frames = this.inbox.shift();
      if (frames) yield frames;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Lets the thread close its sockets and end; terminating it with sockets open aborts the process. */
  close(): void {
    this.closed = true;
    this.wake?.();
    this.post({ kind: "close" });
  }

  private receive(message: ToMain): void {
    if (message.kind === "probe") this.post({ kind: "ack", probe: message.probe });
    else if (message.kind === "interrupt") this.onInterrupt?.(message.cell);
    else if (message.kind === "sent") {
      this.sent.get(message.id)?.();
      this.sent.delete(message.id);
    } else if (message.kind === "control") {
      this.inbox.push(message.frames.map((frame) => Buffer.from(frame)));
      this.wake?.();
      this.wake = undefined;
    }
  }

  private post(message: ToWatchdog): void {
    this.worker.postMessage(message);
  }
}
