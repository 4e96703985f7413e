// Runs answers in worker threads, a few at a time, each answer with a time limit.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CheckResult } from "../course/check.js";

export interface Job {
  id: string;
  js: string;
}

/**
 * One worker thread that answers run in, one after another. Loading the library takes most of a
 * second, so a worker is kept for the next answer; one that timed out, crashed or exited is
 * replaced by a fresh one. Each answer is a module of its own, so answers share no variables.
 */
class Lane {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private count = 0;

  constructor(private readonly root: string) {}

  private start(): Promise<void> {
    const worker = new Worker(join(this.root, "dist", "grader", "worker.js"), {
      workerData: { root: this.root },
      stdout: true, // a learner's console.log stays out of the report
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      execArgv: [], // not the flags of whatever process runs the grader
    });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("the library did not load in 120 s")),
        120_000,
      );
      worker.once("message", () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    return this.ready;
  }

  private drop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  async run(job: Job, timeoutMs: number): Promise<CheckResult> {
    try {
      await (this.ready ?? this.start());
    } catch (e) {
      this.drop();
      return {
        id: job.id,
        verdict: "error",
        message: `the grader could not start: ${(e as Error).message}`,
      };
    }
    const worker = this.worker as Worker;
    // a unique first line makes each answer a module of its own, even when two texts are the same
    const js = `// answer ${++this.count}\n${job.js}`;
    return new Promise((resolve) => {
      let done = false;
      const finish = (r: CheckResult, keep: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (!keep) this.drop();
        resolve(r);
      };
      const onMessage = (r: CheckResult) => finish(r, true);
      const onError = (e: Error) =>
        finish({ id: job.id, verdict: "error", message: `your code crashed: ${e.message}` }, false);
      const onExit = (code: number) =>
        finish(
          {
            id: job.id,
            verdict: "error",
            message: `your code stopped the program (process.exit(${code}) or similar) before it could be checked`,
          },
          false,
        );
      const timer = setTimeout(
        () =>
          finish(
            {
              id: job.id,
              verdict: "timeout",
              message: `did not finish within ${timeoutMs / 1000} s: is there a loop that never ends?`,
            },
            false,
          ),
        timeoutMs,
      );
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({ id: job.id, js });
    });
  }

  close(): void {
    this.drop();
  }
}

/**
 * Runs every job, `parallel` at a time, and returns the results in the jobs' order. An endless
 * loop is stopped after `timeoutMs`; a throw, process.exit() or running out of memory fails only
 * the answer that did it.
 */
export async function runAll(
  root: string,
  jobs: readonly Job[],
  timeoutMs: number,
  parallel = availableParallelism(),
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(jobs.length);
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(parallel, jobs.length)) },
    () => new Lane(root),
  );
  await Promise.all(
    lanes.map(async (lane) => {
      while (next < jobs.length) {
        const k = next++;
        results[k] = await lane.run(jobs[k] as Job, timeoutMs);
      }
      lane.close();
    }),
  );
  return results;
}

/** Runs one answer by itself. */
export async function runAnswer(root: string, job: Job, timeoutMs: number): Promise<CheckResult> {
  return (await runAll(root, [job], timeoutMs, 1))[0] as CheckResult;
}
