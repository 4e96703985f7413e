// Step 3 of the vector form: normalisation (正規化) of one query's scores by a softmax.
import { divide, exp, type Matrix, map, matrix, max, subtract, sum } from "mathjs";
import { AttentionError } from "./errors.js";
import { allKeysMasked } from "./messages.js";
import {
  columnCount,
  type MatrixInput,
  rowCount,
  toMatrix,
  toVector,
  type VectorInput,
} from "./shape.js";

/**
 * Turns one query's scores into weights that are positive and sum to 1. Subtracting the
 * largest score first changes nothing mathematically and keeps exp from overflowing.
 * Entries whose `allowed` flag is false get exactly zero weight.
 *
 * Formula: α'_j = exp(α_j − m) / Σ_t exp(α_t − m), with m = max_t α_t
 * Shapes: α (n) → α' (n), each α'_j in [0, 1], Σ_j α'_j = 1
 *
 * @example
 * softmax([2, 1, 0, 1]) // returns [0.5344, 0.1966, 0.0723, 0.1966]
 */
export function softmax(alpha: VectorInput, allowed?: readonly boolean[]): Matrix {
  const scores = toVector(alpha, "α").toArray() as number[];
  if (allowed !== undefined && allowed.length !== scores.length) {
    throw new AttentionError(
      `softmax needs one mask flag per score: got ${scores.length} scores and ${allowed.length} flags`,
    );
  }
  const kept = scores.filter((_, j) => allowed?.[j] ?? true);
  if (kept.length === 0) {
    throw new AttentionError(
      `softmax needs at least one unmasked score, but all ${scores.length} are masked: this query may attend to no key`,
    );
  }
  const m = max(kept);
  const shifted = map(subtract(matrix(kept), m) as Matrix, (x: number) => exp(x)); // every entry in (0, 1]
  const weights = divide(shifted, sum(shifted)) as Matrix;
  const w = weights.toArray() as number[];
  let next = 0;
  return matrix(scores.map((_, j) => ((allowed?.[j] ?? true) ? (w[next++] as number) : 0)));
}

/**
 * The matrix form of normalisation: a softmax down each column of A, so column i holds
 * query i's weights and sums to 1. `allowed[j][i]` false gives that pair exactly zero weight.
 *
 * Formula: A'[j][i] = exp(A[j][i] − m_i) / Σ_t exp(A[t][i] − m_i), with m_i = max_t A[t][i]
 * Shapes: A (n_k×n_q) → A' (n_k×n_q), every column summing to 1
 *
 * @example
 * softmaxColumns([[0, 2], [0, 0]]) // returns [[0.5, 0.8808], [0.5, 0.1192]]
 */
export function softmaxColumns(
  A: MatrixInput,
  allowed?: readonly (readonly boolean[])[] | null,
): Matrix {
  const a = toMatrix(A, "A");
  const nk = rowCount(a);
  const nq = columnCount(a);
  const rows = a.toArray() as number[][];
  const out: number[][] = Array.from({ length: nk }, () => new Array<number>(nq).fill(0));
  for (let i = 0; i < nq; i++) {
    const column = rows.map((row) => row[i] as number); // A[:, i]: query i's scores
    const flags = allowed ? allowed.map((row) => row[i] ?? true) : undefined;
    let weights: number[];
    try {
      weights = softmax(column, flags).toArray() as number[];
    } catch (e) {
      if (e instanceof AttentionError && flags) throw new AttentionError(allKeysMasked(i, nk));
      throw e;
    }
    weights.forEach((w, j) => {
      (out[j] as number[])[i] = w;
    });
  }
  return matrix(out);
}
