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
import { inEdition, words } from "./words.js";

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
    lines.push(words().rounded);
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
  for (const [k, m] of ex.mistakes.entries()) {
    try {
      const wrong = m.when();
      const value = args && typeof wrong === "function" ? wrong(...structuredClone(args)) : wrong;
      const plain = toPlain(value);
      if (plain !== null && !agrees(plain, want, tol) && agrees(got, plain, tol))
        return inEdition(ex).says(k, m.say);
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
      message: words().shouldBe(
        ex.answer,
        describeShape(want),
        notNumbers(answer) ?? "",
        typeof want !== "number",
      ),
    };
  }
  if (agrees(got, want, tol)) return { id, verdict: "pass", message: words().right(ex.answer) };
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
        message: words().threw(label, `${ex.answer}(${shortArgs(args)})`, errorText(e)),
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
      return {
        id,
        verdict: "fail",
        message: `${words().isWrong(where, `${ex.answer}(${shortArgs(args)})`)}\n${wrongValue(got, want, tol, matchMistake(ex, got, want, tol, args))}${also}`,
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
export function checkExercise(ex: Exercise, answer: unknown): CheckResult {
  const early = notAnAnswer(ex, answer);
  if (early) return early;
  try {
    return ex.kind === "value" ? checkValue(ex, answer) : checkFunction(ex, answer);
  } catch (e) {
    return {
      id: ex.id,
      verdict: "error",
      message: words().checkingFailed(ex.answer, errorText(e)),
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
    message: [words().coincidence(ex.answer), words().onSecondExample(second.result.message)].join(
      "\n",
    ),
  };
}
