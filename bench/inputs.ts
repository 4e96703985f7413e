// Benchmark inputs: the same deterministic I, Wq, Wk, Wv in Node and in numpy (bench/numpy_attention.py).
import type { Mat } from "../fast/index.js";

/** Entry [r][c] of matrix number `seed`: a fixed formula numpy computes the same way. */
function entry(seed: number, r: number, c: number, scale: number): number {
  return Math.sin(seed * 1000 + r * 131 + c * 17) * scale;
}

/** An r×c matrix of the formula above, as a Mat. */
function build(seed: number, rows: number, cols: number, scale: number): Mat {
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[r * cols + c] = entry(seed, r, c, scale);
  }
  return { rows, cols, data };
}

/** One benchmark problem: n tokens of size d; d_k = d_v = d; weights scaled by 1/√d. */
export function problem(n: number, d: number): { I: Mat; Wq: Mat; Wk: Mat; Wv: Mat } {
  const w = 1 / Math.sqrt(d);
  return {
    I: build(1, d, n, 1), // (d×n)
    Wq: build(2, d, d, w), // (d_k×d)
    Wk: build(3, d, d, w), // (d_k×d)
    Wv: build(4, d, d, w), // (d_v×d)
  };
}
