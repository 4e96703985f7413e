// The whole matrix form on typed arrays: the same contract as selfAttention, with blocked loops.
import { AttentionError } from "../src/errors.js";
import { allKeysMasked } from "../src/messages.js";
import { type AttentionOptions, scaleFactor } from "../src/options.js";
import { type Backend, jsBackend } from "./backend.js";
import {
  checkInputs,
  type FastMatrixInput,
  type FastPath,
  type FastWeights,
  requireFinite,
  requireSameKeySize,
} from "./checks.js";
import { allowedPairs } from "./mask.js";
import type { Mat } from "./mat.js";

/** Every matrix of the matrix form, as row-major typed matrices. */
export interface FastAttentionResult {
  /** Q = Wq·I (d_k×n). */
  Q: Mat;
  /** K = Wk·I (d_k×n). */
  K: Mat;
  /** V = Wv·I (d_v×n). */
  V: Mat;
  /** A = KᵀQ times the scale factor (n×n); masked entries keep their score. */
  A: Mat;
  /** A' = softmax down each column of A (n×n). */
  Aprime: Mat;
  /** O = V·A' (d_v×n). */
  O: Mat;
}

/**
 * Single-head self-attention on Float64Arrays: the same results as selfAttention within
 * rounding (every product sums in the same order, so A and A' match it bit for bit), the same
 * options, and the same AttentionError for every bad input. Returns row-major Mats;
 * toRows or toMathjs turn them back into the readable path's form.
 *
 * Formula: Q = Wq·I, K = Wk·I, V = Wv·I, A = KᵀQ, A' = softmax down the columns of A, O = V·A'
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), A, A' (n×n), O (d_v×n)
 *
 * @example
 * Array.from(fastSelfAttention([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0], [0, 2]] }).O.data) // returns [1.4621, 1, 0.5379, 1]
 */
export const fastSelfAttention: FastPath<AttentionOptions, FastAttentionResult> = (I, W, options) =>
  attentionWith(jsBackend, I, W, options);

/**
 * The materialised fast path on a given backend (typed arrays, or WebAssembly memory):
 * checks in the readable path's order, then the products and the softmax on its buffers.
 *
 * Formula: Q = Wq·I, K = Wk·I, V = Wv·I, A = KᵀQ, A' = softmax down the columns of A, O = V·A'
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), A, A' (n×n), O (d_v×n)
 *
 * @example
 * attentionWith(jsBackend, [[1]], { Wq: [[1]], Wk: [[1]], Wv: [[3]] }).O.data // returns [3]
 */
export function attentionWith(
  backend: Backend,
  I: FastMatrixInput,
  weights: FastWeights,
  options: AttentionOptions = {},
): FastAttentionResult {
  const room = (n: number): [number, number] => [2 * n * n + 2 * n, n * n]; // A, A', m, s; flags
  const { backend: on, n, Q, K, V, factor } = projectChecked(backend, I, weights, options, room);
  backend = on; // jsBackend when the one given has no room
  const dv = V.rows;
  const A = { rows: n, cols: n, data: backend.doubles(n * n) };
  const Kt = { data: K.data, offset: 0, rowStride: 1, colStride: n }; // Kᵀ (n×d_k), read in place
  backend.multiplyAdd(A.data, 0, n, Kt, Q.data, 0, n, n, K.rows, n); // (n×d_k)·(d_k×n) → n×n
  if (factor !== 1)
    for (let k = 0; k < A.data.length; k++) A.data[k] = (A.data[k] as number) * factor;
  let allowed = allowedPairs(options, n);
  if (allowed.kind === "table") {
    const flags = backend.bytes(n * n);
    flags.set(allowed.flags);
    allowed = { kind: "table", flags };
  }
  requireFinite(A, "A", backend.allFinite);
  const Aprime = { rows: n, cols: n, data: backend.doubles(n * n) };
  const empty = backend.softmaxColumnsInto(A.data, Aprime.data, n, n, allowed); // n×n, columns sum to 1
  if (empty >= 0) throw new AttentionError(allKeysMasked(empty, n));
  requireFinite(V, "V", backend.allFinite);
  const O = { rows: dv, cols: n, data: backend.doubles(dv * n) };
  const Vw = { data: V.data, offset: 0, rowStride: n, colStride: 1 };
  backend.multiplyAdd(O.data, 0, n, Vw, Aprime.data, 0, n, dv, n, n); // (d_v×n)·(n×n) → d_v×n
  const out = (m: Mat): Mat => keep(backend, m);
  return { Q: out(Q), K: out(K), V: out(V), A: out(A), Aprime: out(Aprime), O: out(O) };
}

