// Step 1 of the matrix form: stack the token vectors as the columns of I = [a1 a2 … an].
import { type Matrix, matrix } from "mathjs";
import { AttentionError } from "./errors.js";
import { toVector, type VectorInput } from "./shape.js";

/**
 * Stacks token vectors side by side as columns: column j of I is a_(j+1). Tokens are columns.
 *
 * Formula: I = [a1 a2 … an]
 * Shapes: n vectors of d → I (d×n)
 *
 * @example
 * stackColumns([[1, 0, 1], [1, 1, 0]]) // returns [[1, 1], [0, 1], [1, 0]]
 */
export function stackColumns(columns: readonly VectorInput[]): Matrix {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new AttentionError("I = [a1 … an] needs at least one token vector; got none");
  }
  const vs = columns.map((a, j) => toVector(a, `a${j + 1}`).toArray() as number[]);
  const d = (vs[0] as number[]).length;
  vs.forEach((a, j) => {
    if (a.length !== d) {
      throw new AttentionError(
        `I = [a1 … an] needs every a of the same length d: a1 has ${d}, a${j + 1} has ${a.length}`,
      );
    }
  });
  return matrix(Array.from({ length: d }, (_, r) => vs.map((a) => a[r] as number))); // (d×n)
}

/**
 * Splits a matrix into its columns: the inverse of stackColumns (column j is token j+1).
 *
 * Formula: [c1 c2 … cn] → c1, c2, …, cn
 * Shapes: M (r×n) → n vectors of r
 *
 * @example
 * columnsOf([[1, 1], [0, 1], [1, 0]]).map((c) => c.toArray()) // returns [[1, 0, 1], [1, 1, 0]]
 */
export function columnsOf(M: Matrix | readonly (readonly number[])[]): Matrix[] {
  const rows = (Array.isArray(M) ? M : (M as Matrix).toArray()) as number[][];
  const n = rows[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => matrix(rows.map((row) => row[j] as number)));
}
