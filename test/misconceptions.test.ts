// Feedback that names the mistake: every misconception in an exercise's catalogue is recognised on
// both examples and named, by check()'s verdict and by `npm run grade`, in both editions; and no
// value exercise is answered by copying a name that the lesson's cells above it define.
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generate } from "../build/generate.js";
import { declaredNames } from "../build/ipynb.js";
import type { ExerciseSpec } from "../build/lesson.js";
import { writeNotebookFolder } from "../build/workspace.js";
import { checkExercise, joinRuns, type Run } from "../course/check.js";
import type { Exercise, Mistake } from "../course/exercise.js";
import { exercises } from "../course/exercises.generated.js";
import { useLanguage } from "../course/language.js";
import { inEdition, words } from "../course/words.js";
import { score } from "../src/index.js";
import { type ExerciseResult, gradeNotebooks } from "../grader/grade.js";

const root = join(import.meta.dirname, "..");
const work = join(root, "artifacts", "misconceptions");
const LANGS = ["en", "zh-TW"] as const;

/** The registry again, with the second example in place of the worked example. */
async function onSecondExample(): Promise<readonly Exercise[]> {
  vi.resetModules();
  vi.doMock("../src/worked-example.js", () => import("../course/second-example.js"));
  const again = (await import("../course/exercises.generated.js")).exercises;
  vi.doUnmock("../src/worked-example.js");
  vi.resetModules();
  return again;
}

/** Every catalogue entry: its exercise, its index among the exercise's mistakes, and itself. */
const catalogue = exercises.flatMap((ex) =>
  ex.mistakes.flatMap((m, k) => (m.kind ? [{ ex, k, m }] : [])),
);

/** The message words().mistake gives a catalogue entry, in the language in use. */
const naming = (ex: Exercise, m: Mistake, k: number) =>
  words().mistake(m.kind ?? "", ex.answer, inEdition(ex).formula(k, m.formula ?? ""));

/** A run of an exercise with the mistake's own value (or function) as the answer. */
function runOf(ex: Exercise, m: Mistake): Run {
  const answer = m.when();
  const expected = ex.kind === "value" ? ex.expected?.() : null;
  return { expected, answer, result: checkExercise(ex, answer) };
}

afterEach(() => useLanguage("en"));

