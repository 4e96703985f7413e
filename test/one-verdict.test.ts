// One verdict: answers that use the lesson's earlier cells pass, coincidences of the worked example
// fail, the notebook's check() on the course kernel and `npm run grade` say the same, and the
// notebook is graded as it is, whatever happened to its cells.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type ExerciseResult, gradeNotebook, gradeNotebooks } from "../grader/grade.js";
import { jupyterAvailable, runLessons } from "./harness/execute.js";
import { generate } from "../build/generate.js";
import type { ExerciseSpec } from "../build/lesson.js";
import { linkLibraries } from "../build/workspace.js";
import { readNotebook, text } from "../build/ipynb.js";
import { unwrap } from "../course/wrap.js";
import { exerciseList } from "../course/exercise-list.generated.js";

const root = join(import.meta.dirname, "..");
const work = join(root, "artifacts", "one-verdict");
const lessons = generate().lessons;
const slugOf = (id: string) =>
  lessons.find((l) => l.exercises.some((e) => e.id === id))?.slug ?? "";

/** Answers written as a learner would, each with what its verdict must be and what its message says. */
interface Case {
  id: string;
  code: string;
  verdict: "pass" | "fail" | "error";
  says?: RegExp;
  saysNot?: RegExp;
}

const softmaxShiftedBy = (shift: string) => `function mySoftmax(alpha: number[]): number[] {
  const e = alpha.map((x) => Math.exp(x - ${shift}));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}`;

/** Grouped so that each exercise appears at most once in a group: a group is one set of notebooks. */
const groups: Record<string, Case[]> = {
  "earlier cells": [
    { id: "1.2", code: "const alpha32 = score(query(Wq, a3), keys[1]);", verdict: "pass" },
    {
      id: "3.1",
      code: "const b4mine = weightedSum(softmax(scores(query(Wq, a4), keys)), values);",
      verdict: "pass",
    },
    { id: "5.3", code: "const catScores = column(A, 1);", verdict: "pass" },
    { id: "6.3", code: "const b3mine = column(O, 2);", verdict: "pass" },
    {
      id: "2.1",
      code: 'import { softmax as sm } from "./src/index";\nconst alphaPrime3 = sm(scores(query(Wq, a3), inputs.map((a) => key(Wk, a))));',
      verdict: "pass",
    },
    {
      id: "8.4",
      code: "const rowO = multiply(softmaxRows(divide(multiply(Qrow, transpose(Krow)), Math.sqrt(2)) as Matrix), Vrow);",
      verdict: "pass",
    },
  ],
  coincidences: [
    {
      id: "1.1",
      code: "const q3mine = q1;",
      verdict: "fail",
      says: /second example[^]*Wq·a1, the query q1 of the cell above/,
    },
    {
      id: "1.2",
      code: "const alpha32 = score(q1, keys[1]);",
      verdict: "fail",
      says: /second example[^]*α1,2 = q1·k2/,
    },
    { id: "6.3", code: "const b3mine = column(O, 0);", verdict: "fail", says: /second example/ },
    {
      id: "3.3",
      code: "const b2mine = [0.8808, 0.7119, 2.1932];",
      verdict: "fail",
      says: /its numbers were typed in/,
    },
    {
      id: "8.4", // every digit typed in: right on the worked example only
      code: "const rowO = [[0.6697615493266569, 1.1028389340871123, 2.0092846479799706], [0.8044296825069569, 0.9224478590395797, 2.009284647979971], [0.6697615493266569, 1.1028389340871123, 2.0092846479799706], [0.6697615493266569, 0.9224478590395797, 2.4132890475208706]];",
      verdict: "fail",
      says: /second example/,
    },
    { id: "2.2", code: softmaxShiftedBy("alpha[0]"), verdict: "fail", says: /large scores/ },
    {
      id: "5.2",
      code: `function myColumnSoftmax(A: number[][]): number[][] {
  const n = A.length;
  const cols = A[0].map((_, i) => A.map((row) => Math.exp(row[i])));
  const sums = cols.map((c) => c.reduce((a, b) => a + b, 0));
  return Array.from({ length: n }, (_, j) => cols.map((c, i) => c[j] / sums[i]));
}`,
      verdict: "fail",
      says: /large scores/,
    },
  ],
  messages: [
    {
      id: "0.1",
      code: "const myProduct = [[5, 2], [5, 13, 1]];",
      verdict: "fail",
      says: /different lengths: row 0 has 2 entries, row 1 has 3/,
    },
    {
      id: "2.1",
      code: "const alphaPrime3 = [0.5344, 0.1966, 0.0723, 0.1966];",
      verdict: "fail",
      says: /about 4 decimals/,
      saysNot: /divide by the sum/,
    },
    { id: "3.1", code: 'const b4mine = show(b1, "b1");', verdict: "fail", says: /no value/ },
    {
      id: "1.3",
      code: "function mostAttended(q: number[], keys: number[][]): number {\n  return qDotK;\n}",
      verdict: "error",
      says: /the cell that defines mostAttended failed: line \d+:\d+: Cannot find name 'qDotK'/,
    },
    { id: "2.2", code: softmaxShiftedBy("0"), verdict: "fail", says: /large scores/ },
    {
      id: "1.1", // the same on both examples, from no number written in the cell: not "typed in"
      code: 'const q3mine = JSON.parse("[1, 1]") as number[];',
      verdict: "fail",
      says: /stays the same[^]*does not follow those names/,
      saysNot: /typed in/,
    },
    {
      id: "1.2",
      code: "const alpha32 = score(query(Wq, a3), keys[4]);",
      verdict: "error",
      says: /got undefined\nThere is no keys\[4\][^]*keys\[0\] to keys\[3\][^]*counts from 0/,
    },
    {
      id: "3.2",
      code: `function myWeightedSum(weights: number[], values: number[][]): number[] {
  return weightedSum(weights, values).toArray() as number[];
}`,
      verdict: "fail",
      says: /calls weightedSum, which this exercise asks you to write yourself/,
    },
    {
      id: "6.2",
      code: `function myOutputs(V: number[][], Aprime: number[][]): number[][] {
  return V.map((row) => Aprime[0].map((_, i) => row.reduce((s, v, j) => s + v * Aprime[i][j], 0)));
}`,
      verdict: "fail",
      says: /^on a random case/,
      saysNot: /worked example/,
    },
  ],
};

