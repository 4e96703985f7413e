// Bad input gives the same AttentionError message from the fast paths as from selfAttention.
import fc from "fast-check";
import { matrix } from "mathjs";
import { describe, expect, it } from "vitest";
import {
  fastSelfAttention,
  streamingSelfAttention,
  wasmSelfAttention,
  wasmStreamingSelfAttention,
} from "../../fast/index.js";
import { AttentionError, type AttentionOptions, selfAttention } from "../../src/index.js";
import { I, weights } from "../../src/worked-example.js";
import { attentionShapes } from "../helpers.js";
import { useWasmKernels } from "./wasm-kernels.js";

useWasmKernels();

type Input = Parameters<typeof selfAttention>[0];
type Weights = Parameters<typeof selfAttention>[1];

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AttentionError);
    return (e as Error).message;
  }
  throw new Error("expected an AttentionError, but nothing was thrown");
}

/** Runs every path on one bad input and checks they throw the same message. */
function expectSameError(Iin: unknown, W: unknown, options: unknown = {}): string {
  const want = messageOf(() =>
    selfAttention(Iin as Input, W as Weights, options as AttentionOptions),
  );
  const fast = messageOf(() =>
    fastSelfAttention(Iin as Input, W as Weights, options as AttentionOptions),
  );
  const streaming = messageOf(() =>
    streamingSelfAttention(Iin as Input, W as Weights, options as AttentionOptions),
  );
  const opts = (options ?? {}) as object;
  const tiny = messageOf(() =>
    streamingSelfAttention(Iin as Input, W as Weights, { ...opts, queryBlock: 1, keyBlock: 1 }),
  );
  const wasm = messageOf(() =>
    wasmSelfAttention(Iin as Input, W as Weights, options as AttentionOptions),
  );
  const wasmStreaming = messageOf(() =>
    wasmStreamingSelfAttention(Iin as Input, W as Weights, { ...opts, queryBlock: 1, keyBlock: 2 }),
  );
  expect(fast).toBe(want);
  expect(wasm, "wasm").toBe(want);
  expect(wasmStreaming, "wasm streaming").toBe(want);
  expect(streaming).toBe(want);
  expect(tiny, "streaming with 1×1 blocks").toBe(want);
  return want;
}

const W5 = [
  [1, 0, 0, 0, 0],
  [0, 1, 0, 0, 0],
];
const big = 1e200;

const cases: [string, unknown, unknown, unknown?][] = [
  ["weights missing", I, undefined],
  ["weights null", I, null],
  ["I not a matrix", 5, weights],
  ["I a string", "abc", weights],
  ["I empty", [], weights],
  ["I with empty rows", [[], []], weights],
  ["I a vector", [1, 2, 3], weights],
  ["I a mathjs vector", matrix([1, 2, 3]), weights],
  ["I ragged", [[1, 2], [3]], weights],
  ["I row not an array", [[1, 2], 3], weights],
  ["I with a string", [[1, "2"]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] }],
  ["I with null", [[1, null]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] }],
  ["I with NaN", [[1, Number.NaN]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] }],
  ["I with Infinity", [[1], [Number.POSITIVE_INFINITY]], weights],
  ["I with -Infinity", [[Number.NEGATIVE_INFINITY]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] }],
  ["Wq missing", I, { Wk: weights.Wk, Wv: weights.Wv }],
  ["Wq ragged", I, { ...weights, Wq: [[1, 2, 3], [1]] }],
  ["Wk with NaN", I, { ...weights, Wk: [[1, 0, Number.NaN]] }],
  ["Wv empty", I, { ...weights, Wv: [] }],
  ["Wq columns ≠ I rows", I, { ...weights, Wq: W5 }],
  ["Wk columns ≠ I rows", I, { ...weights, Wk: W5 }],
  ["Wv columns ≠ I rows", I, { ...weights, Wv: W5 }],
  ["Wq and Wk rows differ", I, { ...weights, Wk: [[1, 0, 0]] }],
  ["scale zero", I, weights, { scale: 0 }],
  ["scale negative", I, weights, { scale: -1 }],
  ["scale NaN", I, weights, { scale: Number.NaN }],
  ["scale a word", I, weights, { scale: "sqrt" }],
  ["scale bad and Wq/Wk rows differ", I, { ...weights, Wk: [[1, 0, 0]] }, { scale: 0 }],
  ["mask a word", I, weights, { mask: "future" }],
  ["mask a number", I, weights, { mask: 3 }],
  ["mask too small", I, weights, { mask: [[true]] }],
  ["mask ragged", I, weights, { mask: [[true, true, true, true], [true]] }],
  ["mask of numbers", I, weights, { mask: I.map((r) => r.map(() => 1)).concat([[1, 1, 1, 1]]) }],
  [
    "mask with a string",
    I,
    weights,
    { mask: Array.from({ length: 4 }, (_, j) => [true, true, j === 2 ? "x" : true, true]) },
  ],
  [
    "mask masking every key of query 3",
    I,
    weights,
    { mask: Array.from({ length: 4 }, () => [true, true, false, true]) },
  ],
  [
    "mask (mathjs) masking queries 2 and 4",
    I,
    weights,
    {
      mask: matrix(
        Array.from({ length: 4 }, () => [true, false, true, false]) as unknown as number[][],
      ),
    },
  ],
  ["K overflows", [[big], [big]], { Wq: [[1, 1]], Wk: [[big, big]], Wv: [[1, 1]] }],
  ["Q overflows", [[big], [big]], { Wq: [[big, 1]], Wk: [[1, 1]], Wv: [[1, 1]] }],
  ["V overflows", [[big], [0]], { Wq: [[1e-200, 0]], Wk: [[1e-200, 0]], Wv: [[big, 0]] }],
  ["A overflows", [[1e160, 1]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] }],
  ["A overflows with a scale", [[1e154, 1]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] }, { scale: 1e10 }],
  [
    "A becomes NaN",
    [[big], [big]],
    {
      Wq: [
        [1, 0],
        [0, 1],
      ],
      Wk: [
        [1, 0],
        [0, -1],
      ],
      Wv: [[1, 1]],
    },
  ],
  [
    "A overflows only where the causal mask hides it",
    [
      [big, 1],
      [1, big],
    ],
    { Wq: [[1, 0]], Wk: [[0, 1]], Wv: [[1, 1]] },
    { mask: "causal" },
  ],
  [
    "A overflows and a query has every key masked",
    [[1e160, 1]],
    { Wq: [[1]], Wk: [[1]], Wv: [[1]] },
    {
      mask: [
        [true, false],
        [true, false],
      ],
    },
  ],
];

