// Step 5 of the matrix form: every output at once, O = V·A', so column i of O is b_i.
import { type Matrix, multiply } from "mathjs";
import { sizesDiffer } from "./messages.js";
import { columnCount, type MatrixInput, requireEqual, rowCount, toMatrix } from "./shape.js";

/**
 * Every output at once: column i of O is V·(column i of A') = Σ_j A'[j][i]·v_j = b_i.
 *
 * Formula: O = V·A'
 * Shapes: V (d_v×n_k), A' (n_k×n_q) → O (d_v×n_q)
 *
 * @example
 * outputMatrix([[2, 0], [0, 4]], [[0.5, 1], [0.5, 0]]) // returns [[1, 2], [2, 0]]
 */
export function outputMatrix(V: MatrixInput, Aprime: MatrixInput): Matrix {
  const v = toMatrix(V, "V");
  const w = toMatrix(Aprime, "A'");
  requireEqual(
    columnCount(v),
    rowCount(w),
    sizesDiffer("O = V·A'", ["V's columns", columnCount(v)], ["A''s rows", rowCount(w)]),
  );
  return multiply(v, w) as Matrix; // (d_v×n_k)·(n_k×n_q) → d_v×n_q
}
