// The worked example against numbers worked out by hand (see the comments for the arithmetic).
import { describe, expect, it } from "vitest";
import {
  attendOne,
  key,
  query,
  scoreMatrix,
  scores,
  selfAttention,
  softmax,
  stackColumns,
  value,
  weightedSum,
} from "../src/index.js";
import { a1, a2, a3, a4, I, inputs, Wk, Wq, Wv, weights } from "../src/worked-example.js";
import { expectClose } from "./helpers.js";

const e = Math.E;
const Z = (e + 1) ** 2; // e² + 2e + 1, the softmax denominator for α1 = [2, 1, 0, 1]

describe("the worked example, by hand", () => {
  it("query(Wq, a1) is q1 = [1+0, 0+1] = [1, 1]", () => {
    expectClose(query(Wq, a1), [1, 1]);
  });

  it("key(Wk, ai) keeps the first and last entries: k1..k4 = [1,1], [1,0], [0,0], [0,1]", () => {
    expectClose(
      [a1, a2, a3, a4].map((a) => key(Wk, a).toArray()),
      [
        [1, 1],
        [1, 0],
        [0, 0],
        [0, 1],
      ],
    );
  });

  it("scores(q1, keys) is α1 = [2, 1, 0, 1]", () => {
    const keys = inputs.map((a) => key(Wk, a));
    expectClose(scores(query(Wq, a1), keys), [2, 1, 0, 1]);
  });

  it("softmax(α1) is [e², e, 1, e] / (e + 1)²", () => {
    expectClose(softmax([2, 1, 0, 1]), [(e * e) / Z, e / Z, 1 / Z, e / Z]);
    expectClose(softmax([2, 1, 0, 1]), [0.534447, 0.196612, 0.072329, 0.196612], 5e-7);
  });

  it("value(Wv, ai) scales by 1, 2, 3: v1..v4 = [1,0,3], [1,2,0], [0,2,0], [0,2,3]", () => {
    expectClose(
      inputs.map((a) => value(Wv, a).toArray()),
      [
        [1, 0, 3],
        [1, 2, 0],
        [0, 2, 0],
        [0, 2, 3],
      ],
    );
  });

  it("weightedSum(α'1, v) is b1 = [e/(e+1), 2(2e+1)/(e+1)², 3e/(e+1)]", () => {
    const v = inputs.map((a) => value(Wv, a));
    const b1 = weightedSum(softmax([2, 1, 0, 1]), v);
    expectClose(b1, [e / (e + 1), (2 * (2 * e + 1)) / Z, (3 * e) / (e + 1)]);
    expectClose(b1, [0.731059, 0.931107, 2.193176], 5e-7);
  });

  it("attendOne(0, …) returns every intermediate of b1", () => {
    const t = attendOne(0, inputs, weights);
    expectClose(t.q, [1, 1]);
    expectClose(t.alpha, [2, 1, 0, 1]);
    expectClose(t.alphaPrime, [(e * e) / Z, e / Z, 1 / Z, e / Z]);
    expectClose(t.b, [e / (e + 1), (2 * (2 * e + 1)) / Z, (3 * e) / (e + 1)]);
    expect(t.k).toHaveLength(4);
    expect(t.v).toHaveLength(4);
  });

  it("stackColumns(a1..a4) is I with the tokens as columns", () => {
    expectClose(stackColumns(inputs), [
      [1, 1, 0, 0],
      [0, 1, 1, 1],
      [1, 0, 0, 1],
    ]);
    expectClose(stackColumns(inputs), I);
  });

  it("scoreMatrix(K, Q) is A with A[j][i] = kj·qi", () => {
    const { Q, K } = selfAttention(I, weights);
    expectClose(Q, [
      [1, 2, 1, 1],
      [1, 1, 1, 2],
    ]);
    expectClose(scoreMatrix(K, Q), [
      [2, 3, 2, 3],
      [1, 2, 1, 1],
      [0, 0, 0, 0],
      [1, 1, 1, 2],
    ]);
  });

  it("selfAttention(I, …).O has b1 as its first column", () => {
    const { O } = selfAttention(I, weights);
    const first = (O.toArray() as number[][]).map((row) => row[0]);
    expectClose(first, [e / (e + 1), (2 * (2 * e + 1)) / Z, (3 * e) / (e + 1)]);
  });
});
