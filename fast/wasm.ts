// The WebAssembly path: loads the SIMD kernels built from wasm/kernels.as.ts (by build-wasm.ts), or falls back to TypeScript.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AttentionOptions } from "../src/options.js";
import { type Backend, jsBackend, wasmBackend } from "./backend.js";
import type { FastPath } from "./checks.js";
import { attentionWith, type FastAttentionResult } from "./self-attention.js";
import {
  type StreamingAttentionResult,
  type StreamingOptions,
  streamingWith,
} from "./streaming.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Where `npm install` and `npm run build` (fast/build-wasm.ts) write the compiled kernels:
 * dist/wasm/attention.wasm, found from fast/wasm.ts and from its compiled dist/fast/wasm.js.
 *
 * @example
 * WASM_FILE.split(/[\\/]/).slice(-3).join("/") // returns "dist/wasm/attention.wasm"
 */
export const WASM_FILE =
  basename(dirname(HERE)) === "dist"
    ? join(HERE, "..", "wasm", "attention.wasm")
    : join(HERE, "..", "dist", "wasm", "attention.wasm");

let backend: Backend | null = null;
let tried = false;

/**
 * Loads the WebAssembly kernels from `bytes`, or from dist/wasm/attention.wasm (which
 * `npm install` and `npm run build` make) when no bytes are given. Returns false, and keeps the
 * TypeScript loops, when there is no such file, the bytes are not a module of these kernels,
 * or the runtime lacks WebAssembly SIMD.
 *
 * Shapes: the bytes of a .wasm module → whether the kernels are in use
 *
 * @example
 * loadWasm(Uint8Array.of(0, 97, 115, 109)) // returns false
 */
export function loadWasm(bytes?: Uint8Array): boolean {
  tried = true;
  try {
    let code = bytes;
    if (!code) {
      if (!existsSync(WASM_FILE)) return false;
      code = readFileSync(WASM_FILE);
    }
    // the WebAssembly API through globalThis, typed here, since some type libraries (tslab's) lack it
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    backend = wasmBackend(new api.Instance(new api.Module(code), {}));
    return true;
  } catch {
    backend = null;
    return false;
  }
}

/** The two constructors of the WebAssembly API that loading needs. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/**
 * Whether wasmSelfAttention runs the WebAssembly kernels ("wasm") or the TypeScript fallback ("js").
 *
 * @example
 * (loadWasm(), wasmBackendName()) // returns "wasm"
 */
export function wasmBackendName(): string {
  return current().name;
}

/** The backend of the wasm functions: the kernels, loaded on first use, else the TypeScript loops. */
function current(): Backend {
  if (!tried) loadWasm();
  return backend ?? jsBackend;
}

/**
 * The materialised fast path with its products and softmax in WebAssembly SIMD, with the
 * contract, options and errors of fastSelfAttention (A matches it bit for bit; A' and O
 * within the rounding of exp).
 * Falls back to the TypeScript loops when the kernels are not built or cannot load.
 *
 * Formula: Q = Wq·I, K = Wk·I, V = Wv·I, A = KᵀQ, A' = softmax down the columns of A, O = V·A'
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), A, A' (n×n), O (d_v×n)
 *
 * @example
 * Array.from(wasmSelfAttention([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0], [0, 2]] }).O.data) // returns [1.4621, 1, 0.5379, 1]
 */
export const wasmSelfAttention: FastPath<AttentionOptions, FastAttentionResult> = (I, W, options) =>
  attentionWith(current(), I, W, options);

/**
 * The streaming path with its block products in WebAssembly SIMD: O(n·d) memory, and the
 * contract, options and errors of streamingSelfAttention. Falls back to the TypeScript loops
 * when the kernels cannot load.
 *
 * Formula: m_i = max_j A[j][i], l_i = Σ_j exp(A[j][i] − m_i), O[:, i] = Σ_j exp(A[j][i] − m_i)·v_j / l_i
 * Shapes: I (d×n); Wq, Wk (d_k×d); Wv (d_v×d) → Q, K (d_k×n), V (d_v×n), O (d_v×n)
 *
 * @example
 * Array.from(wasmStreamingSelfAttention([[1, 0], [0, 1]], { Wq: [[1, 0]], Wk: [[1, 0]], Wv: [[2, 0], [0, 2]] }).O.data) // returns [1.4621, 1, 0.5379, 1]
 */
export const wasmStreamingSelfAttention: FastPath<StreamingOptions, StreamingAttentionResult> = (
  I,
  W,
  options,
) => streamingWith(current(), I, W, options);
