// The WebAssembly kernels for the tests that run them: built as `npm install` builds them, then loaded.
import { beforeAll, expect } from "vitest";
import { buildWasm } from "../../fast/build-wasm.js";
import { loadWasm } from "../../fast/index.js";

/** Before the tests of the calling file: builds dist/wasm/attention.wasm if its source changed, and loads it. */
export function useWasmKernels(): void {
  beforeAll(async () => {
    await buildWasm();
    expect(loadWasm(), "dist/wasm/attention.wasm loads").toBe(true);
  }, 60_000);
}
