// Step 2 of the matrix form: every query, key and value at once, Q = Wq·I, K = Wk·I, V = Wv·I.
import { type Matrix, multiply } from "mathjs";
import { sizesDiffer } from "./messages.js";
import { columnCount, type MatrixInput, requireEqual, rowCount, toMatrix } from "./shape.js";

/**
 * Projects every token (column of I) at once: column j of the result is W·a_(j+1).
 * `names` only shapes the error message, e.g. { out: "Q", W: "Wq" }.
 *
 * Formula: out = W·I
 * Shapes: W (r×d), I (d×n) → out (r×n)
 *
 * @example
 * projectAll([[1, 0, 0], [0, 0, 1]], [[1, 1], [0, 1], [1, 0]], { out: "K", W: "Wk" }) // returns [[1, 1], [1, 0]]
 */
export function projectAll(
  W: MatrixInput,
  I: MatrixInput,
  names: { out: string; W: string },
): Matrix {
  const w = toMatrix(W, names.W);
  const x = toMatrix(I, "I");
  requireEqual(
    columnCount(w),
    rowCount(x),
    sizesDiffer(
      `${names.out} = ${names.W}·I`,
      [`${names.W}'s columns`, columnCount(w)],
      ["I's rows", rowCount(x)],
    ),
  );
  return multiply(w, x) as Matrix; // (r×d)·(d×n) → r×n
}

/**
 * Every query at once: column i of Q is q_(i+1).
 *
 * Formula: Q = Wq·I
 * Shapes: Wq (d_k×d), I (d×n) → Q (d_k×n)
 *
 * @example
 * queryMatrix([[1, 1, 0], [0, 1, 1]], [[1, 1], [0, 1], [1, 0]]) // returns [[1, 2], [1, 1]]
 */
export function queryMatrix(Wq: MatrixInput, I: MatrixInput): Matrix {
  return projectAll(Wq, I, { out: "Q", W: "Wq" });
}

/**
 * Every key at once: column j of K is k_(j+1).
 *
 * Formula: K = Wk·I
 * Shapes: Wk (d_k×d), I (d×n) → K (d_k×n)
 *
 * @example
 * keyMatrix([[1, 0, 0], [0, 0, 1]], [[1, 1], [0, 1], [1, 0]]) // returns [[1, 1], [1, 0]]
 */
export function keyMatrix(Wk: MatrixInput, I: MatrixInput): Matrix {
  return projectAll(Wk, I, { out: "K", W: "Wk" });
}

/**
 * Every value at once: column j of V is v_(j+1).
 *
 * Formula: V = Wv·I
 * Shapes: Wv (d_v×d), I (d×n) → V (d_v×n)
 *
 * @example
 * valueMatrix([[1, 0, 0], [0, 2, 0], [0, 0, 3]], [[1, 1], [0, 1], [1, 0]]) // returns [[1, 1], [0, 2], [3, 0]]
 */
export function valueMatrix(Wv: MatrixInput, I: MatrixInput): Matrix {
  return projectAll(Wv, I, { out: "V", W: "Wv" });
}
