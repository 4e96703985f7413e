// The fast paths against the readable selfAttention: same numbers within 1e-12 on random shapes, options and masks.
import fc from "fast-check";
import { matrix } from "mathjs";
import { describe, expect, it } from "vitest";
import {
  fastSelfAttention,
  type Mat,
  streamingSelfAttention,
  toMathjs,
  toRows,
} from "../../fast/index.js";
import { type AttentionOptions, selfAttention } from "../../src/index.js";
import { expectClose } from "../helpers.js";
import { expectAgreement, optionsOf, problem, waves } from "./arbitraries.js";

describe("fastSelfAttention equals selfAttention", () => {
  it("fastSelfAttention(I, W, options) gives Q, K, V, A, A', O within 1e-12", () => {
    expectAgreement(fastSelfAttention, ["Q", "K", "V", "A", "Aprime", "O"]);
  });

  it("fastSelfAttention takes mathjs matrices and Mats as well as arrays", () => {
    fc.assert(
      fc.property(problem, (p) => {
        const options = optionsOf(p);
        const want = selfAttention(p.I, p, options).O;
        const asMat = (rows: number[][]): Mat => ({
          rows: rows.length,
          cols: (rows[0] as number[]).length,
          data: Float64Array.from(rows.flat()),
        });
        const fromMathjs = fastSelfAttention(
          matrix(p.I),
          { Wq: matrix(p.Wq), Wk: matrix(p.Wk), Wv: matrix(p.Wv) },
          options,
        );
        const fromMat = fastSelfAttention(
          asMat(p.I),
          { Wq: asMat(p.Wq), Wk: asMat(p.Wk), Wv: asMat(p.Wv) },
          options,
        );
        expectClose(toMathjs(fromMathjs.O), want, 1e-12, "O (mathjs in)");
        expectClose(toMathjs(fromMat.O), want, 1e-12, "O (Mat in)");
      }),
      { numRuns: 100 },
    );
  });

  it("streamingSelfAttention(I, W, options) gives Q, K, V, O within 1e-12 for any block sizes", () => {
    expectAgreement(streamingSelfAttention, ["Q", "K", "V", "O"]);
  });

  it("fastSelfAttention and streamingSelfAttention agree with selfAttention on larger inputs (n = 300, d = 16) with both masks", () => {
    const I = waves(16, 300, 1);
    const W = { Wq: waves(12, 16, 2), Wk: waves(12, 16, 3), Wv: waves(5, 16, 4) };
    for (const options of [{}, { scale: "sqrt-dk", mask: "causal" }] as AttentionOptions[]) {
      const want = selfAttention(I, W, options);
      const fast = fastSelfAttention(I, W, options);
      expectClose(toRows(fast.Aprime), want.Aprime, 1e-12, "A'");
      expectClose(toRows(fast.O), want.O, 1e-12, "O");
      expectClose(toRows(streamingSelfAttention(I, W, options).O), want.O, 1e-12, "O (streaming)");
    }
  });

  it("expectClose() notices a change of 1e-9 in one entry of fastSelfAttention's O", () => {
    const I = [
      [1, 0],
      [0, 1],
    ];
    const W = { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0]] };
    const got = fastSelfAttention(I, W);
    got.O.data[1] = (got.O.data[1] as number) + 1e-9;
    expect(() => expectClose(toRows(got.O), selfAttention(I, W).O, 1e-12, "O")).toThrow();
  });
});