const answerFor = (cases: Case[]) => (s: ExerciseSpec) =>
  cases.find((c) => c.id === s.id)?.code ?? s.solution;

/** Each group's notebooks (only the lessons it touches), graded. */
const graded = new Map<string, Map<string, ExerciseResult>>();

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  for (const [name, cases] of Object.entries(groups)) {
    const dir = join(work, name.replace(/\s/g, "-"));
    mkdirSync(dir, { recursive: true });
    linkLibraries(dir);
    const slugs = new Set(cases.map((c) => slugOf(c.id)));
    for (const [file, text] of generate({ answerFor: answerFor(cases) }).notebooks)
      if (slugs.has(file.replace(/\.ipynb$/, ""))) writeFileSync(join(dir, file), text);
    graded.set(name, new Map((await gradeNotebooks([dir])).map((r) => [r.id, r])));
  }
}, 600_000);

describe.each(Object.entries(groups))("npm run grade on answers: %s", (name, cases) => {
  it.each(cases.map((c) => [`${c.id} ${c.code.split("\n")[0]}`, c] as const))("%s", (_, c) => {
    const r = graded.get(name)?.get(c.id);
    expect(r?.verdict, r?.message).toBe(c.verdict);
    if (c.says) expect(r?.message).toMatch(c.says);
    if (c.saysNot) expect(r?.message).not.toMatch(c.saysNot);
  });
});

describe.skipIf(!jupyterAvailable())(
  "check() on the course kernel says what npm run grade says",
  () => {
    it.each(Object.entries(groups))(
      "%s: the same verdict and message in the notebook as from the grader",
      async (name, cases) => {
        const only = [...new Set(cases.map((c) => slugOf(c.id)))];
        const run = runLessons({
          variant: { name: name.replace(/\s/g, "-"), answerFor: answerFor(cases) },
          kernel: "course",
          only,
          tag: "verdict",
        });
        expect(run.results.length, run.stderr.slice(-2000)).toBe(only.length);
        const fromGrader = new Map(
          (await gradeNotebooks([join(run.dir, "notebooks")])).map((r) => [r.id, r]),
        );
        for (const r of run.results) {
          const nb = readNotebook(
            join(run.dir, "executed", r.notebook.split("/").pop() ?? ""),
            exerciseList,
          );
          const failedAt = nb.cells.find((x) => x.id === r.cell_id)?.index ?? 0;
          for (const c of nb.cells) {
            if (c.exercise?.role !== "check") continue;
            const id = c.exercise.exercise;
            const printed = unwrap(c.outputs.map((o) => text(o.text)).join(""));
            // Run All stops at a cell that fails, as JupyterLab's does: its check cell never ran
            if (printed === "" && !r.ok && failedAt < c.index) continue;
            const g = fromGrader.get(id);
            const mark = { pass: "✓", todo: "…", fail: "✗", error: "✗", timeout: "✗" }[
              g?.verdict ?? "error"
            ];
            expect(printed.slice(0, 1), `${id}: the grader says ${g?.verdict}: ${g?.message}`).toBe(
              mark,
            );
            // the grader says more about a cell that failed; otherwise both say the same words
            if (!g?.message.startsWith("the cell that defines"))
              expect(printed, `${id}`).toContain(g?.message.split("\n")[0] ?? "?");
          }
        }
      },
      600_000,
    );
  },
);

