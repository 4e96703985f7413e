// Bad input raises AttentionError with a message that names the operation, the operands and both sizes.
import { bignumber, column, complex, divide, matrix, multiply, unit } from "mathjs";
import { describe, expect, it } from "vitest";
import {
  AttentionError,
  attendOne,
  outputMatrix,
  query,
  queryMatrix,
  score,
  scoreMatrix,
  selfAttention,
  softmax,
  stackColumns,
  weightedSum,
} from "../src/index.js";
import { a1, I, inputs, Wq, weights } from "../src/worked-example.js";

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AttentionError);
    expect((e as Error).stack ?? "").not.toMatch(/node_modules[\\/]mathjs/);
    return (e as Error).message;
  }
  throw new Error("expected an AttentionError, but nothing was thrown");
}

const W5 = [
  [1, 0, 0, 0, 0],
  [0, 1, 0, 0, 0],
];

describe("shape mismatches name both operands and both sizes", () => {
  it("selfAttention: Q = Wq·I with Wq 2×5 and I 3×4", () => {
    const m = messageOf(() => selfAttention(I, { ...weights, Wq: W5 }));
    expect(m).toContain("Q = Wq·I needs Wq's columns (5) to equal I's rows (3)");
  });
  it("selfAttention: K = Wk·I and V = Wv·I", () => {
    expect(messageOf(() => selfAttention(I, { ...weights, Wk: W5 }))).toContain(
      "K = Wk·I needs Wk's columns (5) to equal I's rows (3)",
    );
    expect(messageOf(() => selfAttention(I, { ...weights, Wv: W5 }))).toContain(
      "V = Wv·I needs Wv's columns (5) to equal I's rows (3)",
    );
  });
  it("selfAttention: Wq and Wk with different numbers of rows (d_k)", () => {
    const m = messageOf(() => selfAttention(I, { ...weights, Wk: [[1, 0, 0]] }));
    expect(m).toContain("A = KᵀQ");
    expect(m).toContain("K is 1×4");
    expect(m).toContain("Q is 2×4");
  });
  it("scoreMatrix(K, Q) with 3 and 2 rows", () => {
    const m = messageOf(() => scoreMatrix([[1], [2], [3]], [[1], [2]]));
    expect(m).toMatch(/K is 3×1, Q is 2×1/);
  });
  it("outputMatrix(V, A') with V 2×3 and A' 4×4", () => {
    const m = messageOf(() =>
      outputMatrix(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
          [0, 0, 1, 0],
          [0, 0, 0, 1],
        ],
      ),
    );
    expect(m).toContain("O = V·A' needs V's columns (3) to equal A''s rows (4)");
  });
  it("query(Wq, a) with Wq 2×5 and a of length 3", () => {
    expect(messageOf(() => query(W5, [1, 2, 3]))).toContain(
      "q = Wq·a needs Wq's columns (5) to equal a's length (3)",
    );
  });
  it("attendOne names the token: q1 = Wq·a1", () => {
    expect(messageOf(() => attendOne(0, inputs, { ...weights, Wq: W5 }))).toContain(
      "q1 = Wq·a1 needs Wq's columns (5) to equal a1's length (3)",
    );
  });
  it("score(q, k) with lengths 2 and 3", () => {
    expect(messageOf(() => score([1, 2], [1, 2, 3]))).toMatch(/q has 2, k has 3/);
  });
  it("weightedSum with 3 weights and 4 values", () => {
    expect(messageOf(() => weightedSum([0.2, 0.3, 0.5], [[1], [2], [3], [4]]))).toMatch(
      /3 weights and 4 values/,
    );
  });
  it("stackColumns with a1 of length 3 and a2 of length 2", () => {
    expect(
      messageOf(() =>
        stackColumns([
          [1, 2, 3],
          [1, 2],
        ]),
      ),
    ).toMatch(/a1 has 3, a2 has 2/);
  });
  it("attendOne with tokens of different lengths", () => {
    expect(
      messageOf(() =>
        attendOne(
          0,
          [
            [1, 2, 3],
            [1, 2],
          ],
          weights,
        ),
      ),
    ).toMatch(/a1 has 3, a2 has 2/);
  });
});

