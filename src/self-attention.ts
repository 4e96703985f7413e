// The whole matrix form in one call: I → Q, K, V → A = KᵀQ → A' → O = V·A'.
import { type Matrix, multiply } from "mathjs";
import { AttentionError } from "./errors.js";
import { NO_WEIGHTS } from "./messages.js";
import { outputMatrix } from "./matrix-output.js";
import { keyMatrix, queryMatrix, valueMatrix } from "./matrix-projection.js";
import { scoreMatrix } from "./matrix-scores.js";
import { type AttentionOptions, maskTable, scaleFactor } from "./options.js";
import { columnCount, type MatrixInput, rowCount, toMatrix } from "./shape.js";
import { softmaxColumns } from "./softmax.js";
import type { AttentionWeights } from "./vector-form.js";

/** Every matrix the matrix form computes, in the article's order. */
export interface AttentionResult {
  /** Q = Wq·I (d_k×n): column i is q_i. */
  Q: Matrix;
  /** K = Wk·I (d_k×n): column j is k_j. */
  K: Matrix;
  /** V = Wv·I (d_v×n): column j is v_j. */
  V: Matrix;
  /** A = KᵀQ times the scale factor (n×n): A[j][i] = k_j·q_i. Masked entries keep their score. */
  A: Matrix;
  /** A' = softmax down each column of A (n×n): column i holds query i's weights, summing to 1. */
  Aprime: Matrix;
  /** O = V·A' (d_v×n): column i is b_i. */
  O: Matrix;
}

/**
 * Single-head self-attention in matrix form: the article's whole chain in one call.
 * Options (scaling, masking) are off by default, which reproduces the article exactly.
 *
 * Formula: Q = Wq·I, K = Wk·I, V = Wv·I, A = KᵀQ, A' = softmax down the columns of A, O = V·A'
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), A, A' (n×n), O (d_v×n)
 *
 * @example
 * selfAttention([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0], [0, 2]] }).O // returns [[1.4621, 1], [0.5379, 1]]
 */
export function selfAttention(
  I: MatrixInput,
  weights: AttentionWeights,
  options: AttentionOptions = {},
): AttentionResult {
  if (weights === null || typeof weights !== "object") throw new AttentionError(NO_WEIGHTS);
  const x = toMatrix(I, "I");
  const Q = queryMatrix(weights.Wq, x); // (d_k×d)·(d×n) → d_k×n
  const K = keyMatrix(weights.Wk, x); // (d_k×d)·(d×n) → d_k×n
  const V = valueMatrix(weights.Wv, x); // (d_v×d)·(d×n) → d_v×n
  const factor = scaleFactor(options.scale, rowCount(K));
  const raw = scoreMatrix(K, Q); // (n×d_k)·(d_k×n) → n×n
  const A = factor === 1 ? raw : (multiply(raw, factor) as Matrix);
  const allowed = maskTable(options.mask, rowCount(A), columnCount(A));
  const Aprime = softmaxColumns(A, allowed); // n×n, columns sum to 1
  const O = outputMatrix(V, Aprime); // (d_v×n)·(n×n) → d_v×n
  return { Q, K, V, A, Aprime, O };
}
