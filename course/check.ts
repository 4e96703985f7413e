// Checks one exercise's answer against the library: the same verdict in the notebook and in the grader.
import {
  agrees,
  describeShape,
  firstDifference,
  format,
  type Plain,
  symptom,
  toPlain,
} from "./compare.js";
import type { Exercise } from "./exercise.js";
import { casesFor } from "./inputs.js";
import { isTodo } from "./todo.js";

export type Verdict = "pass" | "fail" | "error" | "todo" | "timeout";

export interface CheckResult {
  id: string;
  verdict: Verdict;
  /** One or more lines: what is wrong, expected against got, with shapes and the first difference. */
  message: string;
}

const DEFAULT_TOLERANCE = 1e-9;

function wrongValue(got: Plain, want: Plain, tol: number, mistakes: string): string {
  const lines: string[] = [];
  if (mistakes) lines.push(mistakes);
  else {
    const s = symptom(got, want, tol);
    if (s) lines.push(s);
  }
  if (describeShape(got) !== describeShape(want)) {
    lines.push(`expected ${describeShape(want)}, got ${describeShape(got)}`);
  } else {
    const d = firstDifference(got, want, tol);
    if (d)
      lines.push(
        `first difference at ${d.at || "the value"}: expected ${format(d.want)}, got ${format(d.got)}`,
      );
  }
  lines.push(`expected ${format(want)}`, `got      ${format(got)}`);
  return lines.join("\n");
}

function matchMistake(ex: Exercise, got: Plain, tol: number, args?: unknown[]): string {
  for (const m of ex.mistakes) {
    try {
      const wrong = m.when();
      const value = args && typeof wrong === "function" ? wrong(...structuredClone(args)) : wrong;
      const plain = toPlain(value);
      if (plain !== null && agrees(got, plain, tol)) return m.say;
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

function checkValue(ex: Exercise, answer: unknown, tol: number): CheckResult {
  const id = ex.id;
  const want = toPlain(ex.expected?.());
  if (want === null)
    throw new Error(`exercise ${id}: its expected value is not a number, vector or matrix`);
  const got = toPlain(answer);
  if (got === null) {
    return {
      id,
      verdict: "fail",
      message: `${ex.answer} should be ${describeShape(want)} (a number array or a mathjs matrix); got ${typeof answer === "object" ? "an object of another kind" : typeof answer}`,
    };
  }
  if (agrees(got, want, tol)) return { id, verdict: "pass", message: `${ex.answer} is right` };
  return { id, verdict: "fail", message: wrongValue(got, want, tol, matchMistake(ex, got, tol)) };
}

function shortArgs(args: unknown[]): string {
  const text = args.map((a) => JSON.stringify(a)).join(", ");
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function checkFunction(ex: Exercise, answer: unknown, tol: number): CheckResult {
  const id = ex.id;
  if (typeof answer !== "function") {
    return {
      id,
      verdict: "fail",
      message: `${ex.answer} should be a function; got ${typeof answer}`,
    };
  }
  const cases = casesFor(ex.inputs ?? "", id);
  for (const [k, args] of cases.entries()) {
    const want = toPlain(ex.reference?.(...structuredClone(args)));
    let result: unknown;
    try {
      result = answer(...structuredClone(args));
    } catch (e) {
      return {
        id,
        verdict: "error",
        message: `${ex.answer}(${shortArgs(args)}) threw ${errorText(e)}`,
      };
    }
    if (isTodo(result)) {
      return { id, verdict: "todo", message: `not done yet: ${ex.answer} still returns TODO` };
    }
    const got = toPlain(result);
    const where = k === 0 ? "on the worked example" : `on test case ${k + 1} of ${cases.length}`;
    if (want === null)
      throw new Error(`exercise ${id}: the reference returned no number, vector or matrix`);
    if (got === null) {
      return {
        id,
        verdict: "fail",
        message: `${where}, ${ex.answer}(${shortArgs(args)}) should return ${describeShape(want)}; got ${result === undefined ? "undefined (did you forget to return?)" : typeof result}`,
      };
    }
    if (!agrees(got, want, tol)) {
      return {
        id,
        verdict: "fail",
        message: `${where}, ${ex.answer}(${shortArgs(args)}) is wrong.\n${wrongValue(got, want, tol, matchMistake(ex, got, tol, args))}`,
      };
    }
  }
  return { id, verdict: "pass", message: `${ex.answer} is right on ${cases.length} cases` };
}

/**
 * Checks an answer for an exercise. Never throws for anything the learner wrote: a wrong shape,
 * a throw inside their function or a TODO left in place all come back as a verdict with a message.
 */
export function checkExercise(ex: Exercise, answer: unknown): CheckResult {
  if (isTodo(answer) || answer === undefined) {
    return {
      id: ex.id,
      verdict: "todo",
      message: `not done yet: replace the TODO in exercise ${ex.id}`,
    };
  }
  const tol = ex.tolerance ?? DEFAULT_TOLERANCE;
  try {
    return ex.kind === "value" ? checkValue(ex, answer, tol) : checkFunction(ex, answer, tol);
  } catch (e) {
    return {
      id: ex.id,
      verdict: "error",
      message: `checking ${ex.answer} failed: ${errorText(e)}`,
    };
  }
}
