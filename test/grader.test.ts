// The grader: starters are todo, solutions pass, every realistic wrong answer fails with its symptom,
// and learner code that loops, throws, exits or does not compile fails only its own exercise.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ExerciseResult, gradeNotebooks } from "../grader/grade.js";
import { generate } from "../build/generate.js";
import { linkLibraries } from "../build/workspace.js";
import type { ExerciseSpec, Lesson } from "../build/lesson.js";

const root = join(import.meta.dirname, "..");
const work = join(root, "artifacts", "grader-test");
const lessons = generate().lessons;
const all: ExerciseSpec[] = lessons.flatMap((l) => l.exercises);
const maxWrong = Math.max(0, ...all.map((e) => e.wrong.length));

/** Writes the notebooks of every lesson, each exercise answered by `answerFor`, into work/<name>. */
function writeVariant(name: string, answerFor: (spec: ExerciseSpec) => string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  linkLibraries(dir);
  for (const [file, text] of generate({ answerFor }).notebooks)
    if (!file.includes("/")) writeFileSync(join(dir, file), text); // zh-TW: test/zh-tw.test.ts
  return dir;
}

/** The first lesson with two exercises, which the tests below answer in odd ways; a failure if none has two. */
function twoExercises(): { lesson: Lesson; e1: ExerciseSpec; e2: ExerciseSpec } {
  const lesson = lessons.find((l) => l.exercises.length >= 2);
  const [e1, e2] = lesson?.exercises ?? [];
  if (!lesson || !e1 || !e2) throw new Error("no lesson has two exercises to grade");
  return { lesson, e1, e2 };
}

/** The text of a generated notebook; a failure if the lessons do not generate it. */
function notebookText(notebooks: Map<string, string>, file: string): string {
  const text = notebooks.get(file);
  if (text === undefined) throw new Error(`the lessons generate no ${file}`);
  return text;
}

const byId = (results: ExerciseResult[]) => new Map(results.map((r) => [r.id, r]));
let starter: Map<string, ExerciseResult>;
let solved: Map<string, ExerciseResult>;
const wrong: Map<string, ExerciseResult>[] = [];