describe("malformed matrices and vectors", () => {
  it("selfAttention(I) with ragged rows names both rows and their lengths", () => {
    const m = messageOf(() => selfAttention([[1, 2], [3]], weights));
    expect(m).toContain("I has ragged rows: I[0] has 2 entries but I[1] has 1");
  });
  it("selfAttention, softmax and attendOne on an empty input say it is empty", () => {
    expect(messageOf(() => selfAttention([], weights))).toContain("I is empty (0 rows)");
    expect(messageOf(() => selfAttention([[]], weights))).toContain("I is empty (1×0)");
    expect(messageOf(() => softmax([]))).toContain("α is empty");
    expect(messageOf(() => attendOne(0, [], weights))).toContain("at least one token");
  });
  it("selfAttention and query name an entry that is not a number", () => {
    const bad = [
      [1, 0, 1],
      [0, "x", 0],
    ] as unknown as number[][];
    expect(messageOf(() => selfAttention(I, { ...weights, Wq: bad }))).toContain(
      'Wq[1][1] is the string "x"; every entry must be a finite number',
    );
    expect(messageOf(() => selfAttention("I" as unknown as number[][], weights))).toContain(
      "I must be a matrix",
    );
    expect(messageOf(() => query(weights.Wq, [[1, 2, 3]] as unknown as number[]))).toContain(
      "looks like a matrix",
    );
  });
  it("selfAttention(I) with a vector where a matrix belongs says so", () => {
    expect(messageOf(() => selfAttention([1, 2, 3] as unknown as number[][], weights))).toContain(
      "it looks like a vector of length 3",
    );
  });
  it("selfAttention and softmax refuse NaN and ±Infinity, never passing them on", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const m = messageOf(() =>
        selfAttention(
          [
            [1, bad],
            [0, 1],
            [1, 1],
          ],
          weights,
        ),
      );
      expect(m).toContain(`I[0][1] is ${bad}`);
    }
    expect(messageOf(() => softmax([1, Number.NaN]))).toContain("α[1] is NaN");
  });
});

describe("options", () => {
  it("selfAttention with a mask of the wrong size states both sizes", () => {
    const m = messageOf(() =>
      selfAttention(I, weights, {
        mask: [
          [true, true],
          [true, true],
        ],
      }),
    );
    expect(m).toContain(
      "options.mask must be 4×4 (keys × queries, the shape of A = KᵀQ) but is 2×2",
    );
  });
  it("selfAttention with a mask entry that is not a boolean names it", () => {
    const mask = [
      [true, 1, true, true],
      [true, true, true, true],
      [true, true, true, true],
      [true, true, true, true],
    ];
    expect(
      messageOf(() => selfAttention(I, weights, { mask: mask as unknown as boolean[][] })),
    ).toContain("options.mask[0][1] is 1");
  });
  it("selfAttention and attendOne name a query whose keys are all masked", () => {
    const mask = [0, 1, 2, 3].map(() => [true, false, true, true]);
    expect(messageOf(() => selfAttention(I, weights, { mask }))).toContain(
      "query 2 (column 1) has all 4 keys masked",
    );
    expect(messageOf(() => attendOne(1, inputs, weights, { mask }))).toContain(
      "query 2 has all 4 keys masked",
    );
  });
  it("selfAttention with a scale that is not positive and finite refuses it", () => {
    for (const scale of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(messageOf(() => selfAttention(I, weights, { scale }))).toContain(
        "options.scale must be",
      );
    }
  });
  it("attendOne with a token index out of range", () => {
    expect(messageOf(() => attendOne(4, inputs, weights))).toContain(
      "from 0 to 3 (0 is a1, 3 is a4); got 4",
    );
    expect(messageOf(() => attendOne(1.5, inputs, weights))).toContain("got 1.5");
  });
});

