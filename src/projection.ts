// Steps 1 and 4 of the vector form: a token's query, key and value, q = Wq·a, k = Wk·a, v = Wv·a.
import { type Matrix, multiply } from "mathjs";
import { sizesDiffer } from "./messages.js";
import {
  columnCount,
  lengthOf,
  type MatrixInput,
  requireEqual,
  toMatrix,
  toVector,
  type VectorInput,
} from "./shape.js";

/**
 * Projects one token vector by a weight matrix: the shared core of query, key and value.
 * `names` only shapes the error message, e.g. { out: "q1", W: "Wq", a: "a1" }.
 *
 * Formula: out = W·a
 * Shapes: W (r×d), a (d) → out (r)
 *
 * @example
 * project([[1, 1, 0], [0, 1, 1]], [1, 0, 1], { out: "q1", W: "Wq", a: "a1" }) // returns [1, 1]
 */
export function project(
  W: MatrixInput,
  a: VectorInput,
  names: { out: string; W: string; a: string },
): Matrix {
  const w = toMatrix(W, names.W);
  const x = toVector(a, names.a);
  requireEqual(
    columnCount(w),
    lengthOf(x),
    sizesDiffer(
      `${names.out} = ${names.W}·${names.a}`,
      [`${names.W}'s columns`, columnCount(w)],
      [`${names.a}'s length`, lengthOf(x)],
    ),
  );
  return multiply(w, x) as Matrix; // (r×d)·(d) → (r)
}

/**
 * A token's query: what this token is looking for.
 *
 * Formula: q = Wq·a
 * Shapes: Wq (d_k×d), a (d) → q (d_k)
 *
 * @example
 * query([[1, 1, 0], [0, 1, 1]], [1, 0, 1]) // returns [1, 1]
 */
export function query(Wq: MatrixInput, a: VectorInput): Matrix {
  return project(Wq, a, { out: "q", W: "Wq", a: "a" });
}

/**
 * A token's key: what this token offers to be matched against.
 *
 * Formula: k = Wk·a
 * Shapes: Wk (d_k×d), a (d) → k (d_k)
 *
 * @example
 * key([[1, 0, 0], [0, 0, 1]], [1, 1, 0]) // returns [1, 0]
 */
export function key(Wk: MatrixInput, a: VectorInput): Matrix {
  return project(Wk, a, { out: "k", W: "Wk", a: "a" });
}

/**
 * A token's value: what this token hands over when it is attended to.
 *
 * Formula: v = Wv·a
 * Shapes: Wv (d_v×d), a (d) → v (d_v)
 *
 * @example
 * value([[1, 0, 0], [0, 2, 0], [0, 0, 3]], [1, 0, 1]) // returns [1, 0, 3]
 */
export function value(Wv: MatrixInput, a: VectorInput): Matrix {
  return project(Wv, a, { out: "v", W: "Wv", a: "a" });
}
