// The fast path's loops in AssemblyScript with 128-bit SIMD (two doubles per lane pair), built to dist/wasm by fast/build-wasm.ts.
// @ts-nocheck -- AssemblyScript source (f64, v128, load<T>…): compiled by asc, not by tsc.

/** First byte of linear memory that no static data uses: buffers start here. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Adds W·X to out with the same order of operations per entry as fast/kernels.ts
 * (t = 0, 1, …, four terms at a time, left to right), two columns per f64x2 step.
 * Pointers are byte addresses; strides count doubles.
 *
 * Formula: out[r][i] += Σ_t W[r][t]·X[t][i]
 * Shapes: W (R×T), X (T×N), out (R×N)
 */
export function multiplyAdd(
  out: usize,
  outStride: i32,
  w: usize,
  wr: i32,
  wt: i32,
  x: usize,
  xStride: i32,
  R: i32,
  T: i32,
  N: i32,
): void {
  // slabs of columns i0..i1 and terms t0..t1, as in fast/kernels.ts, so the rows of X in use stay in cache
  for (let i0 = 0; i0 < N; i0 += 256) {
    const i1 = min(N, i0 + 256);
    for (let t0 = 0; t0 < T; t0 += 128) {
      const t1 = min(T, t0 + 128);
      const iv = i0 + ((i1 - i0) & ~1);
      const st = (<usize>wt) << 3;
      const xs = (<usize>xStride) << 3;
      let r = 0;
      for (; r + 1 < R; r += 2) {
        const o0 = out + ((<usize>(r * outStride)) << 3);
        const o1 = o0 + ((<usize>outStride) << 3);
        let t = t0;
        for (; t + 3 < t1; t += 4) {
          const pa = w + ((<usize>(r * wr + t * wt)) << 3);
          const pb = pa + ((<usize>wr) << 3);
          const a0 = f64x2.splat(load<f64>(pa));
          const a1 = f64x2.splat(load<f64>(pa + st));
          const a2 = f64x2.splat(load<f64>(pa + 2 * st));
          const a3 = f64x2.splat(load<f64>(pa + 3 * st));
          const b0 = f64x2.splat(load<f64>(pb));
          const b1 = f64x2.splat(load<f64>(pb + st));
          const b2 = f64x2.splat(load<f64>(pb + 2 * st));
          const b3 = f64x2.splat(load<f64>(pb + 3 * st));
          const x0 = x + ((<usize>(t * xStride)) << 3);
          const x1 = x0 + xs;
          const x2 = x1 + xs;
          const x3 = x2 + xs;
          for (let i = i0; i < iv; i += 2) {
            const k = (<usize>i) << 3;
            const y0 = v128.load(x0 + k);
            const y1 = v128.load(x1 + k);
            const y2 = v128.load(x2 + k);
            const y3 = v128.load(x3 + k);
            addFour(o0 + k, a0, a1, a2, a3, y0, y1, y2, y3); // row r
            addFour(o1 + k, b0, b1, b2, b3, y0, y1, y2, y3); // row r + 1, from the same loads
          }
          for (let i = iv; i < i1; i++) {
            const k = (<usize>i) << 3;
            const y0 = load<f64>(x0 + k);
            const y1 = load<f64>(x1 + k);
            const y2 = load<f64>(x2 + k);
            const y3 = load<f64>(x3 + k);
            addFourLast(o0 + k, a0, a1, a2, a3, y0, y1, y2, y3);
            addFourLast(o1 + k, b0, b1, b2, b3, y0, y1, y2, y3);
          }
        }
        for (; t < t1; t++) {
          const x0 = x + ((<usize>(t * xStride)) << 3);
          const as = load<f64>(w + ((<usize>(r * wr + t * wt)) << 3));
          const bs = load<f64>(w + ((<usize>((r + 1) * wr + t * wt)) << 3));
          for (let i = i0; i < i1; i++) {
            const k = (<usize>i) << 3;
            const y = load<f64>(x0 + k);
            store<f64>(o0 + k, load<f64>(o0 + k) + as * y);
            store<f64>(o1 + k, load<f64>(o1 + k) + bs * y);
          }
        }
      }
      if (r < R) {
        const o0 = out + ((<usize>(r * outStride)) << 3);
        for (let t = t0; t < t1; t++) {
          const as = load<f64>(w + ((<usize>(r * wr + t * wt)) << 3));
          const a = f64x2.splat(as);
          const x0 = x + ((<usize>(t * xStride)) << 3);
          for (let i = i0; i < iv; i += 2) {
            const k = (<usize>i) << 3;
            v128.store(o0 + k, f64x2.add(v128.load(o0 + k), f64x2.mul(a, v128.load(x0 + k))));
          }
          for (let i = iv; i < i1; i++) {
            const k = (<usize>i) << 3;
            store<f64>(o0 + k, load<f64>(o0 + k) + as * load<f64>(x0 + k));
          }
        }
      }
    }
  }
}

