// Step 3 of the matrix form: every score at once, A = KᵀQ, so A[j][i] = kj·qi.
import { type Matrix, multiply, transpose } from "mathjs";
import { AttentionError } from "./errors.js";
import { keySizesDiffer } from "./messages.js";
import { columnCount, type MatrixInput, rowCount, toMatrix } from "./shape.js";

/**
 * Every raw score at once. Column i of A is Kᵀ·q_i: query i's scores against every key,
 * which is why the softmax that follows runs down the columns.
 *
 * Formula: A = KᵀQ, A[j][i] = k_j·q_i
 * Shapes: K (d_k×n_k), Q (d_k×n_q) → A (n_k×n_q)
 *
 * @example
 * scoreMatrix([[1, 1], [1, 0]], [[1, 2], [1, 1]]) // returns [[2, 3], [1, 2]]
 */
export function scoreMatrix(K: MatrixInput, Q: MatrixInput): Matrix {
  const k = toMatrix(K, "K");
  const q = toMatrix(Q, "Q");
  if (rowCount(k) !== rowCount(q)) {
    throw new AttentionError(
      keySizesDiffer([rowCount(k), columnCount(k)], [rowCount(q), columnCount(q)]),
    );
  }
  return multiply(transpose(k), q) as Matrix; // (n_k×d_k)·(d_k×n_q) → n_k×n_q
}
