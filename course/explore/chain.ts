// The explorer's chain in the page: I → Q, K, V → A → A' → O on plain number[][] loops, with no
// imports, so that its source (Function.prototype.toString) runs inside a notebook's output.

/** What the explorer's inputs hold: the tokens as columns of I, the three weights and the two toggles. */
export interface ExploreState {
  /** I = [a1 … an] (d×n): column i is a_i. */
  I: number[][];
  /** Wq (d_k×d). */
  Wq: number[][];
  /** Wk (d_k×d). */
  Wk: number[][];
  /** Wv (d_v×d). */
  Wv: number[][];
  /** Scores multiplied by 1/√d_k. */
  scale: boolean;
  /** Query i may attend to keys j ≤ i only. */
  causal: boolean;
}

/** Every matrix the explorer shows, in the article's notation and column convention. */
export interface ExploreView {
  /** Q = Wq·I (d_k×n). */
  Q: number[][];
  /** K = Wk·I (d_k×n). */
  K: number[][];
  /** V = Wv·I (d_v×n). */
  V: number[][];
  /** A = KᵀQ times the factor (n×n): A[j][i] = k_j·q_i·factor. */
  A: number[][];
  /** A' = softmax down each column of A (n×n). */
  Aprime: number[][];
  /** O = V·A' (d_v×n). */
  O: number[][];
  /** allowed[j][i]: query i may attend to key j (n×n). */
  allowed: boolean[][];
  /** 1, or 1/√d_k when the scores are scaled. */
  factor: number;
}

/**
 * The whole chain on plain arrays, as the library computes it: each column's largest allowed
 * score is subtracted before exp, masked pairs get exactly 0.
 *
 * Formula: Q = Wq·I, K = Wk·I, V = Wv·I, A = KᵀQ·factor, A'[j][i] = exp(A[j][i] − m_i)/Σ_t exp(A[t][i] − m_i), O = V·A'
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), A, A' (n×n), O (d_v×n)
 */
export function chain(s: ExploreState): ExploreView {
  const times = (X: number[][], Y: number[][]): number[][] =>
    X.map((row) =>
      (Y[0] as number[]).map((_, c) =>
        row.reduce((sum, x, k) => sum + x * ((Y[k] as number[])[c] as number), 0),
      ),
    );
  const Q = times(s.Wq, s.I); // (d_k×d)·(d×n) → d_k×n
  const K = times(s.Wk, s.I); // (d_k×d)·(d×n) → d_k×n
  const V = times(s.Wv, s.I); // (d_v×d)·(d×n) → d_v×n
  const n = (s.I[0] as number[]).length;
  const factor = s.scale ? 1 / Math.sqrt(K.length) : 1;
  const Kt = (K[0] as number[]).map((_, j) => K.map((row) => row[j] as number)); // n×d_k
  const raw = times(Kt, Q); // (n×d_k)·(d_k×n) → n×n
  const A = factor === 1 ? raw : raw.map((row) => row.map((x) => x * factor));
  const allowed = A.map((row, j) => row.map((_, i) => !s.causal || j <= i));
  const Aprime = A.map((row) => row.map(() => 0));
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    A.forEach((row, j) => {
      if ((allowed[j] as boolean[])[i]) m = Math.max(m, row[i] as number);
    });
    const e = A.map((row, j) =>
      (allowed[j] as boolean[])[i] ? Math.exp((row[i] as number) - m) : 0,
    );
    const total = e.reduce((a, b) => a + b, 0);
    e.forEach((x, j) => {
      (Aprime[j] as number[])[i] = x / total;
    });
  }
  const O = times(V, Aprime); // (d_v×n)·(n×n) → d_v×n
  return { Q, K, V, A, Aprime, O, allowed, factor };
}
