// What a notebook imports from the course: check(), TODO and the helpers that show matrices and pictures.
import type { VectorTrace } from "../src/index.js";
import {
  type CheckResult,
  checkExercise,
  joinRuns,
  NOT_DEFINED,
  needsSecondRun,
  type Run,
} from "./check.js";
import { format, toPlain } from "./compare.js";
import { matrixHtml, matrixLatex, type Showable, type TableOptions, traceHtml } from "./display.js";
import {
  type BarOptions,
  bars as barsSvg,
  type HeatmapOptions,
  heatmap as heatmapSvg,
  linePlot as linePlotSvg,
  overview as overviewSvg,
  type PlotOptions,
  type Series,
} from "./pictures.js";
import { exercises } from "./exercises.generated.js";
import { inEdition, words } from "./words.js";
import { wrap } from "./wrap.js";
import { declaredNames, holdsNumbers, missingEntries } from "./cell-names.js";
import { thrownText } from "./thrown.js";
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
export function tslabDisplay(): TslabDisplay | null {
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

/** The call that prints an exercise's reference solution, e.g. solution("2.1"). */
export function solutionCall(id: string): string {
  return `solution(${JSON.stringify(id)})`;
}

/**
 * The hint for the (n+1)-th wrong try: hints[n], the last one saying that solution("N.M") shows the
 * answer; once they have run out, only that.
 */
export function hintAfter(id: string, hints: readonly string[], n: number): string {
  const call = solutionCall(id);
  const hint = hints[n];
  if (hint === undefined) return words().noHintsLeft(call);
  return n === hints.length - 1 ? `${hint}\n${words().lastHint(call)}` : hint;
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

/** The global through which a kernel tells the course about each cell it ran (see `cellRan`). */
const CELL_RAN = Symbol.for("attention-from-zero.cell-ran");
/** The last cell run that declares a name, by that name: its source and, if it threw, its error. */
const lastCells = new Map<string, { source: string; error?: string; note?: string }>();

/**
 * Told by the kernel (and the grader) about each cell it ran, with the cell's source and, when it
 * threw, what it threw. Keeps the cell for the names it declares, so that check() can say why an
 * answer has no value, or whether its numbers were typed in. Returns the words to show under the
 * error when the cell read an entry past the end of an array (`keys[4]` of four keys).
 */
export function cellRan(source: string, threw = false, error?: unknown): string | undefined {
  let cell: { source: string; error?: string; note?: string } = { source };
  if (threw) {
    const text = thrownText(error);
    const entry = /\bundefined\b/.test(text)
      ? missingEntries(source, cellVariables() ?? {})[0]
      : undefined;
    cell = { source, error: text };
    if (entry) cell.note = words().noSuchEntry(entry.name, entry.index, entry.length);
  }
  for (const name of declaredNames(source)) lastCells.set(name, cell);
  return cell.note;
}

// the session's own copy is told; a copy loaded by a rerun on the second example is not
if ((globalThis as Record<PropertyKey, unknown>)[RERUNNING] !== true)
  (globalThis as Record<PropertyKey, unknown>)[CELL_RAN] = cellRan;

/** An answer left without a value by a cell that threw: that cell's error, and what caused it. */
function failedCell(ex: { answer: string; id: string }, answer: unknown): CheckResult | null {
  if (answer !== NOT_DEFINED && answer !== undefined) return null;
  const failed = lastCells.get(ex.answer);
  if (failed?.error === undefined) return null;
  return {
    id: ex.id,
    verdict: "error",
    message: words().cellFailed(ex.answer, failed.error, failed.note),
  };
}

/**
 * An exercise's verdict on the values that `scope` (a notebook's variables) gives its answer name.
 * Exported for the second run, which reaches it through its own copy of this module.
 */
export function firstRun(id: string, scope: Record<string, unknown> | null): Run | null {
  const ex = exercises.find((e) => e.id === id);
  if (!ex) return null;
  const answer = scope && ex.answer in scope ? scope[ex.answer] : NOT_DEFINED;
  let expected: unknown = null;
  try {
    expected = ex.expected?.();
  } catch {
    // a function exercise has no expected value
  }
  return { expected, answer, result: checkExercise(ex, answer) };
}

/** The cells run again on the second example (course kernel and grader only), then checked there. */
function secondRun(id: string): Run | null {
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
      message: words().noSuchExercise(
        id,
        exercises.map((e) => e.id),
      ),
    };
  }
  const first = firstRun(id, cellVariables()) as Run;
  const failed = failedCell(ex, first.answer);
  if (failed) return failed;
  const settled = first.result.verdict !== "pass" && first.result.verdict !== "fail";
  const second = !settled && needsSecondRun(ex) ? secondRun(id) : null;
  const source = lastCells.get(ex.answer)?.source;
  const literal = source === undefined ? undefined : holdsNumbers(source);
  return joinRuns(ex, first, second, (only) => checkExercise(ex, first.answer, { only }), literal);
}