describe("the misconception catalogue, through verdict()'s own functions", () => {
  let second: readonly Exercise[] = [];
  beforeAll(async () => {
    second = await onSecondExample();
  });

  it("every exercise has a catalogue, and its kinds have words in both editions", () => {
    for (const ex of exercises)
      expect(
        ex.mistakes.some((m) => m.kind),
        `${ex.id} has no misconception: line`,
      ).toBe(true);
    for (const { ex, m } of catalogue)
      for (const lang of LANGS) {
        expect(words(lang).mistakeHint(m.kind ?? ""), `${ex.id} ${m.kind} ${lang}`).not.toBe(
          words(lang).mistakeHint("no such kind"),
        );
      }
  });

  it("no two mistakes of an exercise give the same values on both examples, and none the right one on the second", () => {
    for (const ex of second.filter((e) => e.kind === "value" && !e.byHand)) {
      const here = exercises.find((e) => e.id === ex.id) as Exercise;
      const want = JSON.stringify(ex.expected?.());
      const values = ex.mistakes.map(
        (m, k) =>
          `${JSON.stringify((here.mistakes[k] as Mistake).when())} ${JSON.stringify(m.when())}`,
      );
      for (const [k, v] of values.entries()) {
        expect(JSON.stringify(ex.mistakes[k]?.when()), `${ex.id} mistake ${k} is right`).not.toBe(
          want,
        );
        expect(values.indexOf(v), `${ex.id} mistakes ${values.indexOf(v)} and ${k} agree`).toBe(k);
      }
    }
  });

  it.each(LANGS)(
    "each misconception, as an answer, fails with the message naming it, and brings its own hint (%s)",
    (lang) => {
      useLanguage(lang);
      for (const { ex, k, m } of catalogue) {
        const there = second.find((e) => e.id === ex.id) as Exercise;
        const first = runOf(ex, m);
        const other = ex.kind === "value" ? runOf(there, there.mistakes[k] as Mistake) : null;
        const r = joinRuns(ex, first, other, (only) => checkExercise(ex, first.answer, { only }));
        const label = `${lang} ${ex.id} ${m.kind} ${m.formula}`;
        expect(r.verdict, label).toBe("fail");
        expect(r.message, label).toContain(naming(ex, m, k));
        expect(r.hint, label).toBe(words().mistakeHint(m.kind ?? ""));
      }
    },
  );

  it("a mistake named on the worked example but not matched on the second example is not named", () => {
    const ex = exercises.find((e) => e.id === "1.1") as Exercise;
    const k = ex.mistakes.findIndex((m) => m.kind === "wkForWq");
    const first = runOf(ex, ex.mistakes[k] as Mistake);
    const other: Run = {
      expected: [5, 6],
      answer: [7, 8],
      result: { ...first.result, mistakes: [] },
    };
    const r = joinRuns(ex, first, other, (only) => checkExercise(ex, first.answer, { only }));
    expect(r.verdict).toBe("fail");
    expect(r.message).not.toContain("Wk·a3");
  });

  it("typed in is said of an answer that stays the same on both examples, and only of it", () => {
    const ex = exercises.find((e) => e.id === "1.1") as Exercise;
    const there = second.find((e) => e.id === "1.1") as Exercise;
    const typed = [1, 1]; // right on the worked example
    const run = (x: Exercise, answer: unknown): Run => ({
      expected: x.expected?.(),
      answer,
      result: checkExercise(x, answer),
    });
    const recheck = (only: readonly number[]) => checkExercise(ex, typed, { only });
    expect(joinRuns(ex, run(ex, typed), run(there, typed), recheck).message).toBe(
      words().typedIn("q3mine"),
    );
    // computed from the names, right only by a coincidence of the worked example: not typed in
    const q1 = (x: Exercise) => (x.mistakes.find((m) => m.kind === "otherWord") as Mistake).when();
    const coincidence = joinRuns(ex, run(ex, q1(ex)), run(there, q1(there)), recheck);
    expect(coincidence.message).not.toContain(words().typedIn("q3mine"));
    expect(coincidence.message).toContain("Wq·a1, the query q1 of the cell above");
  });

  it("a function answer that reads past the end of an array is told that code counts from 0", () => {
    const ex = exercises.find((e) => e.id === "1.3") as Exercise;
    const r = checkExercise(ex, (q: number[], keys: number[][]) =>
      keys.map((_, i) => score(q, keys[i + 1] as number[])),
    );
    expect(r.verdict).toBe("error");
    expect(r.message).toContain(words().pastTheEnd);
  });
});

/** An answer cell that binds the exercise's answer to `code`. */
const bind = (s: ExerciseSpec, code: string) => `const ${s.answer} = ${code};`;

/**
 * Grades, in one run, round j's notebooks for every j (both editions), each round's notebooks
 * answered by `answerFor(spec, j)` and written under a name of their own: `<key> <lang> <id>` → result.
 */
