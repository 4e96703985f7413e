// Checks one exercise's answer against the library: the same verdict in the notebook and in the grader.
import {
  agrees,
  describeShape,
  firstDifference,
  format,
  notNumbers,
  type Plain,
  symptom,
  toPlain,
} from "./compare.js";
import type { Exercise, Mistake } from "./exercise.js";
import { type Case, casesFor } from "./inputs.js";
import { isTodo } from "./todo.js";
import { inEdition, words } from "./words.js";

export type Verdict = "pass" | "fail" | "error" | "todo" | "timeout";

export interface CheckResult {
  id: string;
  verdict: Verdict;
  /** One or more lines: what is wrong, expected against got, with shapes and the first difference. */
  message: string;
  /** The exercise's mistakes (indices into its `mistakes`) a wrong answer equals; the first is named. */
  mistakes?: readonly number[];
  /** The hint that follows the mistake named, in the edition's words. */
  hint?: string;
}

/** How to check: `only`, the mistakes that may be named (those an answer equals on both examples). */
export interface CheckOptions {
  only?: readonly number[];
}

/** Stands for an answer name that no cell has defined (the answer cell failed, was renamed or deleted). */
export const NOT_DEFINED: unique symbol = Symbol("not defined");

const DEFAULT_TOLERANCE = 1e-9;
/** A number worked out by hand is right when it rounds to what the lesson prints: 4 decimals. */
const BY_HAND_TOLERANCE = 6e-5;
/** Close to this but not within the tolerance: typed in or rounded, not computed. */
const ROUNDED = 1e-3;

function wrongValue(got: Plain, want: Plain, tol: number, mistake: string, byHand = false): string {
  const lines: string[] = [];
  if (mistake) lines.push(mistake);
  else if (agrees(got, want, ROUNDED)) {
    lines.push(byHand ? words().roundedByHand : words().rounded);
  } else {
    const s = symptom(got, want, tol);
    if (s) lines.push(s);
  }
  if (describeShape(got) !== describeShape(want)) {
    lines.push(words().expectedShape(describeShape(want), describeShape(got)));
  } else {
    const d = firstDifference(got, want, tol);
    if (d) lines.push(words().firstDifference(d.at || null, format(d.want, 6), format(d.got, 6)));
  }
  lines.push(words().expected + format(want), words().gotValue + format(got));
  return lines.join("\n");
}

/** A function answer's results on the other cases it was tried on, to confirm a mistake there too. */
type Tried = { args: unknown[]; got: Plain }[];

/** The value a mistake gives, on `args` when it is a function; null when it gives none here. */
function mistaken(m: Mistake, args?: unknown[]): Plain | null {
  try {
    const wrong = m.when();
    return toPlain(args && typeof wrong === "function" ? wrong(...structuredClone(args)) : wrong);
  } catch {
    return null; // a mistake that does not apply to these inputs
  }
}

/** Whether an answer equals a mistake's value: agreeing within tol, NaN and ±Infinity included. */
function sameValue(got: Plain, wrong: Plain, tol: number): boolean {
  const flat = (x: Plain): number[] =>
    typeof x === "number" ? [x] : (x as (number | number[])[]).flat();
  if (agrees(got, wrong, tol)) return true;
  const [g, w] = [flat(got), flat(wrong)];
  return (
    describeShape(got) === describeShape(wrong) &&
    g.some((x) => !Number.isFinite(x)) &&
    g.every((x, j) => (Number.isFinite(x) ? agrees(x, w[j] as number, tol) : Object.is(x, w[j])))
  );
}

/**
 * The mistakes the answer equals, in the exercise's order. A mistake that gives the right value on
 * these inputs is skipped: there the answer is not that mistake, only a coincidence. For a function,
 * a mistake must also agree with the answer on every other case it was tried on.
 */
function matchMistakes(
  ex: Exercise,
  got: Plain,
  want: Plain,
  tol: number,
  args?: unknown[],
  others: Tried = [],
): number[] {
  const found: number[] = [];
  for (const [k, m] of ex.mistakes.entries()) {
    const plain = mistaken(m, args);
    if (plain === null || agrees(plain, want, tol) || !sameValue(got, plain, tol)) continue;
    const elsewhere = others.every((o) => {
      const there = mistaken(m, o.args);
      return there === null || sameValue(o.got, there, tol);
    });
    if (elsewhere) found.push(k);
  }
  return found;
}

/** What to say of an answer that equals mistake k: the catalogue's words, or the lesson's own. */
function mistakeMessage(ex: Exercise, k: number): string {
  const m = ex.mistakes[k] as Mistake;
  if (m.kind) return words().mistake(m.kind, ex.answer, inEdition(ex).formula(k, m.formula ?? ""));
  const nth = ex.mistakes.slice(0, k).filter((x) => x.say !== undefined).length;
  return inEdition(ex).says(nth, m.say ?? "");
}

