// The second example that check() and the grader rerun cells on: every name of the worked example,
// and no two queries, keys, values, scores or outputs alike, so no wrong answer matches by chance.
import { describe, expect, it } from "vitest";
import * as second from "../course/second-example.js";
import { selfAttention } from "../src/index.js";
import * as worked from "../src/worked-example.js";

const columns = (M: number[][]) => (M[0] ?? []).map((_, j) => M.map((row) => row[j] as number));
const key = (xs: number[]) => xs.map((x) => x.toFixed(9)).join(",");

describe("course/second-example.ts", () => {
  it("exports exactly the worked example's names, with the same shapes", () => {
    expect(Object.keys(second).sort()).toEqual(Object.keys(worked).sort());
    for (const name of ["a1", "a2", "a3", "a4", "I", "Wq", "Wk", "Wv"] as const) {
      const [w, s] = [worked[name], second[name]];
      expect(s.length, name).toBe(w.length);
      expect(JSON.stringify(s), `${name} differs from the worked example`).not.toBe(
        JSON.stringify(w),
      );
    }
  });

  it("selfAttention on it: no query equals another query or any key; no two values, scores in a column or outputs are equal", () => {
    const { Q, K, V, A, O } = selfAttention(second.I, second.weights);
    const q = columns(Q.toArray() as number[][]).map(key);
    const k = columns(K.toArray() as number[][]).map(key);
    expect(new Set([...q, ...k]).size).toBe(q.length + k.length);
    expect(new Set(columns(V.toArray() as number[][]).map(key)).size).toBe(4);
    for (const col of columns(A.toArray() as number[][]))
      expect(new Set(col).size).toBe(col.length);
    const o = (O.toArray() as number[][]).flat().map((x) => x.toFixed(9));
    expect(new Set(o).size).toBe(o.length);
  });
});
