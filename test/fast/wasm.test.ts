// The WebAssembly path, built from its AssemblyScript source as npm install builds it, against the readable selfAttention.
import { describe, expect, it } from "vitest";
import {
  attentionWith,
  fastSelfAttention,
  jsBackend,
  streamingWith,
  toRows,
  wasmBackendName,
  wasmSelfAttention,
  wasmStreamingSelfAttention,
} from "../../fast/index.js";
import { selfAttention } from "../../src/index.js";
import { expectClose } from "../helpers.js";
import { expectAgreement, waves } from "./arbitraries.js";
import { useWasmKernels } from "./wasm-kernels.js";

useWasmKernels();

describe("wasmSelfAttention equals selfAttention", () => {
  it("wasmBackendName() is wasm once the kernels are built and loaded", () => {
    expect(wasmBackendName()).toBe("wasm");
  });

  it("wasmSelfAttention(I, W, options) gives Q, K, V, A, A', O within 1e-12", () => {
    expectAgreement(wasmSelfAttention, ["Q", "K", "V", "A", "Aprime", "O"]);
  });

  it("wasmStreamingSelfAttention(I, W, options) gives Q, K, V, O within 1e-12 for any block sizes", () => {
    expectAgreement(wasmStreamingSelfAttention, ["Q", "K", "V", "O"]);
  });

  it("wasmSelfAttention's A equals fastSelfAttention's bit for bit (same order of sums)", () => {
    const I = waves(10, 301, 1);
    const W = { Wq: waves(7, 10, 2), Wk: waves(7, 10, 3), Wv: waves(3, 10, 4) };
    const a = fastSelfAttention(I, W, { scale: "sqrt-dk", mask: "causal" });
    const b = wasmSelfAttention(I, W, { scale: "sqrt-dk", mask: "causal" });
    expect(Array.from(b.A.data)).toEqual(Array.from(a.A.data));
    expectClose(toRows(b.O), toRows(a.O), 1e-12, "O");
  });

  it("wasmSelfAttention's results stay valid after the next call reuses the WebAssembly memory", () => {
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