/** The result of a wrong answer that equals the mistakes `found` (the first one named, if allowed). */
function diagnosed(
  ex: Exercise,
  found: number[],
  options: CheckOptions,
): { mistakes: number[]; text: string; hint?: string } {
  const mistakes = options.only ? found.filter((k) => options.only?.includes(k)) : found;
  const k = mistakes[0];
  if (k === undefined) return { mistakes, text: "" };
  const kind = (ex.mistakes[k] as Mistake).kind;
  const hint = kind ? words().mistakeHint(kind) : "";
  return { mistakes, text: mistakeMessage(ex, k), ...(hint ? { hint } : {}) };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** What to say about an answer that is not a value at all, or null when it is one. */
function notAnAnswer(ex: Exercise, answer: unknown): CheckResult | null {
  const id = ex.id;
  if (answer === NOT_DEFINED) {
    return {
      id,
      verdict: "error",
      message: words().notDefined(ex.answer, id),
    };
  }
  if (isTodo(answer)) {
    return { id, verdict: "todo", message: words().todo(id) };
  }
  if (answer === undefined) {
    return {
      id,
      verdict: "fail",
      message: words().undefinedAnswer(ex.answer, ex.kind),
    };
  }
  if (answer instanceof Promise) {
    return {
      id,
      verdict: "fail",
      message: words().promise(ex.answer),
    };
  }
  return null;
}

function checkValue(ex: Exercise, answer: unknown, options: CheckOptions): CheckResult {
  const id = ex.id;
  const tol = ex.tolerance ?? (ex.byHand ? BY_HAND_TOLERANCE : DEFAULT_TOLERANCE);
  const want = toPlain(ex.expected?.());
  if (want === null)
    throw new Error(`exercise ${id}: its expected value is not a number, vector or matrix`);
  const got = toPlain(answer);
  if (got === null) {
    return {
      id,
      verdict: "fail",
      message: words().shouldBe(
        ex.answer,
        describeShape(want),
        notNumbers(answer) ?? "",
        typeof want !== "number",
      ),
    };
  }
  if (agrees(got, want, tol)) return { id, verdict: "pass", message: words().right(ex.answer) };
  const { mistakes, text, hint } = diagnosed(ex, matchMistakes(ex, got, want, tol), options);
  return {
    id,
    verdict: "fail",
    message: wrongValue(got, want, tol, text, ex.byHand),
    mistakes,
    ...(hint ? { hint } : {}),
  };
}

function shortArgs(args: unknown[]): string {
  const text = args.map((a) => JSON.stringify(a)).join(", ");
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** The library functions a function answer calls although the exercise asks to write them. */
function forbiddenCalls(ex: Exercise, answer: (...args: unknown[]) => unknown): string[] {
  const source = Function.prototype.toString.call(answer);
  // cells reach the prelude's imports as properties of a module object (index_1.scores), never bare
  return (ex.forbid ?? []).filter((name) => new RegExp(`\\.${name}\\b(?!\\s*[:=])`).test(source));
}

/** An error an answer threw, and what it says of an index past the end of an array. */
function thrownText(e: unknown): string {
  const text = errorText(e);
  return /\bgot undefined\b|of undefined\b/.test(text) ? `${text}\n${words().pastTheEnd}` : text;
}

/** The answer's results on every case but the k-th, where it returns a value. */
function resultsElsewhere(fn: (...args: unknown[]) => unknown, cases: Case[], k: number): Tried {
  const tried: Tried = [];
  for (const [j, c] of cases.entries()) {
    if (j === k) continue;
    try {
      const got = toPlain(fn(...structuredClone(c.args)));
      if (got !== null) tried.push({ args: c.args, got });
    } catch {
      // a case it throws on says nothing about which mistake it is
    }
  }
  return tried;
}

function checkFunction(ex: Exercise, answer: unknown, options: CheckOptions): CheckResult {
  const id = ex.id;
  const tol = ex.tolerance ?? DEFAULT_TOLERANCE;
  if (typeof answer !== "function") {
    return {
      id,
      verdict: "fail",
      message: words().notAFunction(
        ex.answer,
        notNumbers(answer) ?? words().got(describeShape(toPlain(answer) as Plain)),
      ),
    };
  }
  const fn = answer as (...args: unknown[]) => unknown;
  const forbidden = forbiddenCalls(ex, fn);
  const forbiddenText = words().forbidden(ex.answer, forbidden);
  const cases: Case[] = casesFor(ex.inputs ?? "", id);
  for (const [k, { label: caseLabel, args }] of cases.entries()) {
    const label = words().caseLabel(caseLabel);
    const want = toPlain(ex.reference?.(...structuredClone(args)));
    if (want === null)
      throw new Error(`exercise ${id}: the reference returned no number, vector or matrix`);
    let result: unknown;
    try {
      result = fn(...structuredClone(args));
    } catch (e) {
      return {
        id,
        verdict: "error",
        message: words().threw(label, `${ex.answer}(${shortArgs(args)})`, thrownText(e)),
      };
    }
    if (isTodo(result)) {
      return { id, verdict: "todo", message: words().todoFunction(ex.answer) };
    }
    const where = words().onCase(label, k + 1, cases.length);
    const got = toPlain(result);
    if (got === null) {
      return {
        id,
        verdict: "fail",
        message: words().shouldReturn(
          where,
          `${ex.answer}(${shortArgs(args)})`,
          describeShape(want),
          result === undefined ? words().returnedUndefined : (notNumbers(result) ?? ""),
        ),
      };
    }
    if (!agrees(got, want, tol)) {
      const also = forbidden.length ? `\n${words().also(forbiddenText)}` : "";
      const others = resultsElsewhere(fn, cases, k);
      const found = matchMistakes(ex, got, want, tol, args, others);
      const { mistakes, text, hint } = diagnosed(ex, found, options);
      return {
        id,
        verdict: "fail",
        message: `${words().isWrong(where, `${ex.answer}(${shortArgs(args)})`)}\n${wrongValue(got, want, tol, text)}${also}`,
        mistakes,
        ...(hint ? { hint } : {}),
      };
    }
  }
  if (forbidden.length)
    return {
      id,
      verdict: "fail",
      message: words().forbiddenButRight(forbiddenText),
    };
  return { id, verdict: "pass", message: words().rightOnCases(ex.answer, cases.length) };
}

/**
 * Checks an answer for an exercise on one set of worked-example values. Never throws for anything
 * the learner wrote: a wrong shape, a throw inside their function, a TODO or a name left undefined
 * all come back as a verdict with a message.
 */
export function checkExercise(
  ex: Exercise,
  answer: unknown,
  options: CheckOptions = {},
): CheckResult {
  const early = notAnAnswer(ex, answer);
  if (early) return early;
  try {
    return ex.kind === "value"
      ? checkValue(ex, answer, options)
      : checkFunction(ex, answer, options);
  } catch (e) {
    return {
      id: ex.id,
      verdict: "error",
      message: words().checkingFailed(ex.answer, errorText(e)),
    };
  }
}

/** An exercise checked on one example: the right answer there, the learner's answer and the verdict. */
export interface Run {
  expected: unknown;
  answer: unknown;
  result: CheckResult;
}

/**
 * Whether an exercise is also checked on the second example: a value computed from the worked
 * example's names, whose right answer changes with them. Functions are tried on many cases anyway,
 * and a number worked out by hand is about the worked example alone.
 */
export function needsSecondRun(ex: Exercise): boolean {
  return ex.kind === "value" && !ex.byHand;
}

/**
 * Joins the verdict on the worked example with the one on a second example whose numbers have no
 * coincidences (no two equal queries, keys, scores or outputs). An answer right on the first only
 * by coincidence fails; an answer that stays the same while the right one changes does not follow
 * the names, and was typed in when `literal` (its cell holds numbers written out) says so; a
 * mistake is named only when the answer equals it on both examples. `recheck` checks the first
 * example's answer again, naming only the mistakes given.
 */
export function joinRuns(
  ex: Exercise,
  first: Run,
  second: Run | null,
  recheck: (only: readonly number[]) => CheckResult,
  literal?: boolean,
): CheckResult {
  const result = first.result;
  if (
    second === null ||
    !needsSecondRun(ex) ||
    (result.verdict !== "pass" && result.verdict !== "fail")
  )
    return result;
  const [wantHere, wantThere] = [toPlain(first.expected), toPlain(second.expected)];
  if (wantHere === null || wantThere === null || agrees(wantHere, wantThere, 1e-12)) return result;
  const [gotHere, gotThere] = [toPlain(first.answer), toPlain(second.answer)];
  const typedIn = gotHere !== null && gotThere !== null && agrees(gotThere, gotHere, 1e-12);
  const same = literal === false ? words().unchanged(ex.answer) : words().typedIn(ex.answer);
  if (result.verdict === "pass") {
    if (second.result.verdict === "pass") return result;
    if (typedIn) return { id: ex.id, verdict: "fail", message: same };
    const there = second.result;
    return {
      id: ex.id,
      verdict: there.verdict === "error" ? "error" : "fail",
      message: [words().coincidence(ex.answer), words().onSecondExample(there.message)].join("\n"),
      ...(there.mistakes ? { mistakes: there.mistakes } : {}),
      ...(there.hint ? { hint: there.hint } : {}),
    };
  }
  if (typedIn) {
    const plain = recheck([]);
    return { ...plain, message: `${same}\n${plain.message}`, mistakes: [] };
  }
  const confirmed = (result.mistakes ?? []).filter((k) => second.result.mistakes?.includes(k));
  return confirmed[0] === result.mistakes?.[0] ? result : recheck(confirmed);
}
