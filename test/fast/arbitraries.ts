// Random attention problems for the fast-path tests: shapes, options, masks and block sizes.
import fc from "fast-check";
import { type Matrix, matrix } from "mathjs";
import { expect } from "vitest";
import {
  type FastMatrixInput,
  type FastWeights,
  type Mat,
  type StreamingOptions,
  toRows,
} from "../../fast/index.js";
import { type AttentionOptions, type AttentionResult, selfAttention } from "../../src/index.js";
import { attentionCase, expectClose } from "../helpers.js";

/** A random n×n keys×queries mask with at least one allowed key per query (column). */
const maskOf = (n: number) =>
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
export const problem = attentionCase.chain((m) =>
  fc
    .record({
      scale: scaleArb,
      mask: fc.oneof(
        fc.constant(undefined),
        fc.constant("none" as const),
        fc.constant("causal" as const),
        maskOf(m.n),
        maskOf(m.n).map((t) => matrix(t as unknown as number[][])),
      ),
      queryBlock: fc.integer({ min: 1, max: 5 }),
      keyBlock: fc.integer({ min: 1, max: 5 }),
    })
    .map((o) => ({ ...m, ...o })),
);

export function optionsOf(p: { scale: AttentionOptions["scale"]; mask: AttentionOptions["mask"] }) {
  const o: AttentionOptions = {};
  if (p.scale !== undefined) o.scale = p.scale;
  if (p.mask !== undefined) o.mask = p.mask;
  return o;
}

/** Asserts that each named result of a fast path has the shape and, within 1e-12, the entries of selfAttention's. */
function expectSameResults<K extends string>(
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

/**
 * Asserts on `numRuns` random problems that a fast path gives selfAttention's `keys` within 1e-12;
 * the problem's block sizes go with the options (paths without blocks ignore them).
 */
export function expectAgreement<K extends keyof AttentionResult & string>(
  attend: (I: FastMatrixInput, W: FastWeights, options: StreamingOptions) => Record<K, Mat>,
  keys: readonly K[],
  numRuns = 300,
): void {
  fc.assert(
    fc.property(problem, (p) => {
      const options = optionsOf(p);
      const blocks = { queryBlock: p.queryBlock, keyBlock: p.keyBlock };
      expectSameResults(
        attend(p.I, p, { ...options, ...blocks }),
        selfAttention(p.I, p, options),
        keys,
      );
    }),
    { numRuns },
  );
}

/** A deterministic r×c matrix of entries in [−2, 2], different for each seed. */
export function waves(r: number, c: number, seed: number): number[][] {
  return Array.from({ length: r }, (_, i) =>
    Array.from({ length: c }, (_, j) => Math.sin(seed + 12.9898 * i + 78.233 * j) * 2),
  );
}
