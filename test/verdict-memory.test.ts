// Remembered verdicts: an unchanged notebook keeps its verdicts without running; a changed answer, course or option is graded again.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { readNotebook } from "../build/ipynb.js";
import type { ExerciseSpec } from "../build/lesson.js";
import { linkLibraries } from "../build/workspace.js";
import { exerciseList } from "../course/exercise-list.generated.js";
import { fingerprint } from "../grader/compile-cache.js";
import { type ExerciseResult, gradeNotebooks } from "../grader/grade.js";
import { courseKey } from "../grader/session.js";
import { recall, remember, verdictKey } from "../grader/verdict-memory.js";

const root = join(import.meta.dirname, "..");
const work = join(root, "artifacts", "verdict-memory");
const lesson = generate().lessons.find((l) => l.exercises.length >= 2);
const [e1, e2] = lesson?.exercises ?? [];
const TIMEOUT = 8000;

/** Writes lesson's notebook into work/<name>, exercise 1 answered by `first`, the others solved. */
function write(name: string, first: (s: ExerciseSpec) => string): string {
  if (!lesson || !e1) throw new Error("no lesson has two exercises");
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  linkLibraries(dir);
  const text = generate({
    answerFor: (s) => (s.id === e1.id ? first(s) : s.solution),
  }).notebooks.get(`${lesson.slug}.ipynb`);
  if (!text) throw new Error(`no notebook for ${lesson.slug}`);
  const file = join(dir, `${lesson.slug}.ipynb`);
  writeFileSync(file, text);
  return file;
}

const keyOf = (file: string, timeoutMs = TIMEOUT, learner = "you") =>
  verdictKey(readNotebook(file, exerciseList), { course: courseKey(), learner, timeoutMs });
const grade = (file: string, remember: "use" | "renew" = "use") =>
  gradeNotebooks([file], { timeoutMs: TIMEOUT, remember });
const verdicts = (rs: ExerciseResult[]) => rs.map((r) => [r.id, r.verdict]);

describe("remembered verdicts", () => {
  let file: string;
  let first: ExerciseResult[];
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    file = write("solved", (s) => s.solution);
    first = await grade(file);
  }, 120_000);
  afterAll(() => {
    if (file) remember(keyOf(file), first); // what the grader itself found, for the next run
  });

  it("a graded notebook's verdicts are remembered under its key, and given again unchanged", async () => {
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(new Set(first.map((r) => r.verdict))).toEqual(new Set(["pass"]));
    expect([...(recall(keyOf(file))?.values() ?? [])].map((r) => [r.id, r.verdict])).toEqual(
      verdicts(first),
    );
    expect(await grade(file)).toEqual(first);
  }, 60_000);

  it("an unchanged notebook is not run: what is remembered is what it gets; --again runs it and remembers anew", async () => {
    // a remembered verdict no run would give proves that nothing ran
    const planted = first.map((r) =>
      r.id === e1?.id ? { ...r, verdict: "fail" as const, message: "planted" } : r,
    );
    remember(keyOf(file), planted);
    const again = await grade(file);
    expect(again.find((r) => r.id === e1?.id)?.message).toBe("planted");
    const ran = await grade(file, "renew");
    expect(verdicts(ran)).toEqual(verdicts(first));
    expect(recall(keyOf(file))?.get(e1?.id ?? "")?.message).not.toBe("planted");
    expect(await grade(file)).toEqual(first);
  }, 60_000);

  it("a changed answer is graded again: a wrong answer in place of the remembered solution fails", async () => {
    const wrong = lesson?.exercises[0]?.wrong[0]?.code;
    expect(wrong, "the lesson's first exercise has a wrong answer").toBeDefined();
    const changed = write("solved", () => wrong ?? "");
    expect(changed).toBe(file);
    const graded = await grade(changed);
    expect(graded.find((r) => r.id === e1?.id)?.verdict).toBe("fail");
    expect(graded.find((r) => r.id === e2?.id)?.verdict).toBe("pass");
    // a comment is a change too: it is run, never taken for the notebook before it
    const commented = write("solved", (s) => `${s.solution}\n// a second thought`);
    expect(keyOf(commented)).not.toBe(keyOf(write("solved", (s) => s.solution)));
  }, 120_000);

  it("another course build, time limit, learner or place is another key; the cells' printed outputs are not", () => {
    const nb = readNotebook(file, exerciseList);
    const context = { course: courseKey(), learner: "you", timeoutMs: TIMEOUT };
    const key = verdictKey(nb, context);
    expect(verdictKey(nb, { ...context, course: "another build" })).not.toBe(key);
    expect(verdictKey(nb, { ...context, timeoutMs: TIMEOUT + 1 })).not.toBe(key);
    expect(verdictKey(nb, { ...context, learner: "learner-2" })).not.toBe(key);
    const copy = write("elsewhere", (s) => s.solution);
    expect(keyOf(copy)).not.toBe(key);
    const printed = {
      ...nb,
      cells: nb.cells.map((c) => ({ ...c, outputs: [{ output_type: "stream", text: "seen" }] })),
    };
    expect(verdictKey(printed, context)).toBe(key);
  });

  it("a change to the course's code changes the course's fingerprint, so no verdict is kept across it", () => {
    const folder = join(work, "course-build");
    mkdirSync(join(folder, "src"), { recursive: true });
    writeFileSync(join(folder, "src", "score.ts"), "export const score = 1;\n");
    const before = fingerprint(folder);
    expect(fingerprint(folder)).toBe(before);
    writeFileSync(join(folder, "src", "score.ts"), "export const score = 2;\n");
    expect(fingerprint(folder)).not.toBe(before);
  });

  it("a run that timed out is not remembered: the next grading runs it again", async () => {
    const looping = write("loop", (s) => `while (Date.now() > 0) {}\n${s.starter}`);
    const graded = await gradeNotebooks([looping], { timeoutMs: 1500, remember: "use" });
    expect(graded.find((r) => r.id === e1?.id)?.verdict).toBe("timeout");
    expect(recall(keyOf(looping, 1500))).toBeNull();
  }, 120_000);
});
