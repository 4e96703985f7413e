// Input checks of the fast path: cheap scans, with the readable path's error messages (src/messages.ts).
import { isMatrix } from "mathjs";
import { AttentionError } from "../src/errors.js";
import {
  emptyMatrix,
  keySizesDiffer,
  NO_WEIGHTS,
  notFinite,
  sizesDiffer,
} from "../src/messages.js";
import { type MatrixInput, toMatrix } from "../src/shape.js";
import type { AttentionWeights } from "../src/vector-form.js";
import { isMat, type Mat } from "./mat.js";

/** A matrix the fast path accepts: an array of rows, a mathjs matrix, or a typed Mat. */
export type FastMatrixInput = MatrixInput | Mat;

/**
 * The signature of a fast path: selfAttention's arguments, in any form the fast path accepts,
 * and options of type O (AttentionOptions, or more), giving a result R of typed matrices.
 */
export type FastPath<O, R> = (I: FastMatrixInput, weights: FastWeights, options?: O) => R;

/** The three weight matrices of one head, each in any form the fast path accepts. */
export interface FastWeights {
  /** Wq (d_k×d). */
  Wq: FastMatrixInput;
  /** Wk (d_k×d). */
  Wk: FastMatrixInput;
  /** Wv (d_v×d). */
  Wv: FastMatrixInput;
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
 * The common case is one pass of copying; an array or mathjs matrix that fails it is handed to
 * toMatrix, the readable path's check, to say what is wrong with it.
 *
 * Shapes: an r×c matrix with r ≥ 1 and c ≥ 1 → a Mat (r×c)
 *
 * @example
 * toMat([[1, 2], [3, 4]], "Wq").data // returns [1, 2, 3, 4]
 * toMat([[1, 2], [3]], "Wq") // throws "Wq has ragged rows: Wq[0] has 2 entries but Wq[1] has 1; every row must have the same length"
 * toMat({ rows: 1, cols: 0, data: new Float64Array(0) }, "I") // throws "I is empty (1×0); a matrix needs at least 1 column"
 */
export function toMat(x: unknown, name: string): Mat {
  if (isMat(x)) {
    if (x.rows < 1 || x.cols < 1) throw new AttentionError(emptyMatrix(name, Math.max(0, x.rows)));
    requireFinite(x, name);
    return { rows: x.rows, cols: x.cols, data: x.data.slice() };
  }
  const copied = copyRows(isMatrix(x) && x.size().length === 2 ? x.toArray() : x);
  if (copied) return copied;
  toMatrix(dense(x), name); // throws: copyRows accepts every matrix that toMatrix accepts
  throw new Error(`toMatrix accepted ${name}, which the fast path could not copy`);
}

/**
 * Throws the readable path's error for the first non-finite entry of a matrix (read row by
 * row), e.g. when K = Wk·I overflows; does nothing when every entry is finite.
 * `finite` is the scan to use first (a backend's own, for its buffers).
 *
 * Shapes: M (r×c) → nothing
 *
 * @example
 * requireFinite({ rows: 2, cols: 2, data: Float64Array.of(1, 2, NaN, 4) }, "K") // throws "K[1][0] is NaN; every entry must be a finite number"
 */
export function requireFinite(m: Mat, name: string, finite = allFinite): void {
  if (finite(m.data)) return;
  const k = m.data.findIndex((v) => !Number.isFinite(v));
  const where = `${name}[${Math.floor(k / m.cols)}][${k % m.cols}]`;
  throw new AttentionError(notFinite(where, String(m.data[k])));
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
 * checkInputs([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1]], Wv: [[2, 0]] }) // throws "K = Wk·I needs Wk's columns (1) to equal I's rows (2)"
 */
export function checkInputs(
  I: FastMatrixInput,
  weights: FastWeights | AttentionWeights,
): { I: Mat; Wq: Mat; Wk: Mat; Wv: Mat } {
  if (weights === null || typeof weights !== "object") throw new AttentionError(NO_WEIGHTS);
  const x = toMat(I, "I");
  const project = (W: unknown, out: string, name: string): Mat => {
    const w = toMat(W, name);
    if (w.cols !== x.rows) {
      const message = sizesDiffer(
        `${out} = ${name}·I`,
        [`${name}'s columns`, w.cols],
        ["I's rows", x.rows],
      );
      throw new AttentionError(message);
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
 * requireSameKeySize(toMat([[1, 2]], "K"), toMat([[3, 4], [5, 6]], "Q")) // throws "A = KᵀQ needs K and Q with the same number of rows d_k: K is 1×2, Q is 2×2 (Wq and Wk must have the same number of rows)"
 */
export function requireSameKeySize(K: Mat, Q: Mat): void {
  if (K.rows !== Q.rows)
    throw new AttentionError(keySizesDiffer([K.rows, K.cols], [Q.rows, Q.cols]));
}
