// Arguments for checking an answer that is a function: the worked example first, then seeded random cases.
import { a1, a2, I, inputs as tokens, Wk, Wq, Wv } from "../src/worked-example.js";

/** A deterministic random source, so the notebook and the grader try the very same cases. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

/** One argument list to call an answer with, and what it is, for messages ("on the worked example"). */
export interface Case {
  label: "the worked example" | "a case with large scores" | "a random case";
  args: unknown[];
}
const worked = (...args: unknown[]): Case => ({ label: "the worked example", args });
const large = (...args: unknown[]): Case => ({ label: "a case with large scores", args });
const randomCases = (n: number, make: () => unknown[]): Case[] =>
  Array.from({ length: n }, () => ({ label: "a random case" as const, args: make() }));
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const num = (r: Rand, scale = 3) => Math.round((r() * 2 - 1) * scale * 100) / 100;
const vec = (r: Rand, n: number, scale = 3) => Array.from({ length: n }, () => num(r, scale));
const mat = (r: Rand, rows: number, cols: number, scale = 3) =>
  Array.from({ length: rows }, () => vec(r, cols, scale));
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const plainTokens = (): number[][] => tokens.map((a) => [...a]);
const plainI = (): number[][] => I.map((r) => [...r]);
const plainW = (W: readonly (readonly number[])[]): number[][] => W.map((r) => [...r]);
const softmaxCol = (col: number[]) => {
  const m = Math.max(...col);
  const e = col.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/**
 * The argument lists each named generator yields: the worked example first (where the exercise has
 * one), cases whose scores pass exp's overflow (about 710) with the largest score not first, then
 * random cases of many shapes, including sizes of 1.
 */
const generators: Record<string, (r: Rand) => Case[]> = {
  /** (alpha: number[]): one query's scores. */
  scores: (r) => [
    worked([2, 1, 0, 1]),
    large([0]),
    large([1000, 999, -1000]),
    large([-1000, 1000, 999]),
    large([-3, 800, 790, 5]),
    large([-1000, -1001]),
    ...randomCases(12, () => [vec(r, int(r, 1, 9), 5)]),
  ],
  /** (x: number[], y: number[]): two vectors of the same length, for a dot product. */
  vectorPair: (r) => [
    worked([...a1], [...a2]),
    ...randomCases(12, () => {
      const n = int(r, 1, 9);
      return [vec(r, n), vec(r, n)];
    }),
  ],
  /** (W: number[][], a: number[]): a projection W·a. */
  projection: (r) => [
    worked(plainW(Wq), [...a1]),
    ...randomCases(12, () => {
      const d = int(r, 1, 6);
      return [mat(r, int(r, 1, 6), d), vec(r, d)];
    }),
  ],
  /** (q: number[], keys: number[][]): one query against every key. */
  queryKeys: (r) => [
    worked(
      [1, 1],
      plainTokens().map((a) => [a[0] as number, a[2] as number]),
    ),
    ...randomCases(12, () => {
      const dk = int(r, 1, 6);
      return [vec(r, dk), mat(r, int(r, 1, 8), dk)];
    }),
  ],
  /** (weights: number[], values: number[][]): a weighted sum of value vectors. */
  weightsValues: (r) => [
    worked(
      softmaxCol([2, 1, 0, 1]),
      plainTokens().map((a) => [a[0] as number, 2 * (a[1] as number), 3 * (a[2] as number)]),
    ),
    ...randomCases(12, () => {
      const n = int(r, 1, 8);
      return [softmaxCol(vec(r, n)), mat(r, n, int(r, 1, 6))];
    }),
  ],
  /** (tokens: number[][]): token vectors a1 … an to stack as columns. */
  tokens: (r) => [
    worked(plainTokens()),
    ...randomCases(12, () => [mat(r, int(r, 1, 8), int(r, 1, 6))]),
  ],
  /** (W: number[][], I: number[][]): a projection of every token, W·I. */
  projectAll: (r) => [
    worked(plainW(Wq), plainI()),
    ...randomCases(12, () => {
      const d = int(r, 1, 6);
      return [mat(r, int(r, 1, 6), d), mat(r, d, int(r, 1, 8))];
    }),
  ],
  /** (K: number[][], Q: number[][]): keys and queries with the same d_k. */
  keysQueries: (r) => [
    worked(
      [
        [1, 1, 0, 0],
        [1, 0, 0, 1],
      ],
      [
        [1, 2, 1, 1],
        [1, 1, 1, 2],
      ],
    ),
    ...randomCases(12, () => {
      const dk = int(r, 1, 6);
      const n = int(r, 1, 8);
      return [mat(r, dk, n), mat(r, dk, n)];
    }),
  ],
  /** (A: number[][]): a square score matrix, for a softmax down each column. */
  scoreMatrix: (r) => [
    worked([
      [2, 3, 2, 3],
      [1, 2, 1, 1],
      [0, 0, 0, 0],
      [1, 1, 1, 2],
    ]),
    large([
      [500, -500],
      [-500, 500],
    ]),
    large([
      [-900, 800, 3],
      [900, -800, 760],
      [899, 790, 755],
    ]),
    ...randomCases(12, () => {
      const n = int(r, 1, 8);
      return [mat(r, n, n, 5)];
    }),
  ],
  /** (V: number[][], Aprime: number[][]): values and column-softmax weights. */
  valuesWeights: (r) =>
    randomCases(12, () => {
      const n = int(r, 1, 8);
      const weights = mat(r, n, n).map((_, j, M) => M.map((row) => row[j] as number));
      const columns = weights.map(softmaxCol); // n columns, each summing to 1
      const Aprime = columns.map((_, j) => columns.map((c) => c[j] as number));
      return [mat(r, int(r, 1, 6), n), Aprime];
    }),
  /** (I: number[][], Wq: number[][], Wk: number[][], Wv: number[][]): a whole attention problem. */
  attention: (r) => [
    worked(plainI(), plainW(Wq), plainW(Wk), plainW(Wv)),
    // scores of about ±900, the largest of each column not in its first row
    large(
      [
        [-30, 30, 29],
        [28, -30, 30],
      ],
      [[1, 0]],
      [[0, 1]],
      [
        [1, 0],
        [0, 1],
      ],
    ),
    ...randomCases(12, () => {
      const d = int(r, 1, 6);
      const dk = int(r, 1, 6);
      const n = int(r, 1, 8);
      return [mat(r, d, n), mat(r, dk, d), mat(r, dk, d), mat(r, int(r, 1, 6), d)];
    }),
  ],
  /** (i: number, tokens: number[][], Wq, Wk, Wv): one query of a whole problem (0-based i). */
  oneQuery: (r) => [
    worked(0, plainTokens(), plainW(Wq), plainW(Wk), plainW(Wv)),
    worked(3, plainTokens(), plainW(Wq), plainW(Wk), plainW(Wv)),
    ...randomCases(12, () => {
      const d = int(r, 1, 6);
      const dk = int(r, 1, 6);
      const n = int(r, 1, 8);
      return [
        int(r, 0, n - 1),
        mat(r, n, d),
        mat(r, dk, d),
        mat(r, dk, d),
        mat(r, int(r, 1, 6), d),
      ];
    }),
  ],
};

/** The argument lists for an exercise: the same on every run, fresh copies each time. */
export function casesFor(generator: string, id: string): Case[] {
  const make = generators[generator];
  if (!make) throw new Error(`unknown input generator "${generator}" (exercise ${id})`);
  const seed = [...id].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261);
  return copy(make(seeded(seed)));
}
