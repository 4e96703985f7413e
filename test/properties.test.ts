// Property tests on random shapes: vector form = matrix form = plain-loop reference, and the laws of softmax.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attendOne, selfAttention, softmax, softmaxColumns } from "../src/index.js";
import { attentionCase, columns, expectClose, matrixOf } from "./helpers.js";
import { referenceAttention } from "./reference.js";

const runs = { numRuns: 150 };

type Case = typeof attentionCase extends fc.Arbitrary<infer C> ? C : never;

/** A random attention case together with something drawn for it (a permutation, a mask). */
function caseWith<T>(extra: (c: Case) => fc.Arbitrary<T>): fc.Arbitrary<{ c: Case; extra: T }> {
  return attentionCase.chain((c) => fc.record({ c: fc.constant(c), extra: extra(c) }));
}

describe("selfAttention on random shapes", () => {
  it("attendOne(i, …).b equals column i of selfAttention(…).O within 1e-12", () => {
    fc.assert(
      fc.property(attentionCase, ({ n, I, Wq, Wk, Wv }) => {
        const O = selfAttention(I, { Wq, Wk, Wv }).O.toArray() as number[][];
        const tokens = columns(I);
        for (let i = 0; i < n; i++) {
          const b = attendOne(i, tokens, { Wq, Wk, Wv }).b;
          expectClose(b, columns(O)[i], 1e-12, `b${i + 1}`);
        }
      }),
      runs,
    );
  });

  it("selfAttention equals the plain-loop reference (A, A', O) within 1e-12", () => {
    fc.assert(
      fc.property(attentionCase, ({ I, Wq, Wk, Wv }) => {
        const got = selfAttention(I, { Wq, Wk, Wv });
        const want = referenceAttention(I, Wq, Wk, Wv);
        expectClose(got.A, want.A, 1e-12, "A");
        expectClose(got.Aprime, want.Aprime, 1e-12, "A'");
        expectClose(got.O, want.O, 1e-12, "O");
      }),
      runs,
    );
  });

  it("attendOne matches the reference with scale and causal mask too", () => {
    fc.assert(
      fc.property(
        attentionCase,
        fc.double({ min: 0.05, max: 4, noNaN: true }),
        ({ n, I, Wq, Wk, Wv }, s) => {
          const causal = Array.from({ length: n }, (_, j) =>
            Array.from({ length: n }, (_, i) => j <= i),
          );
          const want = referenceAttention(I, Wq, Wk, Wv, s, causal);
          const got = selfAttention(I, { Wq, Wk, Wv }, { scale: s, mask: "causal" });
          expectClose(got.O, want.O, 1e-12, "O");
          const tokens = columns(I);
          for (let i = 0; i < n; i++) {
            const t = attendOne(i, tokens, { Wq, Wk, Wv }, { scale: s, mask: "causal" });
            expectClose(t.b, columns(want.O)[i], 1e-12, `b${i + 1}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("selfAttention(…).Aprime: every column sums to 1", () => {
    fc.assert(
      fc.property(attentionCase, ({ I, Wq, Wk, Wv }) => {
        const Ap = selfAttention(I, { Wq, Wk, Wv }).Aprime.toArray() as number[][];
        for (const col of columns(Ap)) {
          expect(Math.abs(col.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        }
      }),
      runs,
    );
  });

  it("selfAttention on permuted tokens permutes O's columns the same way", () => {
    fc.assert(
      fc.property(
        caseWith((c) => fc.shuffledSubarray([...Array(c.n).keys()], { minLength: c.n })),
        ({ c, extra: perm }) => {
          const { I, Wq, Wk, Wv } = c;
          const O = columns(selfAttention(I, { Wq, Wk, Wv }).O.toArray() as number[][]);
          const Ip = I.map((row) => perm.map((p) => row[p] as number));
          const Op = columns(selfAttention(Ip, { Wq, Wk, Wv }).O.toArray() as number[][]);
          perm.forEach((p, i) => {
            expectClose(Op[i], O[p], 1e-12, `column ${i} (token ${p})`);
          });
        },
      ),
      runs,
    );
  });

  it("softmaxColumns(A) is unchanged when a constant is added to one column of A", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((n) =>
          fc.record({
            A: matrixOf(n, n),
            col: fc.integer({ min: 0, max: n - 1 }),
            c: fc.double({ min: -50, max: 50, noNaN: true }),
          }),
        ),
        ({ A, col, c }) => {
          const shifted = A.map((row) => row.map((x, i) => (i === col ? x + c : x)));
          expectClose(softmaxColumns(shifted), softmaxColumns(A), 1e-12);
        },
      ),
      runs,
    );
  });

  it("softmax of scores of ±1e4 gives finite weights that sum to 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-1e4, 1e4, 0, 9999.5), { minLength: 1, maxLength: 12 }),
        (alpha) => {
          const w = softmax(alpha).toArray() as number[];
          for (const x of w) expect(Number.isFinite(x)).toBe(true);
          expect(Math.abs(w.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        },
      ),
      runs,
    );
  });

  it("selfAttention with mask: causal gives exactly zero weight to every key j > i", () => {
    fc.assert(
      fc.property(attentionCase, ({ I, Wq, Wk, Wv }) => {
        const { Aprime } = selfAttention(I, { Wq, Wk, Wv }, { mask: "causal" });
        const later = (Aprime.toArray() as number[][]).flatMap((row, j) => row.slice(0, j)); // j > i
        expect(later.every((w) => w === 0)).toBe(true);
      }),
      runs,
    );
  });

  it("selfAttention with an explicit mask gives exactly zero weight to every masked pair", () => {
    fc.assert(
      fc.property(
        caseWith((c) => {
          const row = fc.array(fc.boolean(), { minLength: c.n, maxLength: c.n });
          return fc.array(row, { minLength: c.n, maxLength: c.n });
        }),
        ({ c, extra: mask }) => {
          const { n, I, Wq, Wk, Wv } = c;
          // every query keeps its own key, so no column is fully masked
          const m = mask.map((row, j) => row.map((x, i) => x || i === j));
          const got = selfAttention(I, { Wq, Wk, Wv }, { mask: m });
          const want = referenceAttention(I, Wq, Wk, Wv, 1, m);
          expectClose(got.O, want.O, 1e-12, "O");
          const Ap = got.Aprime.toArray() as number[][];
          for (let j = 0; j < n; j++)
            for (let i = 0; i < n; i++) if (!m[j]?.[i]) expect(Ap[j]?.[i]).toBe(0);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('selfAttention with scale "sqrt-dk" divides every score by √d_k', () => {
    fc.assert(
      fc.property(attentionCase, ({ I, Wq, Wk, Wv }) => {
        const plainA = selfAttention(I, { Wq, Wk, Wv }).A.toArray() as number[][];
        const scaled = selfAttention(
          I,
          { Wq, Wk, Wv },
          { scale: "sqrt-dk" },
        ).A.toArray() as number[][];
        const root = Math.sqrt(Wq.length);
        expectClose(
          scaled,
          plainA.map((row) => row.map((x) => x / root)),
          1e-12,
          "A",
        );
      }),
      runs,
    );
  });
});