/**
 * Adds a0·y0 + a1·y1 + a2·y2 + a3·y3, term by term from the left, to the two doubles at o.
 * Small enough that the optimiser inlines it and addFourLast (the .wasm has no such functions).
 */
function addFour(
  o: usize,
  a0: v128,
  a1: v128,
  a2: v128,
  a3: v128,
  y0: v128,
  y1: v128,
  y2: v128,
  y3: v128,
): void {
  let s = v128.load(o);
  s = f64x2.add(s, f64x2.mul(a0, y0));
  s = f64x2.add(s, f64x2.mul(a1, y1));
  s = f64x2.add(s, f64x2.mul(a2, y2));
  s = f64x2.add(s, f64x2.mul(a3, y3));
  v128.store(o, s);
}

/** addFour for the one double at o (the last column of an odd count), with each a's first lane. */
function addFourLast(
  o: usize,
  a0: v128,
  a1: v128,
  a2: v128,
  a3: v128,
  y0: f64,
  y1: f64,
  y2: f64,
  y3: f64,
): void {
  let s = load<f64>(o);
  s += f64x2.extract_lane(a0, 0) * y0;
  s += f64x2.extract_lane(a1, 0) * y1;
  s += f64x2.extract_lane(a2, 0) * y2;
  s += f64x2.extract_lane(a3, 0) * y3;
  store<f64>(o, s);
}

