// The WebAssembly path, compiled here from its AssemblyScript source, against the readable selfAttention.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { compileWasm } from "../../bench/build-wasm.js";
import {
  attentionWith,
  fastSelfAttention,
  jsBackend,
  loadWasm,
  streamingWith,
  toRows,
  wasmBackendName,
  wasmSelfAttention,
  wasmStreamingSelfAttention,
} from "../../src/fast/index.js";
import { selfAttention } from "../../src/index.js";
import { expectClose } from "../helpers.js";
import { expectSameResults, optionsOf, problem } from "./arbitraries.js";

beforeAll(async () => {
  expect(loadWasm(await compileWasm())).toBe(true);
}, 60_000);

describe("wasmSelfAttention equals selfAttention", () => {
  it("wasmBackendName() is wasm once the kernels are compiled and loaded", () => {
    expect(wasmBackendName()).toBe("wasm");
  });

  it("wasmSelfAttention(I, W, options) gives Q, K, V, A, A', O within 1e-12", () => {
    fc.assert(
      fc.property(problem, (p) => {
        const options = optionsOf(p);
        const want = selfAttention(p.I, p, options);
        const got = wasmSelfAttention(p.I, p, options);
        expectSameResults(got, want, ["Q", "K", "V", "A", "Aprime", "O"]);
      }),
      { numRuns: 300 },
    );
  });

  it("wasmStreamingSelfAttention(I, W, options) gives Q, K, V, O within 1e-12 for any block sizes", () => {
    fc.assert(
      fc.property(problem, (p) => {
        const options = optionsOf(p);
        const want = selfAttention(p.I, p, options);
        const got = wasmStreamingSelfAttention(p.I, p, {
          ...options,
          queryBlock: p.queryBlock,
          keyBlock: p.keyBlock,
        });
        expectSameResults(got, want, ["Q", "K", "V", "O"]);
      }),
      { numRuns: 300 },
    );
  });

  it("wasmSelfAttention's A equals fastSelfAttention's bit for bit (same order of sums)", () => {
    const rand = (r: number, c: number, seed: number) =>
      Array.from({ length: r }, (_, i) =>
        Array.from({ length: c }, (_, j) => Math.sin(seed + 12.9898 * i + 78.233 * j) * 2),
      );
    const I = rand(10, 301, 1);
    const W = { Wq: rand(7, 10, 2), Wk: rand(7, 10, 3), Wv: rand(3, 10, 4) };
    const a = fastSelfAttention(I, W, { scale: "sqrt-dk", mask: "causal" });
    const b = wasmSelfAttention(I, W, { scale: "sqrt-dk", mask: "causal" });
    expect(Array.from(b.A.data)).toEqual(Array.from(a.A.data));
    expectClose(toRows(b.O), toRows(a.O), 1e-12, "O");
  });

  it("results stay valid after the next call reuses the WebAssembly memory", () => {
    const first = wasmSelfAttention([[1, 2]], { Wq: [[1]], Wk: [[1]], Wv: [[1]] });
    const copy = Array.from(first.O.data);
    wasmSelfAttention([[5, 6, 7]], { Wq: [[2]], Wk: [[3]], Wv: [[4]] });
    expect(Array.from(first.O.data)).toEqual(copy);
  });

  it("attentionWith and streamingWith fall back to TypeScript when a backend has no room", () => {
    const full = {
      ...jsBackend,
      name: "full",
      reserve: () => false,
      multiplyAdd: () => {
        throw new Error("the full backend must not be used");
      },
    };
    const I = [
      [1, 0, 2],
      [0, 1, 1],
    ];
    const W = { Wq: [[1, 0]], Wk: [[1, 1]], Wv: [[2, 0]] };
    const want = selfAttention(I, W).O;
    expectClose(toRows(attentionWith(full, I, W).O), want, 1e-12, "O");
    expectClose(toRows(streamingWith(full, I, W).O), want, 1e-12, "O (streaming)");
  });
});