/**
 * Checks your answer to an exercise, found by the name the exercise gives it (q3mine for 1.1),
 * and prints ✓ or what is wrong, with the next hint each time you try again; once the hints have
 * run out, it says that solution("1.1") shows the answer. It never throws, so "Run All" goes on
 * past exercises not done yet.
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
    // a mistake named brings the hint about it; otherwise the exercise's hints in their order
    const n = attempts.get(id) ?? 0;
    hint = result.hint ?? hintAfter(ex.id, inEdition(ex).hints, n);
    attempts.set(id, n + 1);
  } else if (result.verdict === "todo") {
    hint = inEdition(ex).hints[0];
  }
  console.log(wrap(checkReport(result, hint)));
}

/**
 * Prints the reference solution of an exercise, for when the hints have run out: solution("2.1").
 * Yours may differ and still be right; check() is the judge.
 */
export function solution(id: string): void {
  if ((globalThis as Record<PropertyKey, unknown>)[RERUNNING] === true) return;
  const ex = exercises.find((e) => e.id === id);
  if (!ex) {
    console.log(
      `✗ ${words().noSuchExercise(
        id,
        exercises.map((e) => e.id),
      )}`,
    );
    return;
  }
  const { title, solution: code } = inEdition(ex);
  console.log(`${words().aSolution(id, title)}\n\n${code}`);
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

/**
 * Shows a matrix as a heatmap; by default attention weights A', keys down the side and queries
 * across the top: `heatmap(Aprime, words)`. Options instead of words give other labels, a title,
 * a range or a marked column: `heatmap(Q, { title: "Q", cols: [...], mark: 1 })`.
 */
export function heatmap(
  M: Showable,
  tokens?: readonly string[] | HeatmapOptions,
  title = "A'",
): void {
  const options = Array.isArray(tokens)
    ? { tokens: tokens as readonly string[], title }
    : { title, ...(tokens as HeatmapOptions | undefined) };
  const name = options.title ?? title;
  showPicture(heatmapSvg(M, options), () => `${name} = ${format(toPlain(M) ?? Number.NaN)}`);
}

/** Shows one bar per value, labelled underneath: `bars(alpha1, words)`. */
export function bars(values: Showable, labels: readonly string[], options: BarOptions = {}): void {
  const svg = barsSvg(values, labels, options); // checks values first: a vector, one per label
  const v = toPlain(values) as number[];
  showPicture(svg, () => labels.map((l, j) => `${l}: ${format(v[j] as number)}`).join(", "));
}

/** Shows series of (x, y) points as lines, with a legend; `logX`, `logY` for log axes. */
export function linePlot(series: readonly Series[], options: PlotOptions = {}): void {
  showPicture(linePlotSvg(series, options), () =>
    series
      .map((s) => `${s.name}: ${s.points.map((p) => `(${p.join(", ")})`).join(" ")}`)
      .join("\n"),
  );
}

/** Shows the whole of self-attention at a glance: the words' vectors a1 … an in, b1 … bn out. */
export function overview(tokens: readonly string[]): void {
  const names = (p: string) => tokens.map((_, i) => `${p}${i + 1}`).join(" ");
  showPicture(overviewSvg(tokens), () => `${names("a")} → self-attention → ${names("b")}`);
}

/** Shows a drawn picture in the notebook; outside one (or while grading), prints it as text. */
function showPicture(svg: string, asText: () => string): void {
  const d = tslabDisplay();
  if (d) d.html(svg);
  else console.log(asText());
}

/** Shows any SVG picture. */
export function showSvg(svg: string): void {
  const d = tslabDisplay();
  if (d) d.html(svg);
  else console.log(svg);
}
