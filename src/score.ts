// Step 2 of the vector form: the raw attention score of a query and a key, α1,i = q1·ki.
import { dot, type Matrix, matrix } from "mathjs";
import { AttentionError } from "./errors.js";
import { lengthOf, requireEqual, toVector, type VectorInput } from "./shape.js";

/**
 * The raw attention score of one query against one key: how well they match.
 *
 * Formula: α = q·k = Σ_t q[t]·k[t]
 * Shapes: q (d_k), k (d_k) → α (a scalar)
 *
 * @example
 * score([1, 1], [1, 0]) // returns 1
 */
export function score(q: VectorInput, k: VectorInput): number {
  const qv = toVector(q, "q");
  const kv = toVector(k, "k");
  const [dq, dk] = [lengthOf(qv), lengthOf(kv)];
  const why = `α = q·k needs q and k of the same length d_k: q has ${dq}, k has ${dk}`;
  requireEqual(dq, dk, `${why} (Wq and Wk must have the same number of rows)`);
  return dot(qv, kv);
}

/**
 * One query's raw scores against every key, in key order: α_i,1 … α_i,n.
 *
 * Formula: α_i,j = q_i·k_j for j = 1..n
 * Shapes: q (d_k), keys n vectors of d_k → α (n)
 *
 * @example
 * scores([1, 1], [[1, 1], [1, 0], [0, 0], [0, 1]]) // returns [2, 1, 0, 1]
 */
export function scores(q: VectorInput, keys: readonly VectorInput[]): Matrix {
  const qv = toVector(q, "q");
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new AttentionError("scores(q, keys) needs at least one key; got none");
  }
  const out = keys.map((k, j) => {
    const kv = toVector(k, `k${j + 1}`);
    requireEqual(
      lengthOf(kv),
      lengthOf(qv),
      `α = q·k${j + 1} needs q and k${j + 1} of the same length d_k: q has ${lengthOf(qv)}, k${j + 1} has ${lengthOf(kv)}`,
    );
    return dot(qv, kv);
  });
  return matrix(out);
}
