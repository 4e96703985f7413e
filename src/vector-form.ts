// Steps 1–6 of the vector form together: one token's output b_i, with every intermediate.
import { type Matrix, multiply } from "mathjs";
import { AttentionError } from "./errors.js";
import { type AttentionOptions, maskTable, scaleFactor } from "./options.js";
import { weightedSum } from "./output.js";
import { project } from "./projection.js";
import { scores } from "./score.js";
import { lengthOf, type MatrixInput, toVector, type VectorInput } from "./shape.js";
import { softmax } from "./softmax.js";

/** The three weight matrices of one attention head. */
export interface AttentionWeights {
  /** Wq (d_k×d): turns a token into its query. */
  Wq: MatrixInput;
  /** Wk (d_k×d): turns a token into its key. */
  Wk: MatrixInput;
  /** Wv (d_v×d): turns a token into its value. */
  Wv: MatrixInput;
}

/** Everything the vector form computes for query i, in the article's order. */
export interface VectorTrace {
  /** The token index (0-based: i = 0 is the article's a1, b1). */
  i: number;
  /** q_i = Wq·a_i (d_k). */
  q: Matrix;
  /** k_1 … k_n, k_j = Wk·a_j (each d_k). */
  k: Matrix[];
  /** v_1 … v_n, v_j = Wv·a_j (each d_v). */
  v: Matrix[];
  /** α_i,1 … α_i,n, the raw (scaled) scores q_i·k_j (n). */
  alpha: Matrix;
  /** α'_i,1 … α'_i,n, the weights after softmax (n); they sum to 1. */
  alphaPrime: Matrix;
  /** b_i = Σ_j α'_i,j·v_j (d_v). */
  b: Matrix;
}

/**
 * The vector form for one token: query i against every key, softmax, weighted sum of values.
 * Returns b_i together with every intermediate, so each step can be shown and checked.
 *
 * Formula: q_i = Wq·a_i, k_j = Wk·a_j, v_j = Wv·a_j, α_i,j = q_i·k_j, α'_i,· = softmax(α_i,·), b_i = Σ_j α'_i,j·v_j
 * Shapes: inputs n vectors of d; Wq, Wk (d_k×d); Wv (d_v×d) → q (d_k), k_j (d_k), v_j (d_v), α, α' (n), b (d_v)
 *
 * @example
 * attendOne(0, [[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0], [0, 2]] }).b // returns [1.4621, 0.5379]
 */
export function attendOne(
  i: number,
  inputs: readonly VectorInput[],
  weights: AttentionWeights,
  options: AttentionOptions = {},
): VectorTrace {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new AttentionError("attendOne needs at least one token vector a1 … an; got none");
  }
  const n = inputs.length;
  if (!Number.isInteger(i) || i < 0 || i >= n) {
    throw new AttentionError(
      `attendOne needs a token index i from 0 to ${n - 1} (0 is a1, ${n - 1} is a${n}); got ${String(i)}`,
    );
  }
  const d = lengthOf(toVector(inputs[0], "a1"));
  inputs.forEach((a, j) => {
    const dj = lengthOf(toVector(a, `a${j + 1}`));
    if (dj !== d) {
      throw new AttentionError(
        `every token vector needs the same length d: a1 has ${d}, a${j + 1} has ${dj}`,
      );
    }
  });
  const name = (j: number) => `a${j + 1}`;
  const q = project(weights.Wq, inputs[i] as VectorInput, {
    out: `q${i + 1}`,
    W: "Wq",
    a: name(i),
  });
  const k = inputs.map((a, j) => project(weights.Wk, a, { out: `k${j + 1}`, W: "Wk", a: name(j) }));
  const v = inputs.map((a, j) => project(weights.Wv, a, { out: `v${j + 1}`, W: "Wv", a: name(j) }));
  const dk = lengthOf(k[0] as Matrix);
  if (lengthOf(q) !== dk) {
    throw new AttentionError(
      `α${i + 1},j = q${i + 1}·kj needs Wq and Wk with the same number of rows d_k: Wq has ${lengthOf(q)}, Wk has ${dk}`,
    );
  }
  const factor = scaleFactor(options.scale, dk);
  const alpha = multiply(scores(q, k), factor) as Matrix; // (n)
  const table = maskTable(options.mask, n, n);
  const allowed = table?.map((row) => row[i] as boolean); // column i of the mask: query i's keys
  let alphaPrime: Matrix;
  try {
    alphaPrime = softmax(alpha, allowed);
  } catch (e) {
    if (e instanceof AttentionError && allowed) {
      throw new AttentionError(
        `α'${i + 1},j = softmax(α${i + 1},j) needs at least one unmasked key, but query ${i + 1} has all ${n} keys masked`,
      );
    }
    throw e;
  }
  const b = weightedSum(alphaPrime, v); // (d_v)
  return { i, q, k, v, alpha, alphaPrime, b };
}
