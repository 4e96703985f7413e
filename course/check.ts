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
import type { Exercise } from "./exercise.js";
import { type Case, casesFor } from "./inputs.js";
import { isTodo } from "./todo.js";

export type Verdict = "pass" | "fail" | "error" | "todo" | "timeout";

export interface CheckResult {
  id: string;
  verdict: Verdict;
  /** One or more lines: what is wrong, expected against got, with shapes and the first difference. */
  message: string;
}

/** Stands for an answer name that no cell has defined (the answer cell failed, was renamed or deleted). */
export const NOT_DEFINED: unique symbol = Symbol("not defined");

const DEFAULT_TOLERANCE = 1e-9;
/** A number worked out by hand is right when it rounds to what the lesson prints: 4 decimals. */
const BY_HAND_TOLERANCE = 6e-5;
/** Close to this but not within the tolerance: typed in or rounded, not computed. */
const ROUNDED = 1e-3;

function wrongValue(got: Plain, want: Plain, tol: number, mistake: string): string {
  const lines: string[] = [];
  if (mistake) lines.push(mistake);
  else if (agrees(got, want, ROUNDED)) {
    lines.push(
      "Your numbers agree with the right ones to about 4 decimals, but not exactly: they look typed in or rounded. Compute them with code instead, so that every digit is right.",
    );
  } else {
    const s = symptom(got, want, tol);
    if (s) lines.push(s);
  }
  if (describeShape(got) !== describeShape(want)) {
    lines.push(`expected ${describeShape(want)}, got ${describeShape(got)}`);
  } else {
    const d = firstDifference(got, want, tol);
    if (d)
      lines.push(
        `first difference at ${d.at || "the value"}: expected ${format(d.want, 6)}, got ${format(d.got, 6)}`,
      );
  }
  lines.push(`expected ${format(want)}`, `got      ${format(got)}`);
  return lines.join("\n");
}

/**
 * The message of the first common mistake the answer equals. A mistake that gives the right value
 * on these inputs is skipped: there the answer is not that mistake, only a coincidence.
 */
function matchMistake(
  ex: Exercise,
  got: Plain,
  want: Plain,
  tol: number,
  args?: unknown[],
): string {
  for (const m of ex.mistakes) {
    try {
      const wrong = m.when();
      const value = args && typeof wrong === "function" ? wrong(...structuredClone(args)) : wrong;
      const plain = toPlain(value);
      if (plain !== null && !agrees(plain, want, tol) && agrees(got, plain, tol)) return m.say;
    } catch {
      // a mistake that does not apply to these inputs
    }
  }
  return "";
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
      message: `${ex.answer} is not defined: run the answer cell of exercise ${id} first. If it shows an error, fix that error; if you renamed ${ex.answer}, give it its name back.`,
    };
  }
  if (isTodo(answer)) {
    return { id, verdict: "todo", message: `not done yet: replace the TODO in exercise ${id}` };
  }
  if (answer === undefined) {
    return {
      id,
      verdict: "fail",
      message: `${ex.answer} has no value (it is undefined). If its cell showed an error, fix that first; if you gave it the result of a call that returns nothing, such as show(…), give it the ${ex.kind === "function" ? "function" : "value"} itself.`,
    };
  }
  if (answer instanceof Promise) {
    return {
      id,
      verdict: "fail",
      message: `${ex.answer} is a Promise, not a result: put \`await\` before the call that gives it.`,
    };
  }
  return null;
}