/** The check each overflow case is meant to reach, so the table cannot drift into testing less. */
const reaches: Record<string, string> = {
  "K overflows": "K[0][0] is Infinity",
  "Q overflows": "Q[0][0] is Infinity",
  "V overflows": "V[0][0] is Infinity",
  "A overflows": "A[0][0] is Infinity",
  "A overflows with a scale": "A[0][0] is Infinity",
  "A becomes NaN": "A[0][0] is NaN",
  "A overflows only where the causal mask hides it": "A[1][0] is Infinity",
  "A overflows and a query has every key masked": "A[0][0] is Infinity",
  "mask masking every key of query 3": "query 3 (column 2) has all 4 keys masked",
  "mask (mathjs) masking queries 2 and 4": "query 2 (column 1) has all 4 keys masked",
};

describe("fast paths throw selfAttention's AttentionError", () => {
  it.each(cases)("%s", (name, Iin, W, options) => {
    expect(expectSameError(Iin, W, options ?? {})).toContain(reaches[name] ?? "");
  });
});

/** A valid problem, then one thing broken in one of its matrices. */
const broken = attentionShapes(6, 5).chain((m) =>
  fc
    .record({
      target: fc.constantFrom("I", "Wq", "Wk", "Wv"),
      row: fc.nat(),
      col: fc.nat(),
      bad: fc.constantFrom<unknown>(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        "1",
        null,
        undefined,
        [1],
        true,
        "drop-row-entry",
        "extra-column",
        "empty",
        "empty-row",
        "transpose",
      ),
    })
    .map((b) => ({ ...m, ...b })),
);

describe("fast paths on randomly broken inputs", () => {
  it("selfAttention and the four fast paths give the same AttentionError message for every broken input", () => {
    fc.assert(
      fc.property(broken, (p) => {
        const ms = { I: p.I, Wq: p.Wq, Wk: p.Wk, Wv: p.Wv };
        const M = ms[p.target as keyof typeof ms].map((r) => [...r]) as unknown[][];
        const r = p.row % M.length;
        const row = M[r] as unknown[];
        const c = p.col % row.length;
        if (p.bad === "drop-row-entry") row.pop();
        else if (p.bad === "extra-column") row.push(1);
        else if (p.bad === "empty") M.length = 0;
        else if (p.bad === "empty-row") row.length = 0;
        else if (p.bad === "transpose") {
          const T = (M[0] as unknown[]).map((_, k) => M.map((x) => x[k]));
          M.splice(0, M.length, ...T);
        } else row[c] = p.bad;
        const all = { ...ms, [p.target]: M };
        const { I: Iin, ...W } = all;
        let readable: string | null = null;
        try {
          selfAttention(Iin as Input, W as Weights);
        } catch (e) {
          readable = (e as Error).message;
        }
        if (readable === null) {
          // some changes leave a valid problem (e.g. a transpose of a square matrix)
          expect(() => fastSelfAttention(Iin as Input, W as Weights)).not.toThrow();
          return;
        }
        expectSameError(Iin, W);
      }),
      { numRuns: 400 },
    );
  });
});

describe("holes in sparse arrays", () => {
  // [1, , 3] has a hole, not an undefined entry: array methods like forEach and map skip it.
  const W = { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[1, 0]] };
  const rowHole: unknown[] = [[1, 2, 3]];
  rowHole[2] = [4, 5, 6];
  const entryHole: unknown[] = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  (entryHole[0] as unknown[]).length = 0;
  (entryHole[0] as unknown[])[2] = 3;
  (entryHole[0] as unknown[])[0] = 1;

  it("fastSelfAttention names a missing row as undefined", () => {
    for (const f of [fastSelfAttention, streamingSelfAttention, wasmSelfAttention]) {
      expect(messageOf(() => f(rowHole as Input, W))).toBe(
        "I[1] is undefined; every row must be an array",
      );
    }
  });

  it("fastSelfAttention names a missing entry as undefined", () => {
    for (const f of [fastSelfAttention, streamingSelfAttention, wasmSelfAttention]) {
      expect(messageOf(() => f(entryHole as Input, W))).toBe(
        "I[0][1] is undefined; every entry must be a finite number",
      );
    }
  });
});
