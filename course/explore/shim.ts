// The names a learner's function may call, for the page where there is no mathjs: the prelude's
// mathjs functions and the library's, on plain arrays, in one function with no imports so that its
// source (Function.prototype.toString) runs inside a notebook's output.

type Value = number | Value[];

/**
 * A small stand-in for the notebook's prelude: mathjs's add, column, divide, dot, exp, map,
 * matrix, max, multiply, size, sqrt, subtract, sum, transpose and zeros, and the library's
 * selfAttention, softmax, softmaxColumns, scoreMatrix, queryMatrix, keyMatrix, valueMatrix,
 * outputMatrix, query, key, value, project, score, scores, weightedSum, stackColumns, columnsOf,
 * scaleFactor and maskTable, with their results' shapes (a matrix in, a matrix out; a vector times
 * a vector is a number). Only numbers: no units, complex numbers or BigNumbers.
 */
export function pageLibrary(): Record<string, unknown> {
  class Matrix {
    readonly _data: Value[];
    constructor(data: Value[]) {
      this._data = data;
    }
    toArray(): Value[] {
      return copy(this._data) as Value[];
    }
    valueOf(): Value[] {
      return this._data;
    }
    size(): number[] {
      return shapeOf(this._data);
    }
    get(at: number[]): Value {
      return at.reduce<Value>((v, k) => (v as Value[])[k] as Value, this._data);
    }
    map(f: (x: number, at: number[]) => number): Matrix {
      return new Matrix(mapAt(this._data, f, []) as Value[]);
    }
    clone(): Matrix {
      return new Matrix(this.toArray());
    }
    toString(): string {
      return JSON.stringify(this._data);
    }
  }
  const isM = (x: unknown): x is Matrix => x instanceof Matrix;
  const plain = (x: unknown): Value => {
    const v = isM(x) ? x._data : x;
    if (typeof v === "number") return v;
    if (Array.isArray(v)) return v.map((e) => plain(e));
    throw new Error(
      `expected a number, an array or a matrix, got ${v === null ? "null" : typeof v}`,
    );
  };
  function copy(v: Value): Value {
    return Array.isArray(v) ? v.map(copy) : v;
  }
  function shapeOf(v: Value): number[] {
    return Array.isArray(v) ? [v.length, ...(v.length > 0 ? shapeOf(v[0] as Value) : [])] : [];
  }
  function mapAt(v: Value, f: (x: number, at: number[]) => number, at: number[]): Value {
    return Array.isArray(v) ? v.map((e, k) => mapAt(e, f, [...at, k])) : f(v, at);
  }
  const wrap = (v: Value, like: unknown[]): unknown =>
    typeof v !== "number" && like.some(isM) ? new Matrix(v as Value[]) : v;
  const elementwise =
    (name: string, op: (a: number, b: number) => number) =>
    (a: unknown, b: unknown): unknown => {
      const go = (x: Value, y: Value): Value => {
        if (typeof x === "number" && typeof y === "number") return op(x, y);
        if (typeof x === "number") return (y as Value[]).map((e) => go(x, e));
        if (typeof y === "number") return x.map((e) => go(e, y));
        if (x.length !== y.length)
          throw new Error(
            `${name}: dimension mismatch (${shapeOf(x).join("×")} and ${shapeOf(y).join("×")})`,
          );
        return x.map((e, k) => go(e, y[k] as Value));
      };
      return wrap(go(plain(a), plain(b)), [a, b]);
    };
  const flat = (v: Value): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v]);
  const times2 = (X: number[][], Y: number[][]): number[][] => {
    const inner = (Y.length === 0 ? 0 : X[0]?.length) ?? 0;
    if (inner !== Y.length)
      throw new Error(
        `multiply: dimension mismatch: ${X.length}×${X[0]?.length ?? 0} times ${Y.length}×${Y[0]?.length ?? 0}`,
      );
    return X.map((row) =>
      (Y[0] ?? []).map((_, c) =>
        row.reduce((s, x, k) => s + x * ((Y[k] as number[])[c] as number), 0),
      ),
    );
  };
  const multiply2 = (a: unknown, b: unknown): unknown => {
    const x = plain(a);
    const y = plain(b);
    if (typeof x === "number" || typeof y === "number")
      return elementwise("multiply", (p, q) => p * q)(a, b);
    const xd = shapeOf(x).length;
    const yd = shapeOf(y).length;
    if (xd === 1 && yd === 1) {
      if (x.length !== y.length)
        throw new Error(`multiply: vectors of lengths ${x.length} and ${y.length}`);
      return (x as number[]).reduce((s, e, k) => s + e * ((y as number[])[k] as number), 0);
    }
    const X = (xd === 1 ? [x] : x) as number[][];
    const Y = (yd === 1 ? (y as number[]).map((e) => [e]) : y) as number[][];
    const P = times2(X, Y);
    const out: Value = xd === 1 ? (P[0] as number[]) : yd === 1 ? P.map((r) => r[0] as number) : P;
    return wrap(out, [a, b]);
  };
  const multiply = (...args: unknown[]): unknown => args.reduce((acc, x) => multiply2(acc, x));
  const transpose = (a: unknown): unknown => {
    const x = plain(a);
    if (typeof x === "number" || shapeOf(x).length < 2) return a;
    const X = x as number[][];
    return wrap(
      (X[0] ?? []).map((_, c) => X.map((r) => r[c] as number)),
      [a],
    );
  };
  const along = (a: unknown, dim: number | undefined, f: (v: number[]) => number): unknown => {
    const x = plain(a);
    if (dim === undefined || typeof x === "number" || shapeOf(x).length < 2) {
      const all = typeof x === "number" ? [x] : flat(x);
      return f(all);
    }
    const X = x as number[][];
    const out =
      dim === 0 ? (X[0] ?? []).map((_, c) => f(X.map((r) => r[c] as number))) : X.map((r) => f(r));
    return wrap(out, [a]);
  };
  const maxOf = (v: number[]) => v.reduce((m, e) => Math.max(m, e), -Infinity);
  const sumOf = (v: number[]) => v.reduce((s, e) => s + e, 0);
  const zeros = (...dims: unknown[]): Matrix => {
    const d = (Array.isArray(dims[0]) ? dims[0] : dims) as number[];
    const make = (k: number): Value =>
      k >= d.length ? 0 : Array.from({ length: d[k] as number }, () => make(k + 1));
    return new Matrix(make(0) as Value[]);
  };
  const matrix = (a?: unknown): Matrix => new Matrix((a === undefined ? [] : plain(a)) as Value[]);
  const grid = (a: unknown, name: string): number[][] => {
    const x = plain(a);
    if (typeof x === "number" || shapeOf(x).length !== 2)
      throw new Error(
        `${name} should be a matrix, got ${typeof x === "number" ? "a number" : shapeOf(x).join("×")}`,
      );
    return x as number[][];
  };
  const vector = (a: unknown, name: string): number[] => {
    const x = plain(a);
    if (typeof x === "number") throw new Error(`${name} should be a vector, got a number`);
    const s = shapeOf(x);
    if (s.length === 2 && s[1] === 1) return (x as number[][]).map((r) => r[0] as number);
    if (s.length !== 1) throw new Error(`${name} should be a vector, got ${s.join("×")}`);
    return x as number[];
  };
  const M = (v: Value[]) => new Matrix(v);
  const project = (W: unknown, a: unknown) =>
    M(multiply2(grid(W, "W"), vector(a, "a")) as number[]);
  const projectAll = (W: unknown, I: unknown) => M(times2(grid(W, "W"), grid(I, "I")));
  const softmaxList = (alpha: number[], allowed?: readonly boolean[]): number[] => {
    const ok = (j: number) => allowed?.[j] ?? true;
    const m = maxOf(alpha.filter((_, j) => ok(j)));
    if (m === -Infinity) throw new Error("softmax needs at least one unmasked score");
    const e = alpha.map((x, j) => (ok(j) ? Math.exp(x - m) : 0));
    const total = sumOf(e);
    return e.map((x) => x / total);
  };
  const softmaxColumns = (A: unknown, allowed?: readonly (readonly boolean[])[] | null) => {
    const a = grid(A, "A");
    const out = a.map((r) => r.map(() => 0));
    (a[0] ?? []).forEach((_, i) => {
      const w = softmaxList(
        a.map((r) => r[i] as number),
        allowed ? allowed.map((r) => r[i] ?? true) : undefined,
      );
      w.forEach((x, j) => ((out[j] as number[])[i] = x));
    });
    return M(out);
  };
  const scaleFactor = (scale: unknown, dk: number): number =>
    scale === undefined || scale === "none"
      ? 1
      : scale === "sqrt-dk"
        ? 1 / Math.sqrt(dk)
        : (scale as number);
  const maskTable = (mask: unknown, nk: number, nq: number): boolean[][] | null => {
    if (mask === undefined || mask === "none") return null;
    if (mask === "causal")
      return Array.from({ length: nk }, (_, j) => Array.from({ length: nq }, (__, i) => j <= i));
    return (isM(mask) ? mask._data : mask) as boolean[][];
  };
  const scoreMatrix = (K: unknown, Q: unknown) =>
    M(times2(transpose(grid(K, "K")) as number[][], grid(Q, "Q")));
  const selfAttention = (
    I: unknown,
    w: { Wq: unknown; Wk: unknown; Wv: unknown },
    options: { scale?: unknown; mask?: unknown } = {},
  ) => {
    const Q = projectAll(w.Wq, I);
    const K = projectAll(w.Wk, I);
    const V = projectAll(w.Wv, I);
    const f = scaleFactor(options.scale, K._data.length);
    const raw = scoreMatrix(K, Q);
    const A = f === 1 ? raw : (multiply2(raw, f) as Matrix);
    const Aprime = softmaxColumns(A, maskTable(options.mask, A._data.length, A._data.length));
    const O = M(times2(V._data as number[][], Aprime._data as number[][]));
    return { Q, K, V, A, Aprime, O };
  };
  const columnsOf = (I: unknown) => {
    const X = grid(I, "I");
    return (X[0] ?? []).map((_, c) => M(X.map((r) => r[c] as number)));
  };
  return {
    add: elementwise("add", (a, b) => a + b),
    subtract: elementwise("subtract", (a, b) => a - b),
    divide: elementwise("divide", (a, b) => a / b),
    dotMultiply: elementwise("dotMultiply", (a, b) => a * b),
    dotDivide: elementwise("dotDivide", (a, b) => a / b),
    exp: (a: unknown) => wrap(mapAt(plain(a), Math.exp, []), [a]),
    sqrt: (a: unknown) => wrap(mapAt(plain(a), Math.sqrt, []), [a]),
    map: (a: unknown, f: (x: number, at: number[], m: unknown) => number) =>
      wrap(
        mapAt(plain(a), (x, at) => f(x, at, a), []),
        [a],
      ),
    max: (a: unknown, dim?: number) => along(a, dim, maxOf),
    sum: (a: unknown, dim?: number) => along(a, dim, sumOf),
    multiply,
    transpose,
    dot: (a: unknown, b: unknown) => multiply2(vector(a, "dot's x"), vector(b, "dot's y")),
    column: (a: unknown, i: number) =>
      wrap(
        grid(a, "column's matrix").map((r) => [r[i] as number]),
        [a],
      ),
    size: (a: unknown) => wrap(shapeOf(plain(a)), [a]),
    matrix,
    zeros,
    selfAttention,
    softmax: (alpha: unknown, allowed?: readonly boolean[]) =>
      M(softmaxList(vector(alpha, "α"), allowed)),
    softmaxColumns,
    scoreMatrix,
    queryMatrix: projectAll,
    keyMatrix: projectAll,
    valueMatrix: projectAll,
    projectAll: (I: unknown, w: { Wq: unknown; Wk: unknown; Wv: unknown }) => ({
      Q: projectAll(w.Wq, I),
      K: projectAll(w.Wk, I),
      V: projectAll(w.Wv, I),
    }),
    outputMatrix: (V: unknown, Aprime: unknown) => M(times2(grid(V, "V"), grid(Aprime, "A'"))),
    query: project,
    key: project,
    value: project,
    project,
    score: (q: unknown, k: unknown) => multiply2(vector(q, "q"), vector(k, "k")),
    scores: (q: unknown, keys: unknown[]) =>
      M(keys.map((k) => multiply2(vector(q, "q"), vector(k, "k")) as number)),
    weightedSum: (weights: unknown, values: unknown[]) => {
      const w = vector(weights, "weights");
      const vs = values.map((v) => vector(v, "v"));
      return M(
        (vs[0] ?? []).map((_, r) =>
          vs.reduce((s, v, j) => s + (w[j] as number) * (v[r] as number), 0),
        ),
      );
    },
    stackColumns: (tokens: unknown[]) => {
      const cols = tokens.map((t) => vector(t, "a"));
      return M((cols[0] ?? []).map((_, r) => cols.map((c) => c[r] as number)));
    },
    columnsOf,
    scaleFactor,
    maskTable,
  };
}