describe("grading every exercise of every lesson", () => {
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    const dirs = [
      writeVariant("starter", (s) => s.starter),
      writeVariant("solved", (s) => s.solution),
      ...Array.from({ length: maxWrong }, (_, k) =>
        writeVariant(`wrong-${k + 1}`, (s) => s.wrong[k]?.code ?? s.solution),
      ),
    ];
    const graded: ExerciseResult[][] = [];
    for (const d of dirs) graded.push(await gradeNotebooks([d], { timeoutMs: 8000 }));
    starter = byId(graded[0] ?? []);
    solved = byId(graded[1] ?? []);
    for (const g of graded.slice(2)) wrong.push(byId(g));
  }, 300_000);

  it("generate() finds exercises to grade in the lessons", () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((e) => [e.id, e] as const))(
    "gradeNotebooks(): exercise %s's untouched starter is graded todo",
    (id) => {
      const r = starter.get(id);
      expect(r?.verdict, r?.message).toBe("todo");
    },
  );

  it.each(all.map((e) => [e.id, e] as const))(
    "gradeNotebooks(): exercise %s's reference solution passes",
    (id) => {
      const r = solved.get(id);
      expect(r?.verdict, r?.message).toBe("pass");
    },
  );

  const wrongCases = all.flatMap((e) =>
    e.wrong.map((w, k) => [`${e.id} #${k + 1}`, e.id, k, w.symptom] as const),
  );
  it.each(wrongCases)(
    "gradeNotebooks(): wrong answer %s fails and names its symptom",
    (_, id, k, symptom) => {
      const r = wrong[k]?.get(id);
      expect(["fail", "error"], r?.message).toContain(r?.verdict);
      expect(r?.message).toContain(symptom);
    },
  );

  it("generate(): every lesson with exercises has at least three wrong answers, which the tests prove fail", () => {
    for (const l of lessons.filter((x) => x.exercises.length > 0)) {
      expect(l.exercises.flatMap((e) => e.wrong).length, l.slug).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("learner code that misbehaves fails only its own exercise", () => {
  let results: Map<string, ExerciseResult>;
  /** Each graded notebook and its text before grading. */
  const before = new Map<string, string>();
  const codes: Record<string, (s: ExerciseSpec) => string> = {
    loop: (s) => `while (Date.now() > 0) {}\nconst ${s.answer} = TODO;`,
    throws: (s) => `throw new Error("oops");\nconst ${s.answer} = TODO;`,
    exits: (s) => `process.exit(3);\nconst ${s.answer} = TODO;`,
    syntax: (s) => `const ${s.answer} = (1 + ;`,
    types: (s) => `const ${s.answer}: number = "a string";`,
  };

  beforeAll(async () => {
    const { lesson, e1, e2 } = twoExercises();
    const dir = join(work, "misbehave");
    mkdirSync(dir, { recursive: true });
    // exercise 1 misbehaves in each way in turn (one notebook per way); exercise 2 is solved
    const out = new Map<string, ExerciseResult>();
    for (const [how, code] of Object.entries(codes)) {
      const sub = join(dir, how);
      mkdirSync(sub, { recursive: true });
      linkLibraries(sub);
      const nbs = generate({
        answerFor: (s) => (s.id === e1.id ? code(s) : s.id === e2.id ? s.solution : s.starter),
      }).notebooks;
      const file = join(sub, `${lesson.slug}.ipynb`);
      writeFileSync(file, notebookText(nbs, `${lesson.slug}.ipynb`));
      before.set(file, readFileSync(file, "utf8"));
      const graded = await gradeNotebooks([file], { timeoutMs: 3000 });
      for (const r of graded) out.set(`${how}:${r.id}`, r);
    }
    results = out;
  }, 120_000);

  it("gradeNotebooks(): an endless loop times out, and the next exercise is still graded", () => {
    const { e1, e2 } = twoExercises();
    expect(results.get(`loop:${e1.id}`)?.verdict).toBe("timeout");
    expect(results.get(`loop:${e2.id}`)?.verdict).toBe("pass");
  });

  it("gradeNotebooks(): a throw, process.exit(), a syntax error and a type error each fail only that exercise", () => {
    const { e1, e2 } = twoExercises();
    expect(results.get(`throws:${e1.id}`)?.message).toContain("Error: oops");
    expect(results.get(`exits:${e1.id}`)?.message).toContain("process.exit");
    // line 3 of the answer cell: its first two lines are the exercise's title and the names it may use
    expect(results.get(`syntax:${e1.id}`)?.message).toMatch(
      /failed: line \d+:\d+: Expression expected/,
    );
    expect(results.get(`types:${e1.id}`)?.message).toMatch(
      /failed: line \d+:\d+: Type 'string' is not assignable to type 'number'/,
    );
    for (const how of Object.keys(codes)) {
      expect(results.get(`${how}:${e1.id}`)?.verdict, how).not.toBe("pass");
      expect(results.get(`${how}:${e2.id}`)?.verdict, how).toBe("pass");
    }
  });

  it("gradeNotebooks() never writes to a notebook it grades, whichever way its code misbehaves", () => {
    expect([...before.keys()].map((f) => f.split(/[\\/]/).at(-2))).toEqual(Object.keys(codes));
    for (const [file, text] of before) {
      expect(readFileSync(file, "utf8"), file).toBe(text);
      expect(statSync(file).size, file).toBe(Buffer.byteLength(text));
    }
  });
});

describe("notebooks the grader cannot fully read", () => {
  it("gradeNotebooks(): a notebook that is not valid JSON is named, for each of its exercises", async () => {
    const { lesson } = twoExercises();
    const dir = join(work, "broken");
    mkdirSync(dir, { recursive: true });
    linkLibraries(dir);
    const file = join(dir, `${lesson.slug}.ipynb`);
    writeFileSync(file, '{"cells": [');
    const results = await gradeNotebooks([file]);
    expect(results.map((r) => r.id)).toEqual(lesson.exercises.map((e) => e.id));
    for (const r of results) {
      expect(r.verdict).toBe("error");
      expect(r.message).toContain(`${lesson.slug}.ipynb is not valid JSON`);
    }
    expect(readFileSync(file, "utf8")).toBe('{"cells": [');
  });

  it("gradeNotebooks(): a lost answer cell is named with its exercise; a cell that lost its metadata is still found", async () => {
    const { lesson, e1, e2 } = twoExercises();
    const nb = JSON.parse(
      notebookText(generate({ solved: true }).notebooks, `${lesson.slug}.ipynb`),
    ) as {
      cells: { id: string; metadata: Record<string, unknown> }[];
    };
    const tag = (id: string) => `ex-${id.replace(".", "-")}-answer`;
    nb.cells = nb.cells.filter((c) => c.id !== tag(e1.id));
    const kept = nb.cells.find((c) => c.id === tag(e2.id));
    if (!kept) throw new Error(`no cell ${tag(e2.id)} in ${lesson.slug}.ipynb`);
    kept.metadata = {};
    const dir = join(work, "lost");
    mkdirSync(dir, { recursive: true });
    linkLibraries(dir);
    const file = join(dir, `${lesson.slug}.ipynb`);
    writeFileSync(file, JSON.stringify(nb));
    const results = new Map((await gradeNotebooks([file])).map((r) => [r.id, r]));
    expect(results.get(e1.id)?.verdict).toBe("error");
    expect(results.get(e1.id)?.message).toContain(`no cell defines ${e1.answer}`);
    expect(results.get(e1.id)?.message).toContain(`${lesson.slug}.ipynb`);
    expect(results.get(e2.id)?.verdict).toBe("pass");
  });
});