describe("a notebook graded as it is", () => {
  const slug = "01-queries-and-keys";
  /** Lesson 1's exercises, in the notebook's order. */
  const ids = (lessons.find((l) => l.slug === slug)?.exercises ?? []).map((e) => e.id);
  const solved = (edition = "") =>
    JSON.parse(generate({ solved: true }).notebooks.get(`${edition}${slug}.ipynb`) ?? "{}") as {
      metadata: Record<string, unknown>;
      cells: {
        id: string;
        cell_type: string;
        metadata: Record<string, unknown>;
        source: string[];
      }[];
    };
  const dir = join(work, "as-it-is");
  const grade = async (file: string, nb: unknown) => {
    writeFileSync(join(dir, file), typeof nb === "string" ? nb : JSON.stringify(nb));
    return new Map((await gradeNotebook(join(dir, file))).map((r) => [r.id, r]));
  };
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    linkLibraries(dir);
  });

  it("gradeNotebook: deleted check cells, a split answer cell and a pasted starter before the answer change nothing", async () => {
    const nb = solved();
    nb.cells = nb.cells.filter((c) => !/-check$/.test(c.id));
    const k = nb.cells.findIndex((c) => c.id === "ex-1-1-answer");
    const answer = nb.cells[k] as (typeof nb.cells)[number];
    // Split Cell keeps the metadata in both halves
    const head = { ...answer, id: "split-a", source: answer.source.slice(0, 2) };
    const tail = { ...answer, id: "split-b", source: answer.source.slice(2) };
    const pasted = {
      ...answer,
      id: "pasted",
      source: ["// Exercise 1.1: q1\n", "const q3mine = TODO;"],
    };
    nb.cells.splice(k, 1, pasted, head, tail);
    const r = await grade(`${slug}.ipynb`, nb);
    expect(ids.length).toBeGreaterThan(2);
    for (const id of ids) expect(r.get(id)?.verdict, r.get(id)?.message).toBe("pass");
  });

  it.each([
    ["", /q1 is defined in the lesson's cell under "[^"]+": you renamed or deleted it/],
    ["zh-TW/", /q1 定義在本課「[\u4e00-\u9fff][^」]*」這一節底下的儲存格：你在那裡把它改了名字/],
  ])(
    "gradeNotebook: an answer using a name the learner renamed in the lesson's cell is told where it was defined (%s)",
    async (edition, where) => {
      const nb = JSON.parse(
        generate({
          answerFor: (s) => (s.id === "1.2" ? "const alpha32 = score(q1, keys[1]);" : s.solution),
        }).notebooks.get(`${edition}${slug}.ipynb`) ?? "{}",
      ) as ReturnType<typeof solved>;
      const defining = nb.cells.find(
        (c) => c.cell_type === "code" && /^const q1 =/m.test(c.source.join("")),
      );
      expect(defining, "lesson 1 defines q1 in a code cell").toBeDefined();
      if (defining) defining.source = defining.source.map((l) => l.replace(/\bq1\b/g, "myQ1"));
      const r = await grade(`${slug}.ipynb`, nb);
      expect(r.get("1.2")?.verdict).toBe("error");
      expect(r.get("1.2")?.message).toMatch(/Cannot find name 'q1'/);
      expect(r.get("1.2")?.message).toMatch(where);
    },
  );

  it.each(["", "zh-TW/"])(
    "gradeNotebook: a renamed notebook that lost its metadata is matched by its exercises' first lines (%s)",
    async (edition) => {
      const nb = solved(edition);
      nb.metadata = {};
      for (const c of nb.cells) c.metadata = {};
      const r = await grade("my copy.ipynb", nb);
      expect([...r.keys()]).toEqual(ids);
      for (const x of r.values()) expect(x.verdict, x.message).toBe("pass");
      if (edition) for (const x of r.values()) expect(x.message).toMatch(/正確/);
    },
  );

  it("gradeNotebook: a notebook that matches no lesson is named and fails", async () => {
    const nb = solved();
    nb.metadata = {};
    nb.cells = nb.cells.filter((c) => c.cell_type === "markdown");
    const r = await grade("notes.ipynb", nb);
    const only = [...r.values()];
    expect(only).toHaveLength(1);
    expect(only[0]?.verdict).toBe("error");
    expect(only[0]?.message).toContain("cannot tell which lesson");
    expect(only[0]?.message).toContain("notes.ipynb");
  });

  it("gradeNotebooks: an answer that replaces Math.exp and Array.prototype.map changes no other notebook's verdicts", async () => {
    const sub = join(work, "isolation");
    mkdirSync(sub, { recursive: true });
    linkLibraries(sub);
    const nbs = generate({
      answerFor: (s) =>
        s.id === "0.1"
          ? "Math.exp = () => 1;\nArray.prototype.map = function () { return []; } as never;\nconst myProduct = TODO;"
          : s.solution,
    }).notebooks;
    for (const f of ["00-start-here.ipynb", "02-normalisation.ipynb"])
      writeFileSync(join(sub, f), nbs.get(f) ?? "");
    const r = new Map((await gradeNotebooks([sub])).map((x) => [x.id, x]));
    for (const id of ["2.1", "2.2", "2.3"])
      expect(r.get(id)?.verdict, r.get(id)?.message).toBe("pass");
  });
});
