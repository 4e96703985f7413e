// A second example with the worked example's names and shapes but other numbers, in which no two
// queries, keys, values, scores or outputs coincide: an answer right on both is computed, not typed.
// check() and the grader run a notebook's cells again with these numbers in place of
// src/worked-example.ts, so this module imports nothing and exports every name that one does.

export const words: readonly string[] = Object.freeze(["the", "cat", "sat", "down"]);

export const a1 = Object.freeze([-1, 1, 1]) as number[];
export const a2 = Object.freeze([-1, 0, 2]) as number[];
export const a3 = Object.freeze([0, -1, -1]) as number[];
export const a4 = Object.freeze([0, 1, -1]) as number[];

export const inputs = Object.freeze([a1, a2, a3, a4]) as [number[], number[], number[], number[]];

export const Wq = Object.freeze([
  Object.freeze([0, 1, 0]),
  Object.freeze([0, 0, -1]),
]) as number[][];

export const Wk = Object.freeze([
  Object.freeze([0, 1, 2]),
  Object.freeze([-1, 2, 0]),
]) as number[][];

export const Wv = Object.freeze([
  Object.freeze([-1, -1, 0]),
  Object.freeze([0, 1, 2]),
  Object.freeze([-1, 2, 2]),
]) as number[][];

export const I = Object.freeze(
  [0, 1, 2].map((r) => Object.freeze(inputs.map((a) => a[r] as number))),
) as number[][];

export const weights = Object.freeze({ Wq, Wk, Wv });
