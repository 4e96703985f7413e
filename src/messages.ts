// The wording of the AttentionError messages that more than one check reports (the fast path's too).

/**
 * An entry that is not a finite number; `what` is how the entry reads, e.g. "NaN" or "the string \"x\"".
 *
 * @example
 * notFinite("A[0][1]", "Infinity") // returns "A[0][1] is Infinity; every entry must be a finite number"
 */
export function notFinite(where: string, what: string): string {
  return `${where} is ${what}; every entry must be a finite number`;
}

/**
 * A matrix with no rows (`rows` 0) or no columns (`rows` ≥ 1).
 *
 * @example
 * emptyMatrix("I", 2) // returns "I is empty (2×0); a matrix needs at least 1 column"
 */
export function emptyMatrix(name: string, rows: number): string {
  return rows === 0
    ? `${name} is empty (0 rows); a matrix needs at least 1 row and 1 column`
    : `${name} is empty (${rows}×0); a matrix needs at least 1 column`;
}

/**
 * A product whose inner sizes differ: `formula` needs the `left` size to equal the `right` one.
 *
 * Formula: for out = W·I, columns(W) = rows(I)
 * Shapes: the formula, two named sizes → a message
 *
 * @example
 * sizesDiffer("Q = Wq·I", ["Wq's columns", 5], ["I's rows", 4]) // returns "Q = Wq·I needs Wq's columns (5) to equal I's rows (4)"
 */
export function sizesDiffer(
  formula: string,
  [left, l]: [string, number],
  [right, r]: [string, number],
): string {
  return `${formula} needs ${left} (${l}) to equal ${right} (${r})`;
}

/**
 * K and Q of different key sizes d_k, given as [rows, columns]: Wq and Wk disagree.
 *
 * Formula: A = KᵀQ needs rows(K) = rows(Q)
 * Shapes: K (d_k×n), Q (d_k'×n) → a message
 *
 * @example
 * keySizesDiffer([2, 4], [3, 4]).includes("K is 2×4, Q is 3×4") // returns true
 */
export function keySizesDiffer(K: [number, number], Q: [number, number]): string {
  return `A = KᵀQ needs K and Q with the same number of rows d_k: K is ${K.join("×")}, Q is ${Q.join("×")} (Wq and Wk must have the same number of rows)`;
}

/**
 * Query i (0-based, column i of A) may attend to none of its nKeys keys.
 *
 * Formula: column i of A' = softmax(A[:, i]) needs one unmasked key
 * Shapes: i, n_k → a message
 *
 * @example
 * allKeysMasked(1, 3).endsWith("query 2 (column 1) has all 3 keys masked") // returns true
 */
export function allKeysMasked(i: number, nKeys: number): string {
  return `A' = softmax(A) needs at least one unmasked key for every query, but query ${i + 1} (column ${i}) has all ${nKeys} keys masked`;
}

/** selfAttention was called without its weight object { Wq, Wk, Wv }. */
export const NO_WEIGHTS =
  "selfAttention(I, { Wq, Wk, Wv }) needs the three weight matrices; got none";
