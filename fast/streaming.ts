// Self-attention without the n×n matrices: an online softmax over blocks of keys (the FlashAttention idea).
import { AttentionError } from "../src/errors.js";
import { allKeysMasked, notFinite } from "../src/messages.js";
import type { AttentionOptions } from "../src/options.js";
import { type Backend, jsBackend } from "./backend.js";
import { type FastMatrixInput, type FastPath, type FastWeights, requireFinite } from "./checks.js";
import { allowedPairs } from "./mask.js";
import type { Mat } from "./mat.js";
import { keep, projectChecked } from "./self-attention.js";

/** What the streaming path returns: everything but the n×n matrices A and A'. */
export interface StreamingAttentionResult {
  /** Q = Wq·I (d_k×n). */
  Q: Mat;
  /** K = Wk·I (d_k×n). */
  K: Mat;
  /** V = Wv·I (d_v×n). */
  V: Mat;
  /** O = V·A' (d_v×n). */
  O: Mat;
}

/** Options of the streaming path: the attention options plus the block sizes. */
export interface StreamingOptions extends AttentionOptions {
  /** Queries per block (default 128). */
  queryBlock?: number;
  /** Keys per block (default 256). */
  keyBlock?: number;
}

function blockSize(b: number | undefined, fallback: number): number {
  return b !== undefined && Number.isInteger(b) && b >= 1 ? b : fallback;
}

/**
 * Single-head self-attention that never stores A or A': for each block of queries it walks the
 * keys block by block, keeping per query the largest score so far m, the sum of exponentials l
 * and the unnormalised output; a new, larger m rescales both by exp(m_old − m_new). Memory is
 * O(n·d) plus one block of scores. Same options and errors as selfAttention; O agrees within 1e-12.
 *
 * Formula: m_i = max_j A[j][i], l_i = Σ_j exp(A[j][i] − m_i), O[:, i] = Σ_j exp(A[j][i] − m_i)·v_j / l_i
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), O (d_v×n)
 *
 * @example
 * Array.from(streamingSelfAttention([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0], [0, 2]] }).O.data) // returns [1.4621, 1, 0.5379, 1]
 */
export const streamingSelfAttention: FastPath<StreamingOptions, StreamingAttentionResult> = (
  I,
  W,
  options,
) => streamingWith(jsBackend, I, W, options);

/**
 * The streaming path on a given backend (typed arrays, or WebAssembly memory): the same checks
 * and the same online softmax, with the block products run by the backend.
 *
 * Formula: m_i = max_j A[j][i], l_i = Σ_j exp(A[j][i] − m_i), O[:, i] = Σ_j exp(A[j][i] − m_i)·v_j / l_i
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), O (d_v×n)
 *
 * @example
 * streamingWith(jsBackend, [[1]], { Wq: [[1]], Wk: [[1]], Wv: [[3]] }).O.data // returns [3]
 */
