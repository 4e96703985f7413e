// Compares an answer with the expected value entry by entry, and names the symptom when they differ.
import { isMatrix } from "mathjs";
import { words } from "./words.js";

/** A number, a vector or a matrix as plain nested arrays. */
export type Plain = number | number[] | number[][];

/** Turns numbers, arrays and mathjs matrices into plain nested arrays; null for anything else. */
export function toPlain(x: unknown): Plain | null {
  const v: unknown = isMatrix(x) ? x.toArray() : x;
  if (typeof v === "number") return v;
  if (!Array.isArray(v)) return null;
  if (v.every((e) => typeof e === "number")) return v as number[];
  if (v.every((r) => Array.isArray(r) && r.every((e) => typeof e === "number"))) {
    const rows = v as number[][];
    if (rows.some((r) => r.length !== (rows[0] as number[]).length)) return null; // ragged
    // a column given as [[1], [2]] counts as the vector [1, 2]: tokens are columns
    if (rows.length > 0 && rows.every((r) => r.length === 1))
      return rows.map((r) => r[0] as number);
    return rows;
  }
  return null;
}

/**
 * Why a value is not a number, a vector or a matrix, in words a learner can act on; null when it is one.
 *
 * @example
 * notNumbers([[1, 2], [3, 4, 5]]) // returns "its rows have different lengths: row 0 has 2 entries, row 1 has 3"
 */
export function notNumbers(x: unknown): string | null {
  if (toPlain(x) !== null) return null;
  const w = words();
  if (x === undefined) return w.isUndefined;
  if (x === null) return w.isNull;
  if (x instanceof Promise) return w.isPromise;
  if (typeof x === "function") return w.isFunction;
  if (!Array.isArray(x)) return w.isOther(typeof x);
  const rows = x as unknown[];
  if (rows.every((r) => Array.isArray(r))) {
    const lengths = (rows as unknown[][]).map((r) => r.length);
    const k = lengths.findIndex((n) => n !== lengths[0]);
    if (k > 0) return w.raggedRows(lengths[0] as number, k, lengths[k] as number);
  }
  const flat = rows.flat() as unknown[];
  const bad = flat.find((e) => typeof e !== "number");
  if (bad === null) return w.holds("null");
  return w.holds(typeof bad === "string" ? w.theText(JSON.stringify(bad)) : w.aType(typeof bad));
}

/** "a number", "a vector of length 3", "a 2×4 matrix". */
export function describeShape(x: Plain): string {
  const w = words();
  if (typeof x === "number") return w.aNumber;
  if (x.length === 0) return w.emptyArray;
  if (Array.isArray(x[0])) return w.aMatrix(x.length, (x[0] as number[]).length);
  return w.aVector(x.length);
}

function shapeKey(x: Plain): string {
  if (typeof x === "number") return "scalar";
  if (x.length > 0 && Array.isArray(x[0])) return `${x.length}x${(x[0] as number[]).length}`;
  return `v${x.length}`;
}

/**
 * One way to write every entry of a value, so that its entries read alike: as whole numbers when
 * every entry is one, else each with `digits` decimals (1 then reads "1.0000" beside "0.5344").
 *
 * @example
 * [0.5, 1, -1e-17].map(entryFormat([0.5, 1, -1e-17], 2)) // returns ["0.50", "1.00", "0.00"]
 */
export function entryFormat(entries: readonly number[], digits = 4): (x: number) => string {
  if (entries.every((v) => Number.isInteger(v))) return (v) => String(v);
  return (v) => {
    const s = v.toFixed(digits);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s; // a tiny negative rounds to 0, not "-0.00"
  };
}

/** A number, vector or matrix in one line, every entry written alike (see entryFormat). */
export function format(x: Plain, digits = 4): string {
  const n = entryFormat(typeof x === "number" ? [x] : (x as (number | number[])[]).flat(), digits);
  if (typeof x === "number") return n(x);
  if (x.length > 0 && Array.isArray(x[0])) {
    return `[${(x as number[][]).map((r) => `[${r.map(n).join(", ")}]`).join(", ")}]`;
  }
  return `[${(x as number[]).map(n).join(", ")}]`;
}

function transpose(m: number[][]): number[][] {
  return (m[0] ?? []).map((_, j) => m.map((r) => r[j] as number));
}

/** Where two equal-shaped values first differ by more than tol, or null when they agree. */
export function firstDifference(
  got: Plain,
  want: Plain,
  tol: number,
): { at: string; got: number; want: number } | null {
  const close = (g: number, w: number) =>
    Number.isFinite(g) && Math.abs(g - w) <= tol * Math.max(1, Math.abs(w));
  if (typeof want === "number")
    return close(got as number, want) ? null : { at: "", got: got as number, want };
  for (let r = 0; r < want.length; r++) {
    const wr = want[r] as number | number[];
    const gr = (got as (number | number[])[])[r] as number | number[];
    if (typeof wr === "number") {
      if (!close(gr as number, wr)) return { at: `[${r}]`, got: gr as number, want: wr };
    } else {
      for (let c = 0; c < wr.length; c++) {
        const g = (gr as number[])[c] as number;
        if (!close(g, wr[c] as number))
          return { at: `[${r}][${c}]`, got: g, want: wr[c] as number };
      }
    }
  }
  return null;
}

function sameShape(a: Plain, b: Plain): boolean {
  return shapeKey(a) === shapeKey(b);
}

/** True when got equals want within tol, shape included. */
export function agrees(got: Plain, want: Plain, tol: number): boolean {
  return sameShape(got, want) && firstDifference(got, want, tol) === null;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Names what a wrong answer looks like, in words a learner can act on; "" when nothing stands out.
 * The checks are general: transposed results, NaN from overflow, weights that do not sum to 1,
 * a softmax run across rows instead of down columns.
 */
export function symptom(got: Plain, want: Plain, tol: number): string {
  const flat = (x: Plain): number[] =>
    typeof x === "number" ? [x] : (x as (number | number[])[]).flat();
  if (flat(got).some((v) => !Number.isFinite(v))) {
    return words().notFinite;
  }
  if (
    Array.isArray(want) &&
    Array.isArray(want[0]) &&
    Array.isArray(got) &&
    Array.isArray(got[0])
  ) {
    const W = want as number[][];
    const G = got as number[][];
    if (agrees(G, transpose(W), tol)) {
      return words().transposed;
    }
    const colsSumToOne = (M: number[][]) => transpose(M).every((c) => Math.abs(sum(c) - 1) < 1e-3);
    const rowsSumToOne = (M: number[][]) => M.every((r) => Math.abs(sum(r) - 1) < 1e-3);
    if (colsSumToOne(W) && rowsSumToOne(G) && !colsSumToOne(G)) {
      return words().rowsSumToOne;
    }
    if (colsSumToOne(W) && !colsSumToOne(G)) {
      return words().columnsNotWeights;
    }
  }
  if (
    Array.isArray(want) &&
    typeof want[0] === "number" &&
    Array.isArray(got) &&
    typeof got[0] === "number"
  ) {
    const w = want as number[];
    const g = got as number[];
    if (Math.abs(sum(w) - 1) < 1e-9 && w.every((x) => x >= 0) && Math.abs(sum(g) - 1) > 1e-3) {
      return words().weightsSum(sum(g).toFixed(4));
    }
  }
  return "";
}