async function gradeRounds(
  name: string,
  rounds: number,
  answerFor: (s: ExerciseSpec, j: number) => string | null,
  english = false,
): Promise<Map<string, ExerciseResult>> {
  const files: [string, string][] = [];
  const roundOf = new Map<string, number>();
  for (let j = 0; j < rounds; j++) {
    const used = new Set(specs.filter((s) => answerFor(s, j) !== null).map((s) => s.lesson));
    const notebooks = generate({ answerFor: (s) => answerFor(s, j) ?? s.solution }).notebooks;
    for (const [file, text] of notebooks) {
      const slug = file.replace(/^zh-TW\//, "").replace(/\.ipynb$/, "");
      if (!used.has(slug) || (english && file.startsWith("zh-TW/"))) continue;
      const copy = file.replace(/\.ipynb$/, ` round-${j}.ipynb`);
      files.push([copy, text]);
      roundOf.set(copy.replace(/^zh-TW\//, ""), j);
    }
  }
  // a generous limit: this proves the words, not the speed, and CI may be busy
  const results = await gradeNotebooks(writeNotebookFolder(join(work, name), files), {
    timeoutMs: 30_000,
  });
  const out = new Map<string, ExerciseResult>();
  for (const r of results) {
    const j = roundOf.get(r.file.split("/").pop() ?? "");
    if (j !== undefined) out.set(`${j} ${r.lang ?? "en"} ${r.id}`, r);
  }
  return out;
}

const lessons = generate().lessons;
const specs = lessons.flatMap((l) => l.exercises);
const widest = Math.max(...specs.map((s) => s.misconceptions.length));

describe("npm run grade names every misconception, in both editions", () => {
  let graded = new Map<string, ExerciseResult>();
  beforeAll(async () => {
    graded = await gradeRounds("catalogue", widest, (s, j) => {
      const m = s.misconceptions[j];
      return m ? bind(s, m.code) : null;
    });
  }, 1_200_000);

  it.each(
    specs.flatMap((s) => s.misconceptions.map((m, j) => [s.id, m.kind, m.formula, j] as const)),
  )("%s: %s (%s)", (id, kind, formula, j) => {
    const ex = exercises.find((e) => e.id === id) as Exercise;
    for (const lang of LANGS) {
      const r = graded.get(`${j} ${lang} ${id}`);
      expect(r?.verdict, `${lang}: ${r?.message}`).toBe("fail");
      const said = inEdition(ex, lang).formula(j, formula);
      expect(r?.message, lang).toContain(words(lang).mistake(kind, ex.answer, said));
      if (lang === "zh-TW")
        expect(said, "a formula in Chinese words").not.toMatch(/\b(the|of|with|as|is)\b/);
    }
  });
});

/** The names the lesson's code cells above an exercise define, as the answer cell lists them. */
function namesAbove(id: string): string[] {
  const lesson = lessons.find((l) => l.exercises.some((e) => e.id === id));
  const names: string[] = [];
  for (const block of lesson?.blocks ?? []) {
    if (block.kind === "exercise" && block.id === id) break;
    if (block.kind === "code" && !block.skip)
      names.push(...declaredNames(block.source).filter((n) => !names.includes(n)));
  }
  return names;
}

describe("a value exercise is not answered by a name the lesson's cells above it define", () => {
  const values = specs.filter((s) => s.kind === "value");
  const tries = values.map((s) => ({ s, names: namesAbove(s.id) }));
  const rounds = Math.max(...tries.map((t) => t.names.length));
  let graded = new Map<string, ExerciseResult>();
  beforeAll(async () => {
    graded = await gradeRounds(
      "copy",
      rounds,
      (s, j) => {
        const name = tries.find((t) => t.s.id === s.id)?.names[j];
        return name ? bind(s, name) : null;
      },
      true,
    );
  }, 1_200_000);

  it.each(tries.flatMap((t) => t.names.map((n, j) => [t.s.id, n, j] as const)))(
    "%s: const answer = %s fails",
    (id, name, j) => {
      const r = graded.get(`${j} en ${id}`);
      expect(r, `${id} was not graded`).toBeDefined();
      expect(r?.verdict, `${id} = ${name}: ${r?.message}`).not.toBe("pass");
    },
  );
});

/** The slips a newcomer makes, as written in a notebook, and the words that must name each one. */
const SLIPS: { id: string; code: string; says: RegExp }[][] = [
  [
    { id: "1.1", code: "const q3mine = query(Wk, a3);", says: /Wk·a3, the key k3/ },
    {
      id: "1.2",
      code: "const alpha32 = score(query(Wq, a3), keys[4]);",
      says: /got undefined\nThere is no keys\[4\][^]*code counts from 0\. Entry 4 counted from 1 is keys\[3\]/,
    },
    { id: "0.5", code: "const fixedDot = buggyDot;", says: /its loop is off by one/ },
    { id: "2.4", code: "const fixedSoftmax = buggySoftmax;", says: /exp\(α − min α\)/ },
    { id: "2.5", code: "const guessRatio = 3 - 1;", says: /the gap between the two scores/ },
    {
      id: "3.1",
      code: "const b4mine = weightedSum(softmax(scores(query(Wq, a4), keys)), keys);",
      says: /Σ α'4,j·k_j: that uses keys where values belong/,
    },
    {
      id: "3.2",
      code: "function myWeightedSum(weights: number[], values: number[][]): number[] {\n  return [0, 1, 2].map((t) => values.reduce((s, v, j) => s + weights[j] * v[t], 0));\n}",
      says: /a sum over 3 entries/,
    },
    {
      id: "5.1",
      code: "const I3 = stackColumns([a1, a2, a3]);\nconst A3mine = multiply(transpose(queryMatrix(Wq, I3)), keyMatrix(Wk, I3));",
      says: /Q3ᵀK3/,
    },
    {
      id: "8.1",
      code: "const scaledAprime = softmaxColumns(divide(scoreMatrix(keyMatrix(Wk, I), queryMatrix(Wq, I)), 2) as Matrix);",
      says: /divides the scores by d_k, but they are divided by √d_k/,
    },
  ],
  [
    {
      id: "1.2",
      code: "const alpha32 = score(query(Wq, a3), keys[2]);",
      says: /α3,3 = q3·k3[^]*counts the words from 1/,
    },
    {
      id: "1.3",
      code: "function mostAttended(q: number[], keys: number[][]): number {\n  const s = keys.map((k) => score(q, k));\n  return s.indexOf(Math.max(...s)) + 1;\n}",
      says: /counted from 1/,
    },
    { id: "1.5", code: "const fixedScores = buggyScores;", says: /a key is made with Wk/ },
    { id: "3.3", code: "const b2mine = attendOne(2, inputs, weights).b;", says: /b3, the output/ },
    { id: "3.5", code: "const fixedOutput = buggyOutput;", says: /adds up the tokens a_j/ },
    {
      id: "4.2",
      code: "const Q5mine = keyMatrix(Wk, stackColumns([a2, a3, a4, a1, a2]));",
      says: /a query is made with Wq/,
    },
    { id: "5.4", code: "const fixedWeights = buggyWeights;", says: /QᵀK/ },
    { id: "4.5", code: "const fixedProject = buggyProject;", says: /tokens are columns/ },
    { id: "5.5", code: "const guessSumA5 = 1;", says: /one column of A' adds up to/ },
    { id: "6.5", code: "const guessOSize = [6, 5];", says: /one row per word/ },
    { id: "7.5", code: "const guessScoreGrowth = 3000 / 1000;", says: /the square of n/ },
    { id: "8.5", code: "const fixedCausal = buggyCausal;", says: /after the softmax/ },
    { id: "8.6", code: "const guessUnchanged = 4;", says: /counts the words from 1/ },
  ],
];

describe("npm run grade names the slips a newcomer makes", () => {
  let graded = new Map<string, ExerciseResult>();
  beforeAll(async () => {
    graded = await gradeRounds(
      "slips",
      SLIPS.length,
      (s, j) => SLIPS[j]?.find((x) => x.id === s.id)?.code ?? null,
      true,
    );
  }, 1_200_000);

  it.each(
    SLIPS.flatMap((slips, j) => slips.map((x) => [x.id, x.code.split("\n")[0], j, x] as const)),
  )("%s: %s", (id, _, j, slip) => {
    const r = graded.get(`${j} en ${id}`);
    expect(r?.verdict, r?.message).not.toBe("pass");
    expect(r?.message).toMatch(slip.says);
  });
});
