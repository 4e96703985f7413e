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
 * Eight rows of out and eight terms of each sum are done per step (64 products from sixteen
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
 * Eight rows and eight terms go per step: 64 weights held in locals, and per column eight loads
 * of X, eight of out and eight stores for 128 floating-point operations.
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
  let r = 0;
  for (; r + 7 < R; r += 8) {
    const o0 = outOffset + r * outStride;
    const o1 = o0 + outStride;
    const o2 = o1 + outStride;
    const o3 = o2 + outStride;
    const o4 = o3 + outStride;
    const o5 = o4 + outStride;
    const o6 = o5 + outStride;
    const o7 = o6 + outStride;
    let t = t0;
    for (; t + 7 < t1; t += 8) {
      const p = W.offset + r * wr + t * wt; // W[r][t]
      const qb = p + wr;
      const qc = p + 2 * wr;
      const qd = p + 3 * wr;
      const qe = p + 4 * wr;
      const qf = p + 5 * wr;
      const qg = p + 6 * wr;
      const qh = p + 7 * wr;
      const a0 = w[p] as number;
      const a1 = w[p + wt] as number;
      const a2 = w[p + 2 * wt] as number;
      const a3 = w[p + 3 * wt] as number;
      const a4 = w[p + 4 * wt] as number;
      const a5 = w[p + 5 * wt] as number;
      const a6 = w[p + 6 * wt] as number;
      const a7 = w[p + 7 * wt] as number;
      const b0 = w[qb] as number;
      const b1 = w[qb + wt] as number;
      const b2 = w[qb + 2 * wt] as number;
      const b3 = w[qb + 3 * wt] as number;
      const b4 = w[qb + 4 * wt] as number;
      const b5 = w[qb + 5 * wt] as number;
      const b6 = w[qb + 6 * wt] as number;
      const b7 = w[qb + 7 * wt] as number;
      const c0 = w[qc] as number;
      const c1 = w[qc + wt] as number;
      const c2 = w[qc + 2 * wt] as number;
      const c3 = w[qc + 3 * wt] as number;
      const c4 = w[qc + 4 * wt] as number;
      const c5 = w[qc + 5 * wt] as number;
      const c6 = w[qc + 6 * wt] as number;
      const c7 = w[qc + 7 * wt] as number;
      const d0 = w[qd] as number;
      const d1 = w[qd + wt] as number;
      const d2 = w[qd + 2 * wt] as number;
      const d3 = w[qd + 3 * wt] as number;
      const d4 = w[qd + 4 * wt] as number;
      const d5 = w[qd + 5 * wt] as number;
      const d6 = w[qd + 6 * wt] as number;
      const d7 = w[qd + 7 * wt] as number;
      const e0 = w[qe] as number;
      const e1 = w[qe + wt] as number;
      const e2 = w[qe + 2 * wt] as number;
      const e3 = w[qe + 3 * wt] as number;
      const e4 = w[qe + 4 * wt] as number;
      const e5 = w[qe + 5 * wt] as number;
      const e6 = w[qe + 6 * wt] as number;
      const e7 = w[qe + 7 * wt] as number;
      const f0 = w[qf] as number;
      const f1 = w[qf + wt] as number;
      const f2 = w[qf + 2 * wt] as number;
      const f3 = w[qf + 3 * wt] as number;
      const f4 = w[qf + 4 * wt] as number;
      const f5 = w[qf + 5 * wt] as number;
      const f6 = w[qf + 6 * wt] as number;
      const f7 = w[qf + 7 * wt] as number;
      const g0 = w[qg] as number;
      const g1 = w[qg + wt] as number;
      const g2 = w[qg + 2 * wt] as number;
      const g3 = w[qg + 3 * wt] as number;
      const g4 = w[qg + 4 * wt] as number;
      const g5 = w[qg + 5 * wt] as number;
      const g6 = w[qg + 6 * wt] as number;
      const g7 = w[qg + 7 * wt] as number;
      const h0 = w[qh] as number;
      const h1 = w[qh + wt] as number;
      const h2 = w[qh + 2 * wt] as number;
      const h3 = w[qh + 3 * wt] as number;
      const h4 = w[qh + 4 * wt] as number;
      const h5 = w[qh + 5 * wt] as number;
      const h6 = w[qh + 6 * wt] as number;
      const h7 = w[qh + 7 * wt] as number;
      const x0 = xOffset + t * xStride;
      const x1 = x0 + xStride;
      const x2 = x1 + xStride;
      const x3 = x2 + xStride;
      const x4 = x3 + xStride;
      const x5 = x4 + xStride;
      const x6 = x5 + xStride;
      const x7 = x6 + xStride;
      for (let i = i0; i < i1; i++) {
        const y0 = X[x0 + i] as number;
        const y1 = X[x1 + i] as number;
        const y2 = X[x2 + i] as number;
        const y3 = X[x3 + i] as number;
        const y4 = X[x4 + i] as number;
        const y5 = X[x5 + i] as number;
        const y6 = X[x6 + i] as number;
        const y7 = X[x7 + i] as number;
        out[o0 + i] =
          (out[o0 + i] as number) +
          a0 * y0 +
          a1 * y1 +
          a2 * y2 +
          a3 * y3 +
          a4 * y4 +
          a5 * y5 +
          a6 * y6 +
          a7 * y7;
        out[o1 + i] =
          (out[o1 + i] as number) +
          b0 * y0 +
          b1 * y1 +
          b2 * y2 +
          b3 * y3 +
          b4 * y4 +
          b5 * y5 +
          b6 * y6 +
          b7 * y7;
        out[o2 + i] =
          (out[o2 + i] as number) +
          c0 * y0 +
          c1 * y1 +
          c2 * y2 +
          c3 * y3 +
          c4 * y4 +
          c5 * y5 +
          c6 * y6 +
          c7 * y7;
        out[o3 + i] =
          (out[o3 + i] as number) +
          d0 * y0 +
          d1 * y1 +
          d2 * y2 +
          d3 * y3 +
          d4 * y4 +
          d5 * y5 +
          d6 * y6 +
          d7 * y7;
        out[o4 + i] =
          (out[o4 + i] as number) +
          e0 * y0 +
          e1 * y1 +
          e2 * y2 +
          e3 * y3 +
          e4 * y4 +
          e5 * y5 +
          e6 * y6 +
          e7 * y7;
        out[o5 + i] =
          (out[o5 + i] as number) +
          f0 * y0 +
          f1 * y1 +
          f2 * y2 +
          f3 * y3 +
          f4 * y4 +
          f5 * y5 +
          f6 * y6 +
          f7 * y7;
        out[o6 + i] =
          (out[o6 + i] as number) +
          g0 * y0 +
          g1 * y1 +
          g2 * y2 +
          g3 * y3 +
          g4 * y4 +
          g5 * y5 +
          g6 * y6 +
          g7 * y7;
        out[o7 + i] =
          (out[o7 + i] as number) +
          h0 * y0 +
          h1 * y1 +
          h2 * y2 +
          h3 * y3 +
          h4 * y4 +
          h5 * y5 +
          h6 * y6 +
          h7 * y7;
      }
    }
    for (; t < t1; t++) {
      const p = W.offset + r * wr + t * wt;
      const x0 = xOffset + t * xStride;
      const a = w[p] as number;
      const b = w[p + wr] as number;
      const c = w[p + 2 * wr] as number;
      const d = w[p + 3 * wr] as number;
      const e = w[p + 4 * wr] as number;
      const f = w[p + 5 * wr] as number;
      const g = w[p + 6 * wr] as number;
      const h = w[p + 7 * wr] as number;
      for (let i = i0; i < i1; i++) {
        const y = X[x0 + i] as number;
        out[o0 + i] = (out[o0 + i] as number) + a * y;
        out[o1 + i] = (out[o1 + i] as number) + b * y;
        out[o2 + i] = (out[o2 + i] as number) + c * y;
        out[o3 + i] = (out[o3 + i] as number) + d * y;
        out[o4 + i] = (out[o4 + i] as number) + e * y;
        out[o5 + i] = (out[o5 + i] as number) + f * y;
        out[o6 + i] = (out[o6 + i] as number) + g * y;
        out[o7 + i] = (out[o7 + i] as number) + h * y;
      }
    }
  }
  for (; r < R; r++) {
    const o = outOffset + r * outStride;
    oneRow(out, o, w, W.offset + r * wr, wt, X, xOffset, xStride, t0, t1, i0, i1);
  }
}

