// The fast path's loops: one blocked matrix product (any strides, no transposes) and a column softmax.

/** Columns handled per pass of the product: a slab of X this wide stays in cache across rows. */
const CHUNK = 256;
/** Terms of the sum handled per pass: with CHUNK, bounds the slab of X kept in cache (256 KiB). */
const DEPTH = 128;

/** Where one operand of a product lives: its array, first entry, and steps between rows/columns. */
export interface View {
  /** The entries. */
  data: Float64Array;
  /** Index of entry [0][0]. */
  offset: number;
  /** Index step from [r][c] to [r+1][c]. */
  rowStride: number;
  /** Index step from [r][c] to [r][c+1]. */
  colStride: number;
}

/**
 * Adds W·X to out, one entry at a time in the order t = 0, 1, …, T−1, so every entry is the
 * same sum, bit for bit, as a plain triple loop (and as mathjs) when out starts at zero.
 * W is read through strides, so Kᵀ is just K with its strides swapped: no transpose is built.
 * Four rows of out and four terms of each sum are done per step (sixteen products from eight
 * loads); the columns go in slabs so the rows of X in use stay in cache.
 *
 * Formula: out[r][i] += Σ_t W[r][t]·X[t][i]
 * Shapes: W (R×T), X (T×N), out (R×N); X and out have contiguous rows
 *
 * @example
 * ((o) => (multiplyAdd(o, 0, 2, { data: Float64Array.of(1, 2), offset: 0, rowStride: 2, colStride: 1 }, Float64Array.of(1, 0, 0, 1), 0, 2, 1, 2, 2), Array.from(o)))(new Float64Array(2)) // returns [1, 2]
 */
export function multiplyAdd(
  out: Float64Array,
  outOffset: number,
  outStride: number,
  W: View,
  X: Float64Array,
  xOffset: number,
  xStride: number,
  R: number,
  T: number,
  N: number,
): void {
  for (let i0 = 0; i0 < N; i0 += CHUNK) {
    const i1 = Math.min(N, i0 + CHUNK);
    for (let t0 = 0; t0 < T; t0 += DEPTH) {
      const t1 = Math.min(T, t0 + DEPTH);
      rowBlocks(out, outOffset, outStride, W, X, xOffset, xStride, R, t0, t1, i0, i1);
    }
  }
}

/**
 * One slab of multiplyAdd: rows 0..R, terms t0..t1, columns i0..i1, in the same order.
 */
function rowBlocks(
  out: Float64Array,
  outOffset: number,
  outStride: number,
  W: View,
  X: Float64Array,
  xOffset: number,
  xStride: number,
  R: number,
  t0: number,
  t1: number,
  i0: number,
  i1: number,
): void {
  const w = W.data;
  const wr = W.rowStride;
  const wt = W.colStride;
  {
    let r = 0;
    for (; r + 3 < R; r += 4) {
      const o0 = outOffset + r * outStride;
      const o1 = o0 + outStride;
      const o2 = o1 + outStride;
      const o3 = o2 + outStride;
      let t = t0;
      for (; t + 3 < t1; t += 4) {
        const p = W.offset + r * wr + t * wt; // W[r][t]
        const a0 = w[p] as number;
        const a1 = w[p + wt] as number;
        const a2 = w[p + 2 * wt] as number;
        const a3 = w[p + 3 * wt] as number;
        const b0 = w[p + wr] as number;
        const b1 = w[p + wr + wt] as number;
        const b2 = w[p + wr + 2 * wt] as number;
        const b3 = w[p + wr + 3 * wt] as number;
        const c0 = w[p + 2 * wr] as number;
        const c1 = w[p + 2 * wr + wt] as number;
        const c2 = w[p + 2 * wr + 2 * wt] as number;
        const c3 = w[p + 2 * wr + 3 * wt] as number;
        const e0 = w[p + 3 * wr] as number;
        const e1 = w[p + 3 * wr + wt] as number;
        const e2 = w[p + 3 * wr + 2 * wt] as number;
        const e3 = w[p + 3 * wr + 3 * wt] as number;
        const x0 = xOffset + t * xStride;
        const x1 = x0 + xStride;
        const x2 = x1 + xStride;
        const x3 = x2 + xStride;
        for (let i = i0; i < i1; i++) {
          const y0 = X[x0 + i] as number;
          const y1 = X[x1 + i] as number;
          const y2 = X[x2 + i] as number;
          const y3 = X[x3 + i] as number;
          out[o0 + i] = (out[o0 + i] as number) + a0 * y0 + a1 * y1 + a2 * y2 + a3 * y3;
          out[o1 + i] = (out[o1 + i] as number) + b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3;
          out[o2 + i] = (out[o2 + i] as number) + c0 * y0 + c1 * y1 + c2 * y2 + c3 * y3;
          out[o3 + i] = (out[o3 + i] as number) + e0 * y0 + e1 * y1 + e2 * y2 + e3 * y3;
        }
      }
      for (; t < t1; t++) {
        const p = W.offset + r * wr + t * wt;
        const a = w[p] as number;
        const b = w[p + wr] as number;
        const c = w[p + 2 * wr] as number;
        const e = w[p + 3 * wr] as number;
        const x0 = xOffset + t * xStride;
        for (let i = i0; i < i1; i++) {
          const y = X[x0 + i] as number;
          out[o0 + i] = (out[o0 + i] as number) + a * y;
          out[o1 + i] = (out[o1 + i] as number) + b * y;
          out[o2 + i] = (out[o2 + i] as number) + c * y;
          out[o3 + i] = (out[o3 + i] as number) + e * y;
        }
      }
    }
    for (; r < R; r++) {
      const o = outOffset + r * outStride;
      oneRow(out, o, w, W.offset + r * wr, wt, X, xOffset, xStride, t0, t1, i0, i1);
    }
  }
}

