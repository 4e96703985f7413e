// The worker pool of `--watch`: vitest's fork workers, kept from one re-run to the next with the grader's warm sandboxes in them.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from "vitest/node";

/**
 * How many runs a worker serves before it is replaced: each run's start adds a listener of
 * vitest's in the worker, which a fresh process sheds.
 */
const RUNS_PER_WORKER = 8;

/** A worker between runs: alive, its vitest runtime started, and how many runs it has served. */
interface Kept {
  child: ChildProcess;
  runs: number;
}
const idle: Kept[] = [];

type Listener = (arg: unknown) => void;

/**
 * A vitest fork worker that is not ended when its run ends but kept for the next run, so that a
 * re-run after a save finds the grader loaded and the learner's sandbox started (vitest's own
 * forks pool ends every worker at the end of a run). Vitest's "stop" is answered here, so the
 * worker's runtime stays up; the next run's "start" sets it up again in the same process.
 */
class KeptFork implements PoolWorker {
  readonly name = "kept-forks";
  readonly cacheFs = true;
  private kept: Kept | null = null;
  private readonly listeners: [string, Listener][] = [];

  constructor(private readonly options: PoolOptions) {}

  private get child(): ChildProcess {
    if (!this.kept) throw new Error("the grading worker was not started");
    return this.kept.child;
  }

  private get streams() {
    const { logger } = this.options.project.vitest;
    return { out: logger.outputStream, err: logger.errorStream };
  }

  async start(): Promise<void> {
    let kept = idle.pop();
    while (kept && !(kept.child.connected && kept.child.exitCode === null)) kept = idle.pop();
    kept ??= {
      child: fork(join(this.options.distPath, "workers", "forks.js"), [], {
        env: this.options.env,
        execArgv: this.options.execArgv,
        stdio: "pipe",
        serialization: "advanced",
      }),
      runs: 0,
    };
    kept.runs++;
    this.kept = kept;
    kept.child.stdout?.pipe(this.streams.out, { end: false });
    kept.child.stderr?.pipe(this.streams.err, { end: false });
  }

  on(event: string, callback: Listener): void {
    this.listeners.push([event, callback]);
    this.child.on(event, callback);
  }

  off(event: string, callback: Listener): void {
    const k = this.listeners.findIndex(([e, c]) => e === event && c === callback);
    if (k !== -1) this.listeners.splice(k, 1);
    this.child.off(event, callback);
  }

  send(message: WorkerRequest): void {
    if (message.type === "stop" && this.kept && this.kept.runs < RUNS_PER_WORKER) {
      // the worker's runtime stays up for the next run: its "stopped" is given here
      const stopped = { type: "stopped", __vitest_worker_response__: true };
      const hear = this.listeners.filter(([e]) => e === "message").map(([, c]) => c);
      setImmediate(() => {
        for (const c of hear) c(stopped);
      });
      return;
    }
    this.child.send(message);
  }

  async stop(): Promise<void> {
    const kept = this.kept;
    if (!kept) return;
    this.kept = null;
    for (const [event, callback] of this.listeners.splice(0)) kept.child.off(event, callback);
    kept.child.stdout?.unpipe(this.streams.out);
    kept.child.stderr?.unpipe(this.streams.err);
    if (kept.runs < RUNS_PER_WORKER && kept.child.connected && kept.child.exitCode === null)
      idle.push(kept);
    else await end(kept.child);
  }

  deserialize(data: unknown): unknown {
    return data;
  }
}

/** Ends a worker: asked first, then killed (its sandboxes end with it, as they do with any grader). */
function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 2000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill();
  });
}

/** The pool for vitest's `pool` option in `--watch`. */
export const keptForks: PoolRunnerInitializer = {
  name: "kept-forks",
  createPoolWorker: (options) => new KeptFork(options),
};

/** Ends every kept worker. */
export function endKeptForks(): void {
  for (const { child } of idle.splice(0)) child.kill("SIGKILL");
}
