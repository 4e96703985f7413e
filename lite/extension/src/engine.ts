// The page's side of the engine: one Web Worker running dist/lite/engine.js, spoken to with the
// messages of lite/protocol.ts. Each request gets an id; what the engine sends for that id goes to
// the request's listener until its "reply". Stopping the worker settles every open request.
import type { FromEngine, ToEngine } from "../../protocol.js";

/** What a request's listener receives: every message for its id except the final reply. */
export type EngineOutput = Exclude<FromEngine, { type: "ready" } | { type: "reply" }>;

/** A request without its id: the connection numbers it. */
export type EngineRequest = ToEngine extends infer T
  ? T extends { id: number }
    ? Omit<T, "id">
    : never
  : never;

/** How an open request ends: the engine's reply content, or "stopped" if the worker was stopped first. */
export type EngineAnswer = { content: Record<string, unknown> } | "stopped";

interface Open {
  listener: (output: EngineOutput) => void;
  settle: (answer: EngineAnswer) => void;
}

/** The page's performance marks (bench/site.ts reads them): an engine's worker made, ready, failed. */
export const ENGINE_STARTED = "attention-from-zero:engine-started";
export const ENGINE_READY = "attention-from-zero:engine-ready";
export const ENGINE_FAILED = "attention-from-zero:engine-failed";

/** The message that starts an engine. */
export type StartMessage = Extract<ToEngine, { type: "start" }>;

/**
 * An engine the page started before this extension loaded (lite/site/warm-engine.js): its worker,
 * the start message it was sent, and what it has answered so far.
 */
export interface EarlyEngine {
  url: string;
  start: StartMessage;
  worker: Worker;
  messages: FromEngine[];
  failed: string | undefined;
}

/** One running engine worker, started and sent "start" at once. */
export class EngineConnection {
  /** Resolves when the engine has answered "start" with "ready"; rejects if the worker fails to load. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly open = new Map<number, Open>();
  private nextId = 1;
  private stopped = false;
  /** Whether the worker failed to load (its ready promise rejected). */
  failed = false;

  /** Starts a worker for `url` and sends it `start`, or takes over the one `early` started. */
  constructor(
    readonly url: string,
    readonly start: StartMessage,
    early?: EarlyEngine,
  ) {
    if (!early) performance.mark(ENGINE_STARTED);
    // a classic script: dist/lite/engine.js is one IIFE bundle
    this.worker = early?.worker ?? new Worker(url, { name: "attention-from-zero-engine" });
    this.ready = new Promise<void>((resolve, reject) => {
      const fail = (why: string) => {
        this.failed = true;
        performance.mark(ENGINE_FAILED);
        reject(new Error(`the kernel's engine (${url}) failed to load: ${why}`));
      };
      const receive = (message: FromEngine) => {
        if (message.type === "ready") {
          performance.mark(ENGINE_READY);
          resolve();
        } else this.deliver(message);
      };
      this.worker.onmessage = null;
      this.worker.onerror = null;
      this.worker.addEventListener("error", (event) => fail(event.message));
      this.worker.addEventListener("message", (event: MessageEvent<FromEngine>) =>
        receive(event.data),
      );
      if (early?.failed !== undefined) fail(early.failed);
      early?.messages.forEach(receive);
    });
    if (!early) this.worker.postMessage(start);
  }

  /** Sends `request` and calls `listener` with its outputs; resolves with the engine's reply. */
  request(request: EngineRequest, listener: (output: EngineOutput) => void): Promise<EngineAnswer> {
    if (this.stopped) return Promise.resolve("stopped");
    const id = this.nextId++;
    return new Promise<EngineAnswer>((settle) => {
      this.open.set(id, { listener, settle });
      this.worker.postMessage({ ...request, id } as ToEngine);
    });
  }

  /** Terminates the worker, wherever its code is, and settles every open request as "stopped". */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.terminate();
    for (const { settle } of this.open.values()) settle("stopped");
    this.open.clear();
  }

  private deliver(message: Exclude<FromEngine, { type: "ready" }>): void {
    const open = this.open.get(message.id);
    if (!open) return; // the request was stopped, or never ours
    if (message.type === "reply") {
      this.open.delete(message.id);
      open.settle({ content: message.content });
    } else open.listener(message);
  }
}

/**
 * The page keeps at most one engine warm: the next kernel made in its folder (a notebook opened,
 * a restart, an interrupt) takes it instead of waiting for a worker to load TypeScript, mathjs and
 * the prelude's declarations.
 */
let spare: EngineConnection | undefined;

/** Whether `engine` was started with the same `url` and `start` message. */
function startedFor(engine: EngineConnection, url: string, start: StartMessage): boolean {
  return engine.url === url && JSON.stringify(engine.start) === JSON.stringify(start);
}

/**
 * Starts warming an engine for `start` unless one is warm already (returns the warm one): at the
 * extension's activation for the notebook the page's address opens, so that its compiler loads
 * while JupyterLab starts.
 */
export function warmEngine(url: string, start: StartMessage): EngineConnection {
  spare ??= new EngineConnection(url, start);
  return spare;
}

/**
 * Takes over the engine the page started (lite/site/warm-engine.js) as the warm one, if it did and
 * it runs `url`; returns the warm engine, if any.
 */
export function adoptEarlyEngine(url: string): EngineConnection | undefined {
  const scope = globalThis as { attentionFromZeroEngine?: EarlyEngine };
  const early = scope.attentionFromZeroEngine;
  delete scope.attentionFromZeroEngine;
  if (early && early.url === url) spare ??= new EngineConnection(url, early.start, early);
  else early?.worker.terminate();
  return spare;
}

/**
 * An engine for a new kernel: the warm one if it was started for the same `url` and `start`, else
 * a fresh one (a warm engine for another folder stays warm; one that failed to load is dropped).
 */
export function takeEngine(url: string, start: StartMessage): EngineConnection {
  const warm = spare;
  if (warm?.failed) {
    spare = undefined; // a worker that failed to load is not handed on: the new one tries again
    warm.stop();
  } else if (warm && startedFor(warm, url, start)) {
    spare = undefined;
    return warm;
  }
  return new EngineConnection(url, start);
}