/** The rows left over after the blocks of eight: out[r][i0..i1) += Σ_{t0 ≤ t < t1} W[r][t]·X[t][i], same order. */
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
 * (three passes: column maxima, exponentials with column sums, scaling by 1/sum). Masked pairs get
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
    if (flags) {
      for (let i = 0; i < nq; i++) {
        if (flags[row + i] === 0) continue;
        const e = expNonPositive((A[row + i] as number) - (m[i] as number));
        P[row + i] = e;
        s[i] = (s[i] as number) + e;
      }
      continue;
    }
    for (let i = causal ? j : 0; i < nq; i++) {
      const e = expNonPositive((A[row + i] as number) - (m[i] as number));
      P[row + i] = e;
      s[i] = (s[i] as number) + e;
    }
  }
  for (let i = 0; i < nq; i++) s[i] = 1 / (s[i] as number); // so each entry is one multiplication
  for (let j = 0; j < nk; j++) {
    const row = j * nq;
    for (let i = causal ? j : 0; i < nq; i++)
      P[row + i] = (P[row + i] as number) * (s[i] as number);
  }
  return -1;
}

/** 2^k for k = −1100 … 0, at index k + 1100 (exact: powers of two). */
const POW2 = new Float64Array(1101).map((_, k) => 2 ** (k - 1100));
const LOG2E = 1.4426950408889634;
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
/** 1.5·2^52: adding it rounds a double of magnitude below 2^51 to an integer. */
const ROUND = 6755399441055744;

/**
 * The exponential of x ≤ 0, the softmax's case: x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by its
 * Taylor series to r¹³ (relative error below 1e-15), times 2^k from a table; 0 below −708 (where
 * exp(x) < 3e-308). Cheaper than a call of Math.exp.
 */
function expNonPositive(x: number): number {
  if (!(x >= -708)) return 0;
  const k = x * LOG2E + ROUND - ROUND;
  const r = x - k * LN2_HI - k * LN2_LO;
  const r2 = r * r;
  const r4 = r2 * r2;
  const s0 = 1 + r + r2 * (0.5 + r * (1 / 6));
  const s1 = 1 / 24 + r * (1 / 120) + r2 * (1 / 720 + r * (1 / 5040));
  const s2 = 1 / 40320 + r * (1 / 362880) + r2 * (1 / 3628800 + r * (1 / 39916800));
  const s3 = 1 / 479001600 + r * (1 / 6227020800);
  return (s0 + r4 * s1 + r4 * r4 * (s2 + r4 * s3)) * (POW2[k + 1100] as number);
}
