// The fast path's matrix: a row-major Float64Array with its size, and conversions to and from it.
import { type Matrix, matrix } from "mathjs";

/**
 * A dense matrix stored row-major in one Float64Array: entry [r][c] is data[r·cols + c].
 * Row-major matches number[][] and numpy's default order, so row r is one contiguous run.
 */
export interface Mat {
  /** Number of rows. */
  rows: number;
  /** Number of columns (for I, Q, K, V and O: the number of tokens n). */
  cols: number;
  /** The entries, row after row (length rows·cols). */
  data: Float64Array;
}

/**
 * A new rows×cols matrix filled with zeros.
 *
 * Formula: M[r][c] = 0
 * Shapes: rows, cols → M (rows×cols)
 *
 * @example
 * zeros(2, 3).data.length // returns 6
 */
export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Checks that `m` looks like a Mat (whole-number sizes, a Float64Array of rows·cols entries).
 *
 * Shapes: anything → true when it is a Mat.
 *
 * @example
 * isMat(zeros(2, 2)) // returns true
 */
export function isMat(m: unknown): m is Mat {
  if (m === null || typeof m !== "object") return false;
  const x = m as Partial<Mat>;
  return (
    x.data instanceof Float64Array &&
    Number.isInteger(x.rows) &&
    Number.isInteger(x.cols) &&
    (x.rows as number) * (x.cols as number) === x.data.length
  );
}

/**
 * The entries of a Mat as an array of rows: the form selfAttention takes and returns.
 *
 * Formula: rows[r][c] = M[r][c]
 * Shapes: M (r×c) → r arrays of c numbers
 *
 * @example
 * toRows({ rows: 2, cols: 2, data: Float64Array.of(1, 2, 3, 4) }) // returns [[1, 2], [3, 4]]
 */
export function toRows(m: Mat): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) {
    out.push(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  }
  return out;
}

/**
 * A Mat as a mathjs matrix, to compare with or continue from the readable path.
 *
 * Shapes: M (r×c) → M (r×c)
 *
 * @example
 * toMathjs({ rows: 1, cols: 2, data: Float64Array.of(1, 2) }).size() // returns [1, 2]
 */
export function toMathjs(m: Mat): Matrix {
  return matrix(toRows(m));
}
