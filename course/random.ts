// Random matrices that are the same on every run, for the lessons' timings and experiments.
import { seeded } from "./inputs.js";

/**
 * A rows×cols matrix of numbers drawn evenly from [−1, 1), the same for the same seed.
 *
 * Shapes: rows, cols → rows×cols nested arrays
 *
 * @example
 * uniformMatrix(2, 3, 7)[1].length // returns 3
 */
export function uniformMatrix(rows: number, cols: number, seed: number): number[][] {
  const r = seeded(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => r() * 2 - 1));
}

/**
 * A rows×cols matrix of numbers from the standard normal distribution (mean 0, size about 1),
 * by the Box–Muller method, the same for the same seed.
 *
 * Formula: x = √(−2 ln u₁)·cos(2π u₂), u₁, u₂ uniform in (0, 1]
 * Shapes: rows, cols → rows×cols nested arrays
 *
 * @example
 * Math.abs(gaussianMatrix(100, 100, 1).flat().reduce((s, x) => s + x, 0) / 10000) < 0.05 // returns true
 */
export function gaussianMatrix(rows: number, cols: number, seed: number): number[][] {
  const r = seeded(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Array.from({ length: rows }, () => Array.from({ length: cols }, normal));
}

/**
 * The largest weight of each column of attention weights A', averaged over the columns: near 1
 * when every query looks at a single key, 1/n_k when it spreads evenly over n_k keys.
 *
 * Formula: (1/n_q)·Σ_i max_j A'[j][i]
 * Shapes: A' (n_k×n_q) as nested arrays or a mathjs matrix → a number
 *
 * @example
 * meanLargestWeight([[1, 0.5], [0, 0.5]]) // returns 0.75
 */
export function meanLargestWeight(
  Aprime: readonly (readonly number[])[] | { toArray(): unknown },
): number {
  const rows = ("toArray" in Aprime ? Aprime.toArray() : Aprime) as number[][];
  const nq = rows[0]?.length ?? 0;
  if (rows.length === 0 || nq === 0)
    throw new Error(
      "meanLargestWeight(A') needs a matrix with at least one entry, got an empty one",
    );
  let total = 0;
  for (let i = 0; i < nq; i++) total += Math.max(...rows.map((r) => r[i] as number));
  return total / nq;
}
