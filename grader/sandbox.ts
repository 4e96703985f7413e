// Runs answers in worker threads, a few at a time, each with a time limit and its own memory.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { CheckResult } from "../course/check.js";

export interface Job {
  id: string;
  js: string;
}

/**
 * Runs one answer. An endless loop is stopped after `timeoutMs`; a throw, process.exit() or
 * running out of memory fails only this answer.
 */
export function runAnswer(root: string, job: Job, timeoutMs: number): Promise<CheckResult> {
  return new Promise((resolve) => {
    const worker = new Worker(join(root, "dist", "grader", "worker.js"), {
      workerData: { root },
      stdout: true, // a learner's console.log stays out of the report
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
      execArgv: [], // not the flags of whatever process runs the grader
    });
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: CheckResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(r);
    };
    const arm = (ms: number, r: CheckResult) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(r), ms);
    };
    // loading the library takes a moment on a busy machine; only the answer's own run is timed
    arm(120_000, {
      id: job.id,
      verdict: "error",
      message: "the grader could not start (the library did not load in 120 s)",
    });
    worker.on("message", (m: CheckResult | { ready: true }) => {
      if ("ready" in m) {
        arm(timeoutMs, {
          id: job.id,
          verdict: "timeout",
          message: `did not finish within ${timeoutMs / 1000} s: is there a loop that never ends?`,
        });
        worker.postMessage(job);
      } else finish(m);
    });
    worker.on("error", (e) =>
      finish({ id: job.id, verdict: "error", message: `your code crashed: ${e.message}` }),
    );
    worker.on("exit", (code) =>
      finish({
        id: job.id,
        verdict: "error",
        message: `your code stopped the program (process.exit(${code}) or similar) before it could be checked`,
      }),
    );
  });
}

/** Runs every job, `parallel` at a time, and returns the results in the jobs' order. */
export async function runAll(
  root: string,
  jobs: readonly Job[],
  timeoutMs: number,
  parallel = availableParallelism(),
): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const k = next++;
      results[k] = await runAnswer(root, jobs[k] as Job, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  return results;
}