/**
 * Projects every token at once into a buffer of the backend: out = W·I.
 *
 * Formula: out = W·I
 * Shapes: W (r×d), I (d×n) → out (r×n)
 *
 * @example
 * projectWith(jsBackend, { rows: 1, cols: 2, data: Float64Array.of(1, 1) }, { rows: 2, cols: 1, data: Float64Array.of(2, 3) }).data // returns [5]
 */
export function projectWith(backend: Backend, W: Mat, I: Mat): Mat {
  const out = { rows: W.rows, cols: I.cols, data: backend.doubles(W.rows * I.cols) };
  const view = { data: W.data, offset: 0, rowStride: W.cols, colStride: 1 };
  backend.multiplyAdd(out.data, 0, I.cols, view, I.data, 0, I.cols, W.rows, W.cols, I.cols); // (r×d)·(d×n) → r×n
  return out;
}

/** Q, K and V in a backend's buffers, with the backend that holds them and the scale factor. */
export interface Projected {
  /** The backend given, or jsBackend when that one had no room. */
  backend: Backend;
  /** The number of tokens. */
  n: number;
  /** Q = Wq·I (d_k×n). */
  Q: Mat;
  /** K = Wk·I (d_k×n). */
  K: Mat;
  /** V = Wv·I (d_v×n). */
  V: Mat;
  /** What the scores are multiplied by (scaleFactor of options.scale). */
  factor: number;
}

/**
 * The first steps of both fast paths: checks I and the weights, makes room on the backend for
 * them, Q, K, V and what `room(n, d_v)` asks for (doubles, bytes) — on plain typed arrays
 * instead when the backend has none — projects Q, K and V, and checks the scale, K, Q and their
 * key sizes, in the readable path's order.
 *
 * Formula: Q = Wq·I, K = Wk·I, V = Wv·I
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n)
 *
 * @example
 * projectChecked(jsBackend, [[1, 2]], { Wq: [[1]], Wk: [[1]], Wv: [[3]] }, {}, () => [0, 0]).V.data // returns [3, 6]
 */
export function projectChecked(
  backend: Backend,
  I: FastMatrixInput,
  weights: FastWeights,
  options: AttentionOptions,
  room: (n: number, dv: number) => [number, number],
): Projected {
  const x = checkInputs(I, weights);
  const [n, d, dq, dk, dv] = [x.I.cols, x.I.rows, x.Wq.rows, x.Wk.rows, x.Wv.rows];
  const [doubles, bytes] = room(n, dv);
  if (!backend.reserve(d * n + (dq + dk + dv) * (d + n) + dv * n + doubles, bytes)) {
    backend = jsBackend; // too large for this backend
  }
  // checkInputs made fresh copies: a backend of plain arrays reads them as they are
  const put = (m: Mat): Mat => {
    if (!backend.shared) return m;
    const data = backend.doubles(m.data.length);
    data.set(m.data);
    return { rows: m.rows, cols: m.cols, data };
  };
  const input = put(x.I);
  const Q = projectWith(backend, put(x.Wq), input); // (d_k×d)·(d×n) → d_k×n
  const K = projectWith(backend, put(x.Wk), input); // (d_k×d)·(d×n) → d_k×n
  const V = projectWith(backend, put(x.Wv), input); // (d_v×d)·(d×n) → d_v×n
  const factor = scaleFactor(options.scale, K.rows);
  requireFinite(K, "K", backend.allFinite);
  requireFinite(Q, "Q", backend.allFinite);
  requireSameKeySize(K, Q);
  return { backend, n, Q, K, V, factor };
}

/**
 * A result matrix as the caller may keep it: a copy when it lives in memory the backend reuses.
 *
 * Shapes: M (r×c) → M (r×c)
 *
 * @example
 * keep(jsBackend, { rows: 1, cols: 1, data: Float64Array.of(7) }).data // returns [7]
 */
export function keep(backend: Backend, m: Mat): Mat {
  return backend.shared ? { ...m, data: m.data.slice() } : m;
}