describe("sparse arrays and odd values are named, never skipped", () => {
  it("selfAttention and query report a missing row or entry (a hole in the array)", () => {
    // eslint-disable-next-line no-sparse-arrays
    const holeRow = [[1, 2, 3], , [4, 5, 6]] as unknown as number[][];
    expect(messageOf(() => selfAttention(holeRow, weights))).toContain("I[1] is undefined");
    const holeEntry = [
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      [0, 1, 0],
      [1, 1, 1],
    ] as unknown as number[][];
    expect(messageOf(() => selfAttention(holeEntry, weights))).toContain("I[0][1] is undefined");
    // eslint-disable-next-line no-sparse-arrays
    expect(messageOf(() => query(weights.Wq, [1, , 3] as unknown as number[]))).toContain(
      "a[1] is undefined",
    );
  });
  it("selfAttention names a scale of NaN or Infinity as such", () => {
    expect(messageOf(() => selfAttention(I, weights, { scale: Number.NaN }))).toContain("got NaN");
    expect(
      messageOf(() => selfAttention(I, weights, { scale: Number.POSITIVE_INFINITY })),
    ).toContain("got Infinity");
  });
  it("selfAttention refuses a mask with a missing row", () => {
    // eslint-disable-next-line no-sparse-arrays
    const mask = [[true, true, true, true], , [true, true, true, true], [true, true, true, true]];
    expect(messageOf(() => selfAttention(I, weights, { mask: mask as boolean[][] }))).toContain(
      "options.mask must be 4×4",
    );
  });
});

describe("what mathjs returns is accepted as input, and a result that is no vector or matrix is named", () => {
  it("softmax(multiply(10, [2, 1, 0, 1])) takes mathjs's MathType result as it is", () => {
    const sharp = softmax(multiply(10, [2, 1, 0, 1])); // compiles: VectorInput takes a MathType
    expect(sharp.toArray()).toEqual(softmax([20, 10, 0, 10]).toArray());
  });
  it("queryMatrix(divide(Wq, 2), I) and query(Wq, column(I, 0)) take array results", () => {
    expect(queryMatrix(divide(Wq, 2), I).toArray()).toEqual([
      [0.5, 1, 0.5, 0.5],
      [0.5, 0.5, 0.5, 1],
    ]);
    // column() of a plain array is the column [[1], [0], [1]]; tokens are columns, so it is a1
    expect(query(Wq, column(I, 0)).toArray()).toEqual(query(Wq, a1).toArray());
  });
  it("a number where a vector or a matrix belongs names both and what it is", () => {
    expect(messageOf(() => softmax(multiply(10, 2)))).toBe(
      "α must be a vector (an array of numbers, or a mathjs vector); got number 20",
    );
    expect(messageOf(() => queryMatrix(Wq, multiply(2, 3)))).toBe(
      "I must be a matrix (an array of rows of numbers, or a mathjs matrix); got number 6",
    );
  });
  it("a mathjs Complex, BigNumber or Unit is named by its mathjs type and value", () => {
    expect(messageOf(() => query(Wq, complex(1, 2)))).toBe(
      "a must be a vector (an array of numbers, or a mathjs vector); got a mathjs Complex (1 + 2i)",
    );
    expect(messageOf(() => softmax([bignumber(1), 2]))).toBe(
      "α[0] is a mathjs BigNumber (1); every entry must be a finite number",
    );
    expect(messageOf(() => scoreMatrix(unit("5 cm"), I))).toContain("got a mathjs Unit (5 cm)");
  });
  it("a mathjs matrix of the wrong size states its size and the size expected", () => {
    expect(messageOf(() => softmax(multiply(2, matrix(I))))).toBe(
      "α must be a vector (size [d] or a column [d, 1]) but is a mathjs value of size [3, 4]",
    );
  });
});
