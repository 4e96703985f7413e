// Input checks of the fast path: cheap scans, with every error message taken from the readable path.
import { isMatrix } from "mathjs";
import { AttentionError } from "../errors.js";
import { projectAll } from "../matrix-projection.js";
import { scoreMatrix } from "../matrix-scores.js";
import { selfAttention } from "../self-attention.js";
import { type MatrixInput, toMatrix } from "../shape.js";
import type { AttentionWeights } from "../vector-form.js";
import { isMat, type Mat, toRows } from "./mat.js";

/** A matrix the fast path accepts: an array of rows, a mathjs matrix, or a typed Mat. */
export type FastMatrixInput = MatrixInput | Mat;

/** The three weight matrices of one head, each in any form the fast path accepts. */
export interface FastWeights {
  /** Wq (d_k×d). */
  Wq: FastMatrixInput;
  /** Wk (d_k×d). */
  Wk: FastMatrixInput;
  /** Wv (d_v×d). */
  Wv: FastMatrixInput;
}

/** The readable path is expected to throw here; reaching the end means the two paths disagree. */
function unreachable(what: string): never {
  throw new AttentionError(
    `${what} (the fast path's check found a problem the readable path did not)`,
  );
}

/** Copies an array of rows into a Mat, or returns null at the first thing that is not a finite number. */
function copyRows(rows: unknown): Mat | null {
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const first: unknown = rows[0];
  if (!Array.isArray(first) || first.length === 0) return null;
  const cols = first.length;
  const data = new Float64Array(rows.length * cols);
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row) || row.length !== cols) return null;
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const v: unknown = row[c];
      if (typeof v !== "number" || !Number.isFinite(v)) return null;
      data[base + c] = v;
    }
  }
  return { rows: rows.length, cols, data };
}

/** The same array with holes (as in [1, , 3]) made explicit undefined entries, so they are reported. */
function dense(x: unknown): unknown {
  return Array.isArray(x)
    ? Array.from(x, (row: unknown) => (Array.isArray(row) ? Array.from(row) : row))
    : x;
}

/**
 * True when every entry is finite (x − x is 0 for finite x and NaN otherwise).
 *
 * Formula: none (a check).
 * Shapes: M (any length) → whether every entry is finite
 *
 * @example
 * allFinite(Float64Array.of(1, Infinity)) // returns false
 */
export function allFinite(data: Float64Array): boolean {
  for (let k = 0; k < data.length; k++) {
    const v = data[k] as number;
    if (v - v !== 0) return false; // NaN or ±∞
  }
  return true;
}

/**
 * Checks a matrix and returns it as a fresh Mat, with exactly the messages of toMatrix.
 * The common case is one pass of copying; any problem is handed to toMatrix to report.
 *
 * Formula: none (a check).
 * Shapes: an r×c matrix with r ≥ 1 and c ≥ 1 → a Mat (r×c)
 *
 * @example
 * toMat([[1, 2], [3, 4]], "Wq").data // returns [1, 2, 3, 4]
 */
export function toMat(x: unknown, name: string): Mat {
  if (isMat(x)) {
    if (x.rows >= 1 && x.cols >= 1 && allFinite(x.data)) {
      return { rows: x.rows, cols: x.cols, data: x.data.slice() };
    }
    toMatrix(toRows(x), name);
    return unreachable(`${name} is not a valid matrix`);
  }
  const copied = copyRows(isMatrix(x) && x.size().length === 2 ? x.toArray() : x);
  if (copied) return copied;
  toMatrix(dense(x), name);
  return unreachable(`${name} is not a valid matrix`);
}

/**
 * Throws the readable path's error for the first non-finite entry of a computed matrix
 * (read row by row), e.g. when K = Wk·I overflows; does nothing when every entry is finite.
 * `finite` is the scan to use first (a backend's own, for its buffers).
 *
 * Formula: none (a check).
 * Shapes: M (r×c) → nothing
 *
 * @example
 * requireFinite(toMat([[1, 2]], "K"), "K") // returns undefined
 */
export function requireFinite(m: Mat, name: string, finite = allFinite): void {
  if (finite(m.data)) return;
  toMatrix(toRows(m), name);
  unreachable(`${name} has a non-finite entry`);
}

/**
 * Checks I and the weights of one head and returns them as Mats, throwing the readable path's
 * error, in its order, for a missing weight object, a bad matrix or a size mismatch.
 *
 * Formula: Q = Wq·I, K = Wk·I and V = Wv·I must be defined: Wq, Wk, Wv have d columns.
 * Shapes: I (d×n); Wq, Wk (·×d); Wv (d_v×d) → the same as Mats
 *
 * @example
 * checkInputs([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0]] }).I.cols // returns 2
 */
export function checkInputs(
  I: FastMatrixInput,
  weights: FastWeights | AttentionWeights,
): { I: Mat; Wq: Mat; Wk: Mat; Wv: Mat } {
  if (weights === null || typeof weights !== "object") {
    selfAttention(I as MatrixInput, weights as AttentionWeights);
    return unreachable("the weights are missing");
  }
  const x = toMat(I, "I");
  const project = (W: unknown, out: string, name: string): Mat => {
    const w = toMat(W, name);
    if (w.cols !== x.rows) {
      projectAll(toRows(w), toRows(x), { out, W: name });
      unreachable(`${out} = ${name}·I has mismatched sizes`);
    }
    return w;
  };
  const Wq = project(weights.Wq, "Q", "Wq");
  const Wk = project(weights.Wk, "K", "Wk");
  const Wv = project(weights.Wv, "V", "Wv");
  return { I: x, Wq, Wk, Wv };
}

/**
 * Throws the readable path's error when K and Q have different numbers of rows d_k
 * (Wq and Wk disagree); does nothing when they match.
 *
 * Formula: A = KᵀQ needs rows(K) = rows(Q)
 * Shapes: K (d_k×n), Q (d_k'×n) → nothing
 *
 * @example
 * requireSameKeySize(toMat([[1, 2]], "K"), toMat([[3, 4]], "Q")) // returns undefined
 */
export function requireSameKeySize(K: Mat, Q: Mat): void {
  if (K.rows === Q.rows) return;
  scoreMatrix(toRows(K), toRows(Q));
  unreachable("A = KᵀQ has mismatched sizes");
}

/**
 * The error for a query whose keys are all masked, worded as the readable path words it.
 *
 * Formula: none (an error).
 * Shapes: query index i (0-based), number of keys n_k → an AttentionError
 *
 * @example
 * allMaskedError(1, 3).message.includes("query 2 (column 1)") // returns true
 */
export function allMaskedError(i: number, nKeys: number): AttentionError {
  return new AttentionError(
    `A' = softmax(A) needs at least one unmasked key for every query, but query ${i + 1} (column ${i}) has all ${nKeys} keys masked`,
  );
}

/**
 * The error for a non-finite score A[j][i] (an overflow in KᵀQ), worded as toMatrix words it.
 *
 * Formula: none (an error).
 * Shapes: key j, query i, the value → an AttentionError
 *
 * @example
 * scoreNotFiniteError(0, 1, Infinity).message // returns "A[0][1] is Infinity; every entry must be a finite number"
 */
export function scoreNotFiniteError(j: number, i: number, value: number): AttentionError {
  return new AttentionError(`A[${j}][${i}] is ${value}; every entry must be a finite number`);
}