function checkValue(ex: Exercise, answer: unknown): CheckResult {
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
      message: `${ex.answer} should be ${describeShape(want)} (a number array or a mathjs matrix), but ${notNumbers(answer)}.`,
    };
  }
  if (agrees(got, want, tol)) return { id, verdict: "pass", message: `${ex.answer} is right` };
  return {
    id,
    verdict: "fail",
    message: wrongValue(got, want, tol, matchMistake(ex, got, want, tol)),
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

function checkFunction(ex: Exercise, answer: unknown): CheckResult {
  const id = ex.id;
  const tol = ex.tolerance ?? DEFAULT_TOLERANCE;
  if (typeof answer !== "function") {
    return {
      id,
      verdict: "fail",
      message: `${ex.answer} should be a function; ${notNumbers(answer) ?? `got ${typeof answer}`}`,
    };
  }
  const fn = answer as (...args: unknown[]) => unknown;
  const forbidden = forbiddenCalls(ex, fn);
  const forbiddenText = `${ex.answer} calls the library's ${forbidden.join(" and ")}, which this exercise asks you to write yourself.`;
  const cases: Case[] = casesFor(ex.inputs ?? "", id);
  for (const [k, { label, args }] of cases.entries()) {
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
        message: `on ${label}, ${ex.answer}(${shortArgs(args)}) threw ${errorText(e)}`,
      };
    }
    if (isTodo(result)) {
      return { id, verdict: "todo", message: `not done yet: ${ex.answer} still returns TODO` };
    }
    const where = `on ${label} (case ${k + 1} of ${cases.length})`;
    const got = toPlain(result);
    if (got === null) {
      return {
        id,
        verdict: "fail",
        message: `${where}, ${ex.answer}(${shortArgs(args)}) should return ${describeShape(want)}, but ${result === undefined ? "it returned undefined: did you forget to return?" : notNumbers(result)}`,
      };
    }
    if (!agrees(got, want, tol)) {
      const also = forbidden.length ? `\nAlso: ${forbiddenText}` : "";
      return {
        id,
        verdict: "fail",
        message: `${where}, ${ex.answer}(${shortArgs(args)}) is wrong.\n${wrongValue(got, want, tol, matchMistake(ex, got, want, tol, args))}${also}`,
      };
    }
  }
  if (forbidden.length)
    return {
      id,
      verdict: "fail",
      message: `${forbiddenText} Its results are right: now do it without.`,
    };
  return { id, verdict: "pass", message: `${ex.answer} is right on ${cases.length} cases` };
}

/**
 * Checks an answer for an exercise on one set of worked-example values. Never throws for anything
 * the learner wrote: a wrong shape, a throw inside their function, a TODO or a name left undefined
 * all come back as a verdict with a message.
 */
export function checkExercise(ex: Exercise, answer: unknown): CheckResult {
  const early = notAnAnswer(ex, answer);
  if (early) return early;
  try {
    return ex.kind === "value" ? checkValue(ex, answer) : checkFunction(ex, answer);
  } catch (e) {
    return {
      id: ex.id,
      verdict: "error",
      message: `checking ${ex.answer} failed: ${errorText(e)}`,
    };
  }
}

/** The same exercise checked on the second example: its expected value there and the verdict. */
export interface SecondRun {
  expected: unknown;
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
 * coincidences (no two equal queries, keys, scores or outputs): an answer that is right on the
 * first only by coincidence, or typed in, fails on the second.
 */
export function withSecondRun(
  ex: Exercise,
  first: CheckResult,
  second: SecondRun | null,
): CheckResult {
  if (first.verdict !== "pass" || second === null || !needsSecondRun(ex)) return first;
  const wantHere = toPlain(ex.expected?.());
  const wantThere = toPlain(second.expected);
  const sameAnswer = wantHere !== null && wantThere !== null && agrees(wantHere, wantThere, 1e-12);
  if (sameAnswer || second.result.verdict === "pass") return first;
  return {
    id: ex.id,
    verdict: second.result.verdict === "error" ? "error" : "fail",
    message: [
      `${ex.answer} is right on the worked example, but not when the same cells run on a second example with other numbers for a1…a4, Wq, Wk and Wv. So it is right by a coincidence of the worked example, or its numbers were typed in: compute it from the names.`,
      `On the second example: ${second.result.message}`,
    ].join("\n"),
  };
}
