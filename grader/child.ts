// One notebook's grading run, in a process of its own: its cells in order on tslab's engine, then each exercise's verdict.
import type { Edition } from "../build/translation.js";
import vm from "node:vm";
import type { CheckResult } from "../course/check.js";
import { errorSummary } from "./messages.js";
import { words } from "../course/words.js";
import { CellRunner } from "../kernel/run.js";
import { setDisplaySink } from "../kernel/tslab.js";
import { cachedConverter } from "./compile-cache.js";

/** What the parent asks: the cells to run (by index, skipped ones left out) and the exercises to check. */
export interface Job {
  folder: string;
  fingerprint: string;
  cells: { index: number; source: string }[];
  ids: string[];
  /** The notebook's edition, whose words say what went wrong in a cell. */
  lang?: Edition;
}

/** How one cell went, as the learner would have seen it under the cell. */
export interface CellReport {
  index: number;
  kind: "ok" | "type-error" | "thrown";
  /** For a failed cell: the first error, with its line and column in the cell. */
  error?: string;
}

/** Messages to the parent, in this order: a start and an end for each cell, then each verdict. */
export type ChildMessage =
  | { type: "cell"; index: number }
  | { type: "running"; index: number }
  | { type: "cell-done"; report: CellReport }
  | { type: "checking"; id: string }
  | { type: "verdict"; result: CheckResult }
  | { type: "done" };

const send = (m: ChildMessage) =>
  new Promise<void>((resolve) => process.send?.(m, undefined, undefined, () => resolve()));

async function run(job: Job): Promise<void> {
  // A cell's displays go nowhere while grading; its printing is dropped by the parent.
  setDisplaySink(() => {});
  let current = -1;
  const cached = cachedConverter(job.folder, job.fingerprint);
  // the time limit starts once a cell is compiled: compiling is the grader's work, not the learner's
  const runner = new CellRunner(job.folder, (create) => {
    const converter = cached(create);
    return {
      ...converter,
      convert: (prevDecl, src) => {
        const result = converter.convert(prevDecl, src);
        process.send?.({ type: "running", index: current } satisfies ChildMessage);
        return result;
      },
    };
  });
  for (const cell of job.cells) {
    current = cell.index;
    await send({ type: "cell", index: cell.index });
    const outcome = await runner.run(cell.source);
    await send({
      type: "cell-done",
      report:
        outcome.kind === "ok"
          ? { index: cell.index, kind: "ok" }
          : {
              index: cell.index,
              kind: outcome.kind,
              error: errorSummary(outcome, words(job.lang ?? "en")),
            },
    });
  }
  const g = globalThis as Record<string, unknown>;
  for (const id of job.ids) {
    await send({ type: "checking", id });
    let result: CheckResult;
    try {
      // the same verdict() that check() prints in the notebook, from the module the cells loaded
      const course = (g.__tslab__ as { require(id: string): unknown }).require(
        "./course/notebook",
      ) as { verdict(id: string): CheckResult };
      g.__gradeVerdict = () => course.verdict(id);
      // breakOnSigint: the parent's time limit can stop an answer that loops while it is checked
      result = vm.runInThisContext("__gradeVerdict()", { breakOnSigint: true }) as CheckResult;
    } catch (e) {
      const interrupted = /interrupted/i.test(String(e));
      result = {
        id,
        verdict: interrupted ? "timeout" : "error",
        message: interrupted
          ? "checking it did not finish in time: does your function loop forever on some input?"
          : `the course helpers could not be loaded to check it (${String(e)}); is the first cell, the prelude, still there?`,
      };
    }
    await send({ type: "verdict", result });
  }
  await send({ type: "done" });
  runner.close();
}

// An interrupt from the parent stops the running cell (vm's breakOnSigint), never the process.
process.on("SIGINT", () => {});
// Errors a cell's timers or promises raise later belong to that cell; they never end the run.
process.on("uncaughtException", () => {});
process.on("unhandledRejection", () => {});
process.once("message", (job: Job) => {
  run(job).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`grading run failed: ${String(e)}\n`);
      process.exit(70);
    },
  );
});