/** The rows left over after the blocks of four: out[r][i0..i1) += Σ_{t0 ≤ t < t1} W[r][t]·X[t][i], same order. */
function oneRow(
  out: Float64Array,
  o0: number,
  w: Float64Array,
  w0: number,
  wt: number,
  X: Float64Array,
  xOffset: number,
  xStride: number,
  t0: number,
  t1: number,
  i0: number,
  i1: number,
): void {
  let t = t0;
  for (; t + 3 < t1; t += 4) {
    const a0 = w[w0 + t * wt] as number;
    const a1 = w[w0 + (t + 1) * wt] as number;
    const a2 = w[w0 + (t + 2) * wt] as number;
    const a3 = w[w0 + (t + 3) * wt] as number;
    const x0 = xOffset + t * xStride;
    const x1 = x0 + xStride;
    const x2 = x1 + xStride;
    const x3 = x2 + xStride;
    for (let i = i0; i < i1; i++) {
      out[o0 + i] =
        (out[o0 + i] as number) +
        a0 * (X[x0 + i] as number) +
        a1 * (X[x1 + i] as number) +
        a2 * (X[x2 + i] as number) +
        a3 * (X[x3 + i] as number);
    }
  }
  for (; t < t1; t++) {
    const a = w[w0 + t * wt] as number;
    const x0 = xOffset + t * xStride;
    for (let i = i0; i < i1; i++) out[o0 + i] = (out[o0 + i] as number) + a * (X[x0 + i] as number);
  }
}

/** Which keys each query may attend to: none masked, causal (j ≤ i), or a table mask[j·n + i]. */
export type Allowed = { kind: "all" } | { kind: "causal" } | { kind: "table"; flags: Uint8Array };

/**
 * Softmax down every column of A, written into P, reading and writing whole rows at a time
 * (three passes: column maxima, exponentials with column sums, division). Masked pairs get
 * exactly 0. Returns the first query (column) with every key masked, or −1 when there is none.
 *
 * Formula: P[j][i] = exp(A[j][i] − m_i) / Σ_t exp(A[t][i] − m_i), m_i = max over allowed t of A[t][i]
 * Shapes: A (n_k×n_q), P (n_k×n_q) → index of an all-masked column, or −1
 *
 * @example
 * ((P) => (softmaxColumnsInto(Float64Array.of(0, 2, 0, 0), P, 2, 2, { kind: "all" }), Array.from(P)))(new Float64Array(4))[1] // returns 0.8808
 */
export function softmaxColumnsInto(
  A: Float64Array,
  P: Float64Array,
  nk: number,
  nq: number,
  allowed: Allowed,
): number {
  const m = new Float64Array(nq).fill(Number.NEGATIVE_INFINITY);
  const s = new Float64Array(nq);
  const flags = allowed.kind === "table" ? allowed.flags : null;
  const causal = allowed.kind === "causal";
  for (let j = 0; j < nk; j++) {
    const row = j * nq;
    for (let i = causal ? j : 0; i < nq; i++) {
      if (flags && flags[row + i] === 0) continue;
      const a = A[row + i] as number;
      if (a > (m[i] as number)) m[i] = a;
    }
  }
  for (let i = 0; i < nq; i++) if (m[i] === Number.NEGATIVE_INFINITY) return i;
  for (let j = 0; j < nk; j++) {
    const row = j * nq;
    for (let i = causal ? j : 0; i < nq; i++) {
      if (flags && flags[row + i] === 0) continue;
      const e = Math.exp((A[row + i] as number) - (m[i] as number));
      P[row + i] = e;
      s[i] = (s[i] as number) + e;
    }
  }
  for (let j = 0; j < nk; j++) {
    const row = j * nq;
    for (let i = causal ? j : 0; i < nq; i++)
      P[row + i] = (P[row + i] as number) / (s[i] as number);
  }
  return -1;
}
