// Random attention problems for the fast-path tests: shapes, options, masks and block sizes.
import fc from "fast-check";
import { type Matrix, matrix } from "mathjs";
import { expect } from "vitest";
import { type Mat, toRows } from "../../src/fast/index.js";
import type { AttentionOptions } from "../../src/index.js";
import { expectClose, matrixOf } from "../helpers.js";

/** A random n×n keys×queries mask with at least one allowed key per query (column). */
export const maskOf = (n: number) =>
  fc
    .tuple(
      fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), {
        minLength: n,
        maxLength: n,
      }),
      fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: n, maxLength: n }),
    )
    .map(([rows, keep]) => rows.map((row, j) => row.map((b, i) => b || keep[i] === j)));

const scaleArb = fc.oneof(
  fc.constant(undefined),
  fc.constant("none" as const),
  fc.constant("sqrt-dk" as const),
  fc.double({ min: 0.01, max: 4, noNaN: true }),
);

/** Random problems: n 1..12, d 1..8, d_k and d_v 1..8 drawn independently, any options. */
export const problem = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 8 }),
    dk: fc.integer({ min: 1, max: 8 }),
    dv: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ n, d, dk, dv }) =>
    fc.record({
      I: matrixOf(d, n),
      Wq: matrixOf(dk, d),
      Wk: matrixOf(dk, d),
      Wv: matrixOf(dv, d),
      scale: scaleArb,
      mask: fc.oneof(
        fc.constant(undefined),
        fc.constant("none" as const),
        fc.constant("causal" as const),
        maskOf(n),
        maskOf(n).map((m) => matrix(m as unknown as number[][])),
      ),
      queryBlock: fc.integer({ min: 1, max: 5 }),
      keyBlock: fc.integer({ min: 1, max: 5 }),
    }),
  );

export function optionsOf(p: { scale: AttentionOptions["scale"]; mask: AttentionOptions["mask"] }) {
  const o: AttentionOptions = {};
  if (p.scale !== undefined) o.scale = p.scale;
  if (p.mask !== undefined) o.mask = p.mask;
  return o;
}

/** Asserts that each named result of a fast path has the shape and, within 1e-12, the entries of selfAttention's. */
export function expectSameResults<K extends string>(
  got: Record<K, Mat>,
  want: Record<K, Matrix>,
  keys: readonly K[],
): void {
  for (const key of keys) {
    const g = got[key];
    const w = want[key];
    expect([g.rows, g.cols], key).toEqual(w.size());
    expectClose(toRows(g), w, 1e-12, key);
  }
}