export function streamingWith(
  backend: Backend,
  I: FastMatrixInput,
  weights: FastWeights,
  options: StreamingOptions = {},
): StreamingAttentionResult {
  const blocks = (n: number): [number, number] => [
    Math.min(n, blockSize(options.queryBlock, 128)),
    Math.min(n, blockSize(options.keyBlock, 256)),
  ];
  const room = (n: number, dv: number): [number, number] => {
    const [bq, bk] = blocks(n);
    return [(bk + dv + 3) * bq, 0]; // S, acc, m, l, bm
  };
  const { backend: on, n, Q, K, V, factor } = projectChecked(backend, I, weights, options, room);
  backend = on; // jsBackend when the one given has no room
  const [bq, bk] = blocks(n); // queries, keys per block
  const allowed = allowedPairs(options, n);
  const dk = K.rows;
  const dv = V.rows;
  // Blocks wholly above the causal diagonal can be skipped only if no score there can overflow
  // (the readable path rejects a non-finite score even where it is masked).
  let maxK = 0;
  let maxQ = 0;
  for (const v of K.data) maxK = Math.max(maxK, Math.abs(v));
  for (const v of Q.data) maxQ = Math.max(maxQ, Math.abs(v));
  const bound = dk * maxK * maxQ; // |k_j·q_i| ≤ bound, before and after scaling
  const skipMasked = allowed.kind === "causal" && bound < 1e300 && factor * bound < 1e300;
  const flags = allowed.kind === "table" ? allowed.flags : null;
  const causal = allowed.kind === "causal";
  const block = flags ? undefined : backend.streamBlock;

  const O = { rows: dv, cols: n, data: backend.doubles(dv * n) };
  const S = backend.doubles(bk * bq); // one block of scores (keys × queries)
  const acc = backend.doubles(dv * bq); // unnormalised outputs of the query block
  const m = backend.doubles(bq);
  const l = backend.doubles(bq);
  const bm = backend.doubles(bq);
  const Kt = { data: K.data, offset: 0, rowStride: 1, colStride: n };
  let bad: { j: number; i: number; value: number } | null = null;
  let empty = -1;

  for (let i0 = 0; i0 < n; i0 += bq) {
    const nq = Math.min(bq, n - i0);
    m.fill(Number.NEGATIVE_INFINITY);
    l.fill(0);
    acc.fill(0);
    for (let j0 = 0; j0 < n; j0 += bk) {
      if (skipMasked && j0 > i0 + nq - 1) break;
      const nk = Math.min(bk, n - j0);
      S.fill(0, 0, nk * nq);
      Kt.offset = j0;
      backend.multiplyAdd(S, 0, nq, Kt, Q.data, i0, n, nk, dk, nq); // (nk×d_k)·(d_k×nq) → nk×nq
      const Vw = { data: V.data, offset: j0, rowStride: n, colStride: 1 };
      // The backend's own kernel for the softmax step, unless there is a mask table or a bad score.
      if (block && block(S, nk, nq, factor, causal, i0 - j0, m, l, bm, acc, bq, dv)) {
        backend.multiplyAdd(acc, 0, bq, Vw, S, 0, nq, dv, nk, nq); // (d_v×nk)·(nk×nq) → d_v×nq
        continue;
      }
      // One pass: scale, note any non-finite score, mask (−∞, so exp gives exactly 0), block maxima.
      bm.fill(Number.NEGATIVE_INFINITY);
      for (let jj = 0; jj < nk; jj++) {
        const j = j0 + jj;
        const row = jj * nq;
        for (let ii = 0; ii < nq; ii++) {
          const k = row + ii;
          const s = factor === 1 ? (S[k] as number) : (S[k] as number) * factor;
          if (s - s !== 0) bad = earliest(bad, j, i0 + ii, s); // NaN or ±∞
          const ok = causal ? j <= i0 + ii : flags ? flags[j * n + i0 + ii] === 1 : true;
          if (!ok) S[k] = Number.NEGATIVE_INFINITY;
          else {
            S[k] = s;
            if (s > (bm[ii] as number)) bm[ii] = s;
          }
        }
      }
      for (let ii = 0; ii < nq; ii++) {
        const mNew = Math.max(m[ii] as number, bm[ii] as number);
        if (mNew === Number.NEGATIVE_INFINITY) continue; // nothing allowed yet for this query
        const c = Math.exp((m[ii] as number) - mNew); // rescales what was summed so far
        m[ii] = mNew;
        l[ii] = (l[ii] as number) * c;
        if (c !== 1)
          for (let r = 0; r < dv; r++) acc[r * bq + ii] = (acc[r * bq + ii] as number) * c;
      }
      for (let jj = 0; jj < nk; jj++) {
        for (let ii = 0; ii < nq; ii++) {
          const k = jj * nq + ii;
          const mi = m[ii] as number;
          const e = mi === Number.NEGATIVE_INFINITY ? 0 : Math.exp((S[k] as number) - mi); // 0 when masked
          S[k] = e;
          l[ii] = (l[ii] as number) + e;
        }
      }
      backend.multiplyAdd(acc, 0, bq, Vw, S, 0, nq, dv, nk, nq); // (d_v×nk)·(nk×nq) → d_v×nq
    }
    for (let ii = 0; ii < nq; ii++) {
      if (l[ii] === 0) {
        if (empty < 0) empty = i0 + ii;
        continue;
      }
      for (let r = 0; r < dv; r++)
        O.data[r * n + i0 + ii] = (acc[r * bq + ii] as number) / (l[ii] as number);
    }
  }
  if (bad) throw new AttentionError(notFinite(`A[${bad.j}][${bad.i}]`, String(bad.value)));
  if (empty >= 0) throw new AttentionError(allKeysMasked(empty, n));
  requireFinite(V, "V", backend.allFinite);
  const out = (mat: Mat): Mat => keep(backend, mat);
  return { Q: out(Q), K: out(K), V: out(V), O: out(O) };
}

/** Of a non-finite score found so far and a new one at A[j][i], the first row by row. */
function earliest(
  found: { j: number; i: number; value: number } | null,
  j: number,
  i: number,
  value: number,
): { j: number; i: number; value: number } {
  return found && (found.j < j || (found.j === j && found.i < i)) ? found : { j, i, value };
}
