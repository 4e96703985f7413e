// The worked example: the article's four words as small numbers, shared by lessons, README and tests.
// The arrays are frozen: typed as plain arrays so that mathjs takes them, they cannot be changed by accident.

/**
 * The four words of the worked example, one per token vector a1 … a4.
 *
 * Shapes: 4 words.
 *
 * @example
 * words.length // returns 4
 */
export const words: readonly string[] = Object.freeze(["the", "cat", "sat", "down"]);

/** a1, the vector of "the" (d = 3). */
export const a1 = Object.freeze([1, 0, 1]) as number[];
/** a2, the vector of "cat" (d = 3). */
export const a2 = Object.freeze([1, 1, 0]) as number[];
/** a3, the vector of "sat" (d = 3). */
export const a3 = Object.freeze([0, 1, 0]) as number[];
/** a4, the vector of "down" (d = 3). */
export const a4 = Object.freeze([0, 1, 1]) as number[];

/**
 * The four token vectors in order, a1 … a4: the inputs of the vector form.
 *
 * Formula: inputs = [a1, a2, a3, a4]
 * Shapes: 4 vectors of d = 3.
 *
 * @example
 * inputs[1] // returns [1, 1, 0]
 */
export const inputs = Object.freeze([a1, a2, a3, a4]) as [number[], number[], number[], number[]];

/**
 * The query weights: q = Wq·a adds neighbouring entries of a.
 *
 * Formula: q_i = Wq·a_i
 * Shapes: Wq (d_k×d) = 2×3.
 *
 * @example
 * Wq[0] // returns [1, 1, 0]
 */
export const Wq = Object.freeze([Object.freeze([1, 1, 0]), Object.freeze([0, 1, 1])]) as number[][];

/**
 * The key weights: k = Wk·a keeps the first and last entries of a.
 *
 * Formula: k_i = Wk·a_i
 * Shapes: Wk (d_k×d) = 2×3.
 *
 * @example
 * Wk[1] // returns [0, 0, 1]
 */
export const Wk = Object.freeze([Object.freeze([1, 0, 0]), Object.freeze([0, 0, 1])]) as number[][];

/**
 * The value weights: v = Wv·a scales the entries of a by 1, 2 and 3.
 *
 * Formula: v_i = Wv·a_i
 * Shapes: Wv (d_v×d) = 3×3.
 *
 * @example
 * Wv[2] // returns [0, 0, 3]
 */
export const Wv = Object.freeze([
  Object.freeze([1, 0, 0]),
  Object.freeze([0, 2, 0]),
  Object.freeze([0, 0, 3]),
]) as number[][];

/**
 * The input matrix of the worked example, I = [a1 a2 a3 a4]: tokens are columns.
 *
 * Formula: I = [a1 a2 a3 a4]
 * Shapes: I (d×n) = 3×4.
 *
 * @example
 * I[0] // returns [1, 1, 0, 0]
 */
export const I = Object.freeze(
  [0, 1, 2].map((r) => Object.freeze(inputs.map((a) => a[r] as number))),
) as number[][];

/**
 * The three weight matrices together, as selfAttention and attendOne take them.
 *
 * Shapes: Wq, Wk (2×3); Wv (3×3).
 *
 * @example
 * weights.Wv.length // returns 3
 */
export const weights = Object.freeze({ Wq, Wk, Wv });
