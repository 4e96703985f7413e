// Runs one notebook as the course kernel would, in a fresh process, with a time limit on every cell and every check.
import { type ChildProcess, fork } from "node:child_process";
import { dirname, join } from "node:path";
import type { CheckResult } from "../course/check.js";
import { isSkipped } from "../kernel/skip-line.js";
import { ROOT } from "../build/paths.js";
import type { CellReport, ChildMessage, Job } from "./child.js";
import { compileAhead } from "./compile-cache.js";
import type { NotebookFile } from "../build/ipynb.js";

export interface NotebookRun {
  /** How each cell that ran went, by its index among the code cells. */
  cells: Map<number, CellReport>;
  /** Cells stopped at the time limit. */
  timedOut: Set<number>;
  /** Cells that ended the process (process.exit, out of memory): run again without them. */
  ended: Set<number>;
  verdicts: Map<string, CheckResult>;
}

const CHILD = join(ROOT, "dist", "grader", "child.js");
/** After an interrupt, how long a cell has to stop before its process is ended instead. */
const GRACE_MS = 1500;
/** Compiling the first cell loads TypeScript and the library's types; this bounds a hung compile. */
const COMPILE_LIMIT_MS = 120_000;
/** The first cell to run also loads mathjs and the library, which takes seconds on a busy machine. */
const LOADING_MS = 30_000;

/**
 * Runs the notebook's code cells in order (leaving out cells that only time or draw), then asks
 * for the verdict of each exercise in `ids`. A cell past the time limit is interrupted, as the
 * toolbar's interrupt would, and the run goes on with the next cell; a cell that cannot be
 * interrupted, or that ends the process, is left out of a fresh run of the same notebook.
 */
export async function runNotebook(
  nb: NotebookFile,
  ids: readonly string[],
  options: { timeoutMs: number; fingerprint: string; ahead?: boolean },
): Promise<NotebookRun> {
  const run: NotebookRun = {
    cells: new Map(),
    timedOut: new Set(),
    ended: new Set(),
    verdicts: new Map(),
  };
  const skip = new Set(nb.cells.filter((c) => isSkipped(c.source)).map((c) => c.index));
  for (let attempt = 0; attempt <= nb.cells.length + ids.length; attempt++) {
    const left = ids.filter((id) => !run.verdicts.has(id));
    const job: Job = {
      folder: dirname(nb.file),
      fingerprint: options.fingerprint,
      cells: nb.cells
        .filter((c) => !skip.has(c.index) && !run.timedOut.has(c.index) && !run.ended.has(c.index))
        .map(({ index, source }) => ({ index, source })),
      ids: left,
      ...(nb.lang ? { lang: nb.lang } : {}),
    };
    if (options.ahead !== false)
      compileAhead(
        job.folder,
        options.fingerprint,
        job.cells.map((c) => c.source),
      );
    if (await once(job, run, options.timeoutMs)) break;
  }
  return run;
}

/** One process's run; true when it got to the end, false when it had to be ended part-way. */
function once(job: Job, run: NotebookRun, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(CHILD, [], {
      cwd: job.folder,
      stdio: ["ignore", "ignore", "pipe", "ipc"], // what the cells print is not part of the verdict
      execArgv: ["--max-old-space-size=2048"],
    });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    let phase: { kind: "cell"; index: number } | { kind: "check"; id: string } | null = null;
    let interrupted = false;
    let killedByUs = false;
    let finished = false;
    let first = true;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number) => {
      clearTimeout(timer);
      interrupted = false;
      timer = setTimeout(() => {
        interrupted = true;
        child.kill("SIGINT");
        timer = setTimeout(() => {
          killedByUs = true;
          child.kill("SIGKILL");
        }, GRACE_MS);
      }, ms);
    };
    child.on("message", (m: ChildMessage) => {
      if (m.type === "cell") {
        phase = { kind: "cell", index: m.index };
        arm(COMPILE_LIMIT_MS);
      } else if (m.type === "running") {
        arm(first ? timeoutMs + LOADING_MS : timeoutMs);
        first = false;
      } else if (m.type === "cell-done") {
        clearTimeout(timer);
        run.cells.set(m.report.index, m.report);
        if (interrupted) run.timedOut.add(m.report.index);
      } else if (m.type === "checking") {
        phase = { kind: "check", id: m.id };
        arm(timeoutMs);
      } else if (m.type === "verdict") {
        clearTimeout(timer);
        run.verdicts.set(m.result.id, m.result);
      } else if (m.type === "done") finished = true;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (finished) return resolve(true);
      const current = phase as typeof phase;
      if (current?.kind === "cell") {
        if (killedByUs || interrupted) run.timedOut.add(current.index);
        else {
          run.ended.add(current.index);
          run.cells.set(current.index, {
            index: current.index,
            kind: "thrown",
            error: `it ended the program (${signal ?? `exit code ${code}`}), as process.exit() or running out of memory does`,
          });
        }
      } else if (current?.kind === "check") {
        run.verdicts.set(current.id, {
          id: current.id,
          verdict: killedByUs || interrupted ? "timeout" : "error",
          message:
            killedByUs || interrupted
              ? `checking it did not finish within ${timeoutMs / 1000} s: does it loop forever on some input?`
              : `checking it ended the program (${signal ?? `exit code ${code}`})`,
        });
      } else {
        // the process failed before any cell: nothing a cell did, so no second try helps
        for (const id of job.ids)
          run.verdicts.set(id, {
            id,
            verdict: "error",
            message: `the grader could not run this notebook: ${stderr.trim() || `exit code ${code}`}`,
          });
        return resolve(true);
      }
      resolve(false);
    });
    child.send(job);
  });
}
