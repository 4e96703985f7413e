// A plain-loop self-attention that lives only in the tests: the independent reference.

export type Plain = number[][];

/** out = W·X with three nested loops. */
function matmul(W: Plain, X: Plain): Plain {
  const r = W.length;
  const inner = X.length;
  const c = X[0]?.length ?? 0;
  const out: Plain = [];
  for (let i = 0; i < r; i++) {
    const row: number[] = [];
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let t = 0; t < inner; t++) s += (W[i]?.[t] ?? Number.NaN) * (X[t]?.[j] ?? Number.NaN);
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

/** Xᵀ: row j of the result is column j of X. */
function transposed(X: Plain): Plain {
  return (X[0] ?? []).map((_, j) => X.map((row) => row[j] ?? Number.NaN));
}

/** Column softmax written out in loops; `allowed[j][i]` false gives zero weight. */
function columnSoftmax(A: Plain, allowed?: boolean[][]): Plain {
  const nk = A.length;
  const nq = A[0]?.length ?? 0;
  const out: Plain = A.map((row) => row.map(() => 0));
  for (let i = 0; i < nq; i++) {
    let m = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < nk; j++) if (allowed?.[j]?.[i] ?? true) m = Math.max(m, A[j]?.[i] ?? 0);
    let total = 0;
    for (let j = 0; j < nk; j++) {
      if (allowed?.[j]?.[i] ?? true) total += Math.exp((A[j]?.[i] ?? 0) - m);
    }
    for (let j = 0; j < nk; j++) {
      const w = (allowed?.[j]?.[i] ?? true) ? Math.exp((A[j]?.[i] ?? 0) - m) / total : 0;
      (out[j] as number[])[i] = w;
    }
  }
  return out;
}

/** The whole chain with loops: O = Wv·I · softmax((Wk·I)ᵀ(Wq·I) · factor). */
export function referenceAttention(
  I: Plain,
  Wq: Plain,
  Wk: Plain,
  Wv: Plain,
  factor = 1,
  allowed?: boolean[][],
): { A: Plain; Aprime: Plain; O: Plain } {
  const Q = matmul(Wq, I);
  const K = matmul(Wk, I);
  const V = matmul(Wv, I);
  const A = matmul(transposed(K), Q).map((row) => row.map((s) => s * factor)); // Kᵀ·Q
  const Aprime = columnSoftmax(A, allowed);
  return { A, Aprime, O: matmul(V, Aprime) };
}
