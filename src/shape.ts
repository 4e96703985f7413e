// Checking inputs: turns arrays or mathjs values into validated mathjs matrices and vectors.
import { isMatrix, type MathType, type Matrix, matrix, typeOf } from "mathjs";
import { AttentionError } from "./errors.js";
import { emptyMatrix, notFinite } from "./messages.js";

/**
 * A matrix given as an array of rows (`number[][]`), a 2-D mathjs matrix, or any mathjs result
 * (`MathType`, what `multiply` or `divide` may return) that holds one; checked when called.
 */
export type MatrixInput = readonly (readonly number[])[] | Matrix | MathType;
/**
 * A vector given as a plain array (`number[]`), a mathjs vector (size [d] or [d, 1]), a column
 * `[[x], [y], …]`, or any mathjs result (`MathType`) that holds one; checked when called.
 */
export type VectorInput = readonly number[] | Matrix | MathType;

function describe(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (isMatrix(x)) return `a mathjs matrix of size [${x.size().join(", ")}]`;
  const kind = typeOf(x); // mathjs's own name of what a result is
  if (["BigNumber", "Complex", "Fraction", "Unit"].includes(kind))
    return `a mathjs ${kind} (${String(x)})`;
  if (typeof x === "string")
    return `the string ${JSON.stringify(x.length > 20 ? `${x.slice(0, 20)}…` : x)}`;
  if (typeof x === "object") return `an object (${Object.prototype.toString.call(x).slice(8, -1)})`;
  return `${typeof x} ${String(x)}`;
}

function checkEntry(value: unknown, where: string): number {
  if (typeof value !== "number") throw new AttentionError(notFinite(where, describe(value)));
  if (!Number.isFinite(value)) throw new AttentionError(notFinite(where, String(value)));
  return value;
}

/**
 * Checks a matrix and returns it as a fresh mathjs matrix, naming `name` in any error.
 *
 * Shapes: an r×c matrix with r ≥ 1 and c ≥ 1 → the same r×c matrix.
 *
 * @example
 * toMatrix([[1, 2], [3, 4]], "Wq").size() // returns [2, 2]
 */
export function toMatrix(x: unknown, name: string): Matrix {
  let rowsIn: unknown;
  if (isMatrix(x)) {
    const size = x.size();
    if (size.length !== 2) {
      throw new AttentionError(
        `${name} must be a 2-D matrix but is a mathjs value of size [${size.join(", ")}]`,
      );
    }
    rowsIn = x.toArray();
  } else if (Array.isArray(x)) {
    rowsIn = x;
  } else {
    throw new AttentionError(
      `${name} must be a matrix (an array of rows of numbers, or a mathjs matrix); got ${describe(x)}`,
    );
  }
  const rows = rowsIn as unknown[];
  if (rows.length === 0) throw new AttentionError(emptyMatrix(name, 0));
  const first = rows[0];
  if (!Array.isArray(first)) {
    throw new AttentionError(
      `${name} must be a matrix (an array of rows) but ${name}[0] is ${describe(first)}` +
        (typeof first === "number" ? `: it looks like a vector of length ${rows.length}` : ""),
    );
  }
  const cols = first.length;
  if (cols === 0) throw new AttentionError(emptyMatrix(name, rows.length));
  const out: number[][] = [];
  // index loops, not forEach/map, so that holes in a sparse array are reported, not skipped
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row)) {
      throw new AttentionError(`${name}[${r}] is ${describe(row)}; every row must be an array`);
    }
    if (row.length !== cols) {
      throw new AttentionError(
        `${name} has ragged rows: ${name}[0] has ${cols} entries but ${name}[${r}] has ${row.length}; every row must have the same length`,
      );
    }
    const checked: number[] = [];
    for (let c = 0; c < cols; c++) checked.push(checkEntry(row[c], `${name}[${r}][${c}]`));
    out.push(checked);
  }
  return matrix(out);
}

/**
 * Checks a vector and returns it as a fresh 1-D mathjs vector, naming `name` in any error.
 * A column (a mathjs matrix of size [d, 1], or `[[x], [y], …]`) is accepted and flattened,
 * since tokens are columns.
 *
 * Shapes: a vector of length d ≥ 1 (or a d×1 column) → a vector of length d.
 *
 * @example
 * toVector([1, 0, 1], "a1").size() // returns [3]
 */
export function toVector(x: unknown, name: string): Matrix {
  let entries: unknown;
  if (isMatrix(x)) {
    const size = x.size();
    if (size.length === 1) entries = x.toArray();
    else if (size.length === 2 && size[1] === 1)
      entries = (x.toArray() as unknown[][]).map((r) => r[0]);
    else {
      throw new AttentionError(
        `${name} must be a vector (size [d] or a column [d, 1]) but is a mathjs value of size [${size.join(", ")}]`,
      );
    }
  } else if (Array.isArray(x)) {
    const column = x.length > 0 && x.every((r) => Array.isArray(r) && r.length === 1); // [[x], [y], …]
    entries = column ? x.map((r: unknown[]) => r[0]) : x;
  } else {
    throw new AttentionError(
      `${name} must be a vector (an array of numbers, or a mathjs vector); got ${describe(x)}`,
    );
  }
  const list = entries as unknown[];
  if (list.length === 0) {
    throw new AttentionError(`${name} is empty; a vector needs at least 1 entry`);
  }
  if (Array.isArray(list[0])) {
    throw new AttentionError(
      `${name} must be a vector (an array of numbers) but ${name}[0] is ${describe(list[0])}: it looks like a matrix`,
    );
  }
  const checked: number[] = [];
  for (let i = 0; i < list.length; i++) checked.push(checkEntry(list[i], `${name}[${i}]`));
  return matrix(checked);
}

/**
 * The number of rows of a checked 2-D matrix.
 *
 * Shapes: M (r×c) → r
 *
 * @example
 * rowCount(toMatrix([[1, 2, 3], [4, 5, 6]], "M")) // returns 2
 */
export function rowCount(m: Matrix): number {
  return m.size()[0] ?? 0;
}

/**
 * The number of columns of a checked 2-D matrix: for I, the number of tokens.
 *
 * Shapes: M (r×c) → c
 *
 * @example
 * columnCount(toMatrix([[1, 2, 3], [4, 5, 6]], "M")) // returns 3
 */
export function columnCount(m: Matrix): number {
  return m.size()[1] ?? 0;
}

/**
 * The length of a checked 1-D vector.
 *
 * Shapes: v (d) → d
 *
 * @example
 * lengthOf(toVector([1, 0, 1], "a1")) // returns 3
 */
export function lengthOf(v: Matrix): number {
  return v.size()[0] ?? 0;
}

/**
 * Throws an AttentionError with `message` unless two sizes agree: the check before every product.
 *
 * @example
 * requireEqual(5, 4, "Q = Wq·I needs Wq's columns (5) to equal I's rows (4)") // throws "Q = Wq·I needs Wq's columns (5) to equal I's rows (4)"
 */
export function requireEqual(got: number, expected: number, message: string): void {
  if (got !== expected) throw new AttentionError(message);
}
