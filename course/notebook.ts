// What a notebook imports from the course: check(), TODO and the display helpers.
import type { VectorTrace } from "../src/index.js";
import {
  type CheckResult,
  checkExercise,
  NOT_DEFINED,
  needsSecondRun,
  type SecondRun,
  withSecondRun,
} from "./check.js";
import { format, toPlain } from "./compare.js";
import {
  heatmapSvg,
  matrixHtml,
  matrixLatex,
  type Showable,
  type TableOptions,
  traceHtml,
} from "./display.js";
import { exercises } from "./exercises.generated.js";
import { inEdition, words } from "./words.js";
// compiled with the course so that a rerun can put it in place of the worked example
export * as secondExample from "./second-example.js";

export { TODO } from "./todo.js";
export { useLanguage } from "./language.js";

interface TslabDisplay {
  html(s: string): void;
  latex(s: string): void;
  svg(s: string): void;
}

/** tslab's display when running inside its kernel, else null (then plain text is printed). */
function tslabDisplay(): TslabDisplay | null {
  const hook = (
    globalThis as { __tslab__?: { require?: (id: string) => { display?: TslabDisplay } } }
  ).__tslab__;
  try {
    return hook?.require?.("tslab").display ?? null;
  } catch {
    return null;
  }
}

const attempts = new Map<string, number>();

/** The text check() prints for a result: ✓, or ✗ with what is wrong and the next hint. */
export function checkReport(result: CheckResult, hint: string | undefined): string {
  const w = words();
  const said = `${w.exercise(result.id)}${result.message}`;
  if (result.verdict === "pass") return `✓ ${said}${w.stop}`;
  const head = result.verdict === "todo" ? `… ${said}${w.stop}` : `✗ ${said}`;
  return hint ? `${head}\n${w.hint}${hint}` : head;
}

/** The variables of the notebook's cells, as tslab keeps them; null outside a notebook. */
function cellVariables(): Record<string, unknown> | null {
  const tslab = (globalThis as { __tslab__?: { exports?: Record<string, unknown> } }).__tslab__;
  return tslab?.exports ?? null;
}

type Rerun = (replace: Record<string, string>) => {
  exports: Record<string, unknown>;
  require: (id: string) => unknown;
} | null;
const RERUN = Symbol.for("attention-from-zero.rerun");
const RERUNNING = Symbol.for("attention-from-zero.rerunning");

/** An exercise's verdict on the values that `scope` (a notebook's variables) gives its answer name. */
export function firstRun(id: string, scope: Record<string, unknown> | null): SecondRun | null {
  const ex = exercises.find((e) => e.id === id);
  if (!ex) return null;
  const answer = scope && ex.answer in scope ? scope[ex.answer] : NOT_DEFINED;
  let expected: unknown = null;
  try {
    expected = ex.expected?.();
  } catch {
    // a function exercise has no expected value
  }
  return { expected, result: checkExercise(ex, answer) };
}

/** The cells run again on the second example (course kernel and grader only), then checked there. */
function secondRun(id: string): SecondRun | null {
  const rerun = (globalThis as Record<PropertyKey, unknown>)[RERUN] as Rerun | undefined;
  if (typeof rerun !== "function") return null;
  const other = rerun({ "src/worked-example.js": "course/second-example.js" });
  if (!other) return null;
  const course = other.require("./course/notebook") as { firstRun: typeof firstRun };
  return course.firstRun(id, other.exports);
}

/**
 * The verdict on an exercise, from the answer name its cells defined: checked against the library
 * on the worked example and, where the answer is a value computed from it, on a second example.
 * The grader asks this very function, so the notebook and `npm run grade` agree.
 */
export function verdict(id: string): CheckResult {
  const ex = exercises.find((e) => e.id === id);
  if (!ex) {
    return {
      id,
      verdict: "error",
      message: words().noSuchExercise(id, exercises.map((e) => e.id).join(", ")),
    };
  }
  const first = (firstRun(id, cellVariables()) as SecondRun).result;
  return withSecondRun(
    ex,
    first,
    first.verdict === "pass" && needsSecondRun(ex) ? secondRun(id) : null,
  );
}

/**
 * Checks your answer to an exercise, found by the name the exercise gives it (q1mine for 1.1),
 * and prints ✓ or what is wrong, with the next hint each time you try again. It never throws, so
 * "Run All" goes on past exercises not done yet.
 */
export function check(id: string): void {
  if ((globalThis as Record<PropertyKey, unknown>)[RERUNNING] === true) return;
  const ex = exercises.find((e) => e.id === id);
  const result = verdict(id);
  if (!ex) {
    console.log(`✗ ${result.message}`);
    return;
  }
  let hint: string | undefined;
  if (result.verdict !== "pass" && result.verdict !== "todo") {
    const n = attempts.get(id) ?? 0;
    const { hints } = inEdition(ex);
    hint = hints[Math.min(n, hints.length - 1)];
    attempts.set(id, n + 1);
  } else if (result.verdict === "todo") {
    hint = inEdition(ex).hints[0];
  }
  console.log(checkReport(result, hint));
}

/** Shows a matrix or vector as a labelled table (columns a1…an for I, q1…qn for Q, …). */
export function show(M: Showable, name: string, options: TableOptions = {}): void {
  const d = tslabDisplay();
  if (d) d.html(matrixHtml(M, name, options));
  else console.log(`${name} = ${format(toPlain(M) ?? Number.NaN)}`);
}

/** Shows a matrix as LaTeX, e.g. Q = [ … ]. */
export function showLatex(M: Showable, name: string): void {
  const d = tslabDisplay();
  if (d) d.latex(matrixLatex(M, name));
  else console.log(matrixLatex(M, name));
}

/** Shows one query's vector-form trace: q_i, every k_j, α_i,j, α'_i,j, v_j and b_i. */
export function showTrace(t: VectorTrace, words?: readonly string[]): void {
  const d = tslabDisplay();
  if (d) d.html(traceHtml(t, words));
  else console.log(`b${t.i + 1} = ${format(toPlain(t.b) ?? Number.NaN)}`);
}

/** Shows attention weights A' as a heatmap: keys down the side, queries across the top. */
export function heatmap(Aprime: Showable, tokens?: readonly string[], title = "A'"): void {
  const d = tslabDisplay();
  if (d) d.html(heatmapSvg(Aprime, tokens, title));
  else console.log(`${title} = ${format(toPlain(Aprime) ?? Number.NaN)}`);
}

/** Shows any SVG picture (for plots made in a lesson). */
export function showSvg(svg: string): void {
  const d = tslabDisplay();
  if (d) d.html(svg);
  else console.log(svg);
}