/** 1 when every one of the `len` doubles at `p` is finite, else 0 (x − x is 0 only for finite x). */
export function allFinite(p: usize, len: i32): i32 {
  let acc = f64x2.splat(0);
  let acc2 = f64x2.splat(0);
  let k = 0;
  for (; k + 3 < len; k += 4) {
    const a = v128.load(p + ((<usize>k) << 3));
    const b = v128.load(p + ((<usize>k) << 3), 16);
    acc = f64x2.add(acc, f64x2.sub(a, a));
    acc2 = f64x2.add(acc2, f64x2.sub(b, b));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  s += f64x2.extract_lane(acc2, 0) + f64x2.extract_lane(acc2, 1);
  for (; k < len; k++) {
    const v = load<f64>(p + ((<usize>k) << 3));
    s += v - v;
  }
  return s === 0 ? 1 : 0;
}

// exp on two doubles at once: x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by its Taylor series to r¹³
// (relative error below 1e-15), evaluated pairwise (Estrin) for shorter dependency chains, times
// 2^k built in the exponent bits; exp(x) for x < −708 (below 3e-308) is taken as 0.
// Called from one place only, so the optimiser inlines it.
const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const ROUND: f64 = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer held in the low bits

function expx2(x: v128): v128 {
  const keep = f64x2.ge(x, f64x2.splat(-708));
  const xc = f64x2.max(x, f64x2.splat(-708));
  const kr = f64x2.add(f64x2.mul(xc, f64x2.splat(LOG2E)), f64x2.splat(ROUND));
  const kf = f64x2.sub(kr, f64x2.splat(ROUND));
  const r = f64x2.sub(
    f64x2.sub(xc, f64x2.mul(kf, f64x2.splat(LN2_HI))),
    f64x2.mul(kf, f64x2.splat(LN2_LO)),
  );
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const q0 = f64x2.add(f64x2.splat(1.0), r);
  const q1 = f64x2.add(f64x2.splat(0.5), f64x2.mul(r, f64x2.splat(1.0 / 6.0)));
  const q2 = f64x2.add(f64x2.splat(1.0 / 24.0), f64x2.mul(r, f64x2.splat(1.0 / 120.0)));
  const q3 = f64x2.add(f64x2.splat(1.0 / 720.0), f64x2.mul(r, f64x2.splat(1.0 / 5040.0)));
  const q4 = f64x2.add(f64x2.splat(1.0 / 40320.0), f64x2.mul(r, f64x2.splat(1.0 / 362880.0)));
  const q5 = f64x2.add(f64x2.splat(1.0 / 3628800.0), f64x2.mul(r, f64x2.splat(1.0 / 39916800.0)));
  const q6 = f64x2.add(
    f64x2.splat(1.0 / 479001600.0),
    f64x2.mul(r, f64x2.splat(1.0 / 6227020800.0)),
  );
  const s0 = f64x2.add(q0, f64x2.mul(r2, q1));
  const s1 = f64x2.add(q2, f64x2.mul(r2, q3));
  const s2 = f64x2.add(q4, f64x2.mul(r2, q5));
  const p = f64x2.add(
    f64x2.add(s0, f64x2.mul(r4, s1)),
    f64x2.mul(r8, f64x2.add(s2, f64x2.mul(r4, q6))),
  );
  // bits of kr − bits of ROUND = k; (k + 1023) << 52 is 2^k
  const e = i64x2.shl(i64x2.add(i64x2.sub(kr, f64x2.splat(ROUND)), i64x2.splat(1023)), 52);
  return v128.and(f64x2.mul(p, e), keep);
}

/**
 * One row of exponentials: dst[i] = exp(src[i] − m[i]), and sum[i] += dst[i], for i < count;
 * 0 where src[i] − m[i] is −∞ or NaN (a masked score, or a column with no allowed score yet).
 */
function expRow(src: usize, m: usize, dst: usize, sum: usize, count: i32): void {
  const nv = count & ~1;
  let i = 0;
  for (; i < nv; i += 2) {
    const k = (<usize>i) << 3;
    const e = expx2(f64x2.sub(v128.load(src + k), v128.load(m + k)));
    v128.store(dst + k, e);
    v128.store(sum + k, f64x2.add(v128.load(sum + k), e));
  }
  for (; i < count; i++) {
    const k = (<usize>i) << 3;
    const x = load<f64>(src + k) - load<f64>(m + k);
    const e = x >= -708 ? Math.exp(x) : 0;
    store<f64>(dst + k, e);
    store<f64>(sum + k, load<f64>(sum + k) + e);
  }
}

/**
 * One block step of the streaming path (fast/streaming.ts) for every pair allowed (causal
 * 0) or causal ones (causal 1; key jj is allowed for query ii when jj − ii ≤ d0): scales the
 * block of scores S (nk keys × nq queries), masks it with −∞, updates each query's maximum m,
 * rescales its sum l and its column of acc (dv rows, accStride apart) by exp(m_old − m_new),
 * then replaces S by exp(S − m) and adds those to l. bm is scratch of nq doubles.
 * Returns 1 and changes nothing when a scaled score is not finite (the caller reports it), else 0.
 */
export function streamBlock(
  S: usize,
  nk: i32,
  nq: i32,
  factor: f64,
  causal: i32,
  d0: i32,
  m: usize,
  l: usize,
  bm: usize,
  acc: usize,
  accStride: i32,
  dv: i32,
): i32 {
  const count = nk * nq;
  const f = f64x2.splat(factor);
  let bad = f64x2.splat(0);
  let k = 0;
  for (; k + 1 < count; k += 2) {
    const v = f64x2.mul(v128.load(S + ((<usize>k) << 3)), f);
    bad = f64x2.add(bad, f64x2.sub(v, v));
  }
  let b = f64x2.extract_lane(bad, 0) + f64x2.extract_lane(bad, 1);
  for (; k < count; k++) {
    const v = load<f64>(S + ((<usize>k) << 3)) * factor;
    b += v - v;
  }
  if (b !== 0) return 1;
  for (let i = 0; i < nq; i++) store<f64>(bm + ((<usize>i) << 3), -Infinity);
  for (let jj = 0; jj < nk; jj++) {
    const row = S + ((<usize>(jj * nq)) << 3);
    let i = 0;
    if (causal) {
      const first = min(nq, max(0, jj - d0)); // queries before this one see key jj masked
      for (; i < first; i++) store<f64>(row + ((<usize>i) << 3), -Infinity);
    }
    for (; i + 1 < nq; i += 2) {
      const p = row + ((<usize>i) << 3);
      const q = bm + ((<usize>i) << 3);
      const v = f64x2.mul(v128.load(p), f);
      v128.store(p, v);
      v128.store(q, f64x2.max(v128.load(q), v));
    }
    for (; i < nq; i++) {
      const p = row + ((<usize>i) << 3);
      const q = bm + ((<usize>i) << 3);
      const v = load<f64>(p) * factor;
      store<f64>(p, v);
      store<f64>(q, max(load<f64>(q), v));
    }
  }
  for (let i = 0; i < nq; i++) {
    const pm = m + ((<usize>i) << 3);
    const old = load<f64>(pm);
    const mNew = max(old, load<f64>(bm + ((<usize>i) << 3)));
    if (mNew === -Infinity) continue; // nothing allowed yet for this query
    const c = Math.exp(old - mNew);
    store<f64>(pm, mNew);
    const pl = l + ((<usize>i) << 3);
    store<f64>(pl, load<f64>(pl) * c);
    if (c !== 1) {
      for (let r = 0; r < dv; r++) {
        const pa = acc + ((<usize>(r * accStride + i)) << 3);
        store<f64>(pa, load<f64>(pa) * c);
      }
    }
  }
  for (let jj = 0; jj < nk; jj++) {
    const row = S + ((<usize>(jj * nq)) << 3);
    expRow(row, m, row, l, nq);
  }
  return 0;
}

/**
 * Softmax down every column of A into P (zeroed), as softmaxColumnsInto in fast/kernels.ts.
 * mode 0: every pair allowed; 1: causal (j ≤ i); 2: flags[j·nq + i] (one byte each).
 * m and s are scratch arrays of nq doubles. Returns the first all-masked column, or −1.
 * A must be finite (the caller checks it first).
 *
 * Formula: P[j][i] = exp(A[j][i] − m_i) / Σ_t exp(A[t][i] − m_i)
 * Shapes: A (n_k×n_q), P (n_k×n_q)
 */
export function softmaxColumns(
  A: usize,
  P: usize,
  nk: i32,
  nq: i32,
  mode: i32,
  flags: usize,
  m: usize,
  s: usize,
): i32 {
  for (let i = 0; i < nq; i++) {
    store<f64>(m + ((<usize>i) << 3), -Infinity);
    store<f64>(s + ((<usize>i) << 3), 0);
  }
  const nv = nq & ~1;
  if (mode === 0) {
    for (let j = 0; j < nk; j++) {
      const row = A + ((<usize>(j * nq)) << 3);
      let i = 0;
      for (; i < nv; i += 2) {
        const k = (<usize>i) << 3;
        v128.store(m + k, f64x2.max(v128.load(m + k), v128.load(row + k)));
      }
      for (; i < nq; i++) {
        const k = (<usize>i) << 3;
        store<f64>(m + k, max(load<f64>(m + k), load<f64>(row + k)));
      }
    }
  } else {
    for (let j = 0; j < nk; j++) {
      const row = <usize>(j * nq);
      for (let i = mode === 1 ? j : 0; i < nq; i++) {
        if (mode === 2 && load<u8>(flags + row + <usize>i) === 0) continue;
        const a = load<f64>(A + ((row + <usize>i) << 3));
        const pm = m + ((<usize>i) << 3);
        if (a > load<f64>(pm)) store<f64>(pm, a);
      }
    }
  }
  for (let i = 0; i < nq; i++) if (load<f64>(m + ((<usize>i) << 3)) === -Infinity) return i;
  if (mode === 0) {
    for (let j = 0; j < nk; j++) {
      const off = (<usize>(j * nq)) << 3;
      expRow(A + off, m, P + off, s, nq);
    }
  } else {
    for (let j = 0; j < nk; j++) {
      const row = <usize>(j * nq);
      for (let i = mode === 1 ? j : 0; i < nq; i++) {
        if (mode === 2 && load<u8>(flags + row + <usize>i) === 0) continue;
        const k = (row + <usize>i) << 3;
        const e = Math.exp(load<f64>(A + k) - load<f64>(m + ((<usize>i) << 3)));
        store<f64>(P + k, e);
        const ps = s + ((<usize>i) << 3);
        store<f64>(ps, load<f64>(ps) + e);
      }
    }
  }
  for (let i = 0; i < nq; i++) {
    const ps = s + ((<usize>i) << 3);
    store<f64>(ps, 1.0 / load<f64>(ps)); // s now holds 1/Σ, so each entry is one multiplication
  }
  for (let j = 0; j < nk; j++) {
    const row = <usize>(j * nq);
    const start = mode === 1 ? j : 0;
    let i = start;
    for (; i + 1 < nq; i += 2) {
      const k = (row + <usize>i) << 3;
      v128.store(P + k, f64x2.mul(v128.load(P + k), v128.load(s + ((<usize>i) << 3))));
    }
    for (; i < nq; i++) {
      const k = (row + <usize>i) << 3;
      store<f64>(P + k, load<f64>(P + k) * load<f64>(s + ((<usize>i) << 3)));
    }
  }
  return -1;
}
