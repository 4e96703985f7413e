// A notebook's tests: one per exercise, each taking the learner's answer from the notebook's run and asserting it with toPassExercise.
import { join } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type Answer, type ExerciseResult, NotebookGrading } from "./grade.js";
import { inEdition } from "../course/words.js";
import { closeSandboxes, sandboxFor } from "./sandbox-process.js";
import { learnerOf } from "./learner.js";
import { compileHereOnly } from "./compile-cache.js";

/** What the command tells every notebook's tests, as values (vitest's provide and inject). */
export interface GradeSettings {
  /** Time limit per cell and per check, in milliseconds. */
  timeoutMs: number;
  /** The folder under which each learner's sandbox gets its scratch folder. */
  scratch: string;
  /** Files are named relative to this folder. */
  base: string;
  /** A class: one subfolder per learner. */
  classDir?: string;
  /** Remembered verdicts: used, or renewed by running every notebook (GradeOptions' `remember`). */
  remember: "use" | "renew";
}

declare module "vitest" {
  interface ProvidedContext {
    grade: GradeSettings;
  }
  interface TaskMeta {
    grade?: ExerciseResult;
  }
  interface Assertion<T> {
    /** Passes when check() would print ✓ for the exercise: the very verdict() it prints. */
    toPassExercise(id: string): Promise<T>;
  }
}

expect.extend({
  async toPassExercise(answer: Answer, id: string) {
    if (answer.id !== id)
      throw new Error(`the answer given is exercise ${answer.id}'s, not ${id}'s`);
    const r = await answer.judge();
    return {
      pass: r.verdict === "pass",
      message: () => `exercise ${id}: ${r.verdict}: ${r.message}`,
      actual: r.verdict,
      expected: "pass",
    };
  },
});

// a worker whose command is gone (it is kept between runs in --watch) ends, and its sandboxes with it
process.once("disconnect", () => {
  closeSandboxes();
  process.exit(0);
});

/** Declares a notebook's tests; vitest runs them in order, so the notebook runs once, forward. */
export function gradeSuite(file: string): void {
  const settings = inject("grade");
  if (settings.classDir) compileHereOnly();
  const learner = learnerOf(file, settings.classDir);
  // a folder of this worker's own: a learner's notebooks dealt out over two workers are two
  // sandboxes, which share nothing
  const sandbox = sandboxFor(join(settings.scratch, learner, `worker-${process.pid}`));
  closeSandboxes(3); // a class goes learner by learner: older learners' processes end
  const grading = new NotebookGrading(file, sandbox, {
    timeoutMs: settings.timeoutMs,
    base: settings.base,
    remember: settings.remember,
    learner,
  });

  const tag = (r: ExerciseResult) => (settings.classDir ? { ...r, learner } : r);
  describe(grading.shown, () => {
    // a notebook to run: its sandbox starts while its cells compile (when its tests run, not when
    // vitest collects them, which it may do for many notebooks first)
    beforeAll(() => {
      if (grading.list.length > 0 && !grading.nb.problem && !grading.remembered) sandbox.warm();
    });
    if (grading.list.length === 0) {
      it("can be graded", ({ task }) => {
        const r = grading.unknown();
        task.meta.grade = tag(r);
        expect.fail(r.message);
      });
    }
    for (const ex of grading.list) {
      it(`${ex.id} ${inEdition(ex, grading.nb.lang ?? "en").title}`, async ({ task }) => {
        const answer = await grading.answerTo(ex.id);
        try {
          await expect(answer).toPassExercise(ex.id);
        } finally {
          task.meta.grade = tag(await answer.judge());
        }
      });
    }
  });
}
