// Where the fast path's buffers live and which loops run on them: plain typed arrays, or WebAssembly memory.
import { allFinite } from "./checks.js";
import { type Allowed, multiplyAdd, softmaxColumnsInto } from "./kernels.js";

/** The buffers and loops one run of the fast path uses. */
export interface Backend {
  /** A short name for reports: "js" or "wasm". */
  name: string;
  /** True when buffers are views of memory the next run reuses, so results must be copied out. */
  shared: boolean;
  /**
   * Makes room for `doubles` doubles and `bytes` bytes, releasing buffers handed out before;
   * false when there is no such room (a WebAssembly memory is limited to 4 GiB).
   */
  reserve(doubles: number, bytes: number): boolean;
  /** A zeroed buffer of `length` doubles. */
  doubles(length: number): Float64Array;
  /** A zeroed buffer of `length` bytes. */
  bytes(length: number): Uint8Array;
  /** out += W·X (see kernels.ts); every array must come from this backend. */
  multiplyAdd: typeof multiplyAdd;
  /** Column softmax of A into P (see kernels.ts); every array must come from this backend. */
  softmaxColumnsInto: typeof softmaxColumnsInto;
  /** Whether every entry is finite (see checks.ts); the array must come from this backend. */
  allFinite: typeof allFinite;
  /**
   * One block step of the streaming path's online softmax without a mask table (see
   * streamBlock in wasm/kernels.as.ts); false, with nothing changed, when a scaled score is not
   * finite. Absent when the backend has no such kernel: the streaming path then does it itself.
   */
  streamBlock?: (
    S: Float64Array,
    nk: number,
    nq: number,
    factor: number,
    causal: boolean,
    d0: number,
    m: Float64Array,
    l: Float64Array,
    bm: Float64Array,
    acc: Float64Array,
    accStride: number,
    dv: number,
  ) => boolean;
}

/**
 * The plain TypeScript backend: fresh typed arrays and the loops of kernels.ts.
 *
 * @example
 * jsBackend.doubles(3).length // returns 3
 */
export const jsBackend: Backend = {
  name: "js",
  shared: false,
  reserve: () => true,
  doubles: (length) => new Float64Array(length),
  bytes: (length) => new Uint8Array(length),
  multiplyAdd,
  softmaxColumnsInto,
  allFinite,
};

/**
 * The exports of the kernels compiled from wasm/kernels.as.ts. Written without the WebAssembly
 * namespace's types, which a runtime's type library may lack (tslab's does).
 */
interface WasmExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  multiplyAdd(...args: number[]): void;
  softmaxColumns(...args: number[]): number;
  allFinite(...args: number[]): number;
  streamBlock(...args: number[]): number;
}

/**
 * A backend whose buffers live in one WebAssembly memory and whose loops are the compiled SIMD
 * kernels; buffers are handed out from a bump pointer that reserve() resets. The memory can
 * grow to 4 GiB, no further: reserve() says when a problem does not fit.
 *
 * @example
 * buildWasm().then(() => wasmBackend(new WebAssembly.Instance(new WebAssembly.Module(readFileSync(WASM_FILE)), {})).reserve(1e9, 0)) // returns false
 */
export function wasmBackend(instance: { exports: object }): Backend {
  const wasm = instance.exports as unknown as WasmExports;
  const base = (wasm.heapBase() + 15) & ~15;
  let next = base;
  const take = (bytes: number): number => {
    const at = next;
    next = (next + bytes + 15) & ~15;
    if (next > wasm.memory.buffer.byteLength) throw new RangeError("wasm buffer overrun");
    return at;
  };
  const at = (a: Float64Array | Uint8Array, offset: number, size: number) =>
    a.byteOffset + offset * size;
  return {
    name: "wasm",
    shared: true,
    reserve(doubles, bytes) {
      next = base;
      const need = base + doubles * 8 + bytes + 64 * 16;
      const have = wasm.memory.buffer.byteLength;
      if (need <= have) return true;
      try {
        wasm.memory.grow(Math.ceil((need - have) / 65536));
        return true;
      } catch {
        return false; // beyond what this memory may grow to
      }
    },
    doubles(length) {
      return new Float64Array(wasm.memory.buffer, take(length * 8), length).fill(0);
    },
    bytes(length) {
      return new Uint8Array(wasm.memory.buffer, take(length), length).fill(0);
    },
    multiplyAdd(out, outOffset, outStride, W, X, xOffset, xStride, R, T, N) {
      wasm.multiplyAdd(
        at(out, outOffset, 8),
        outStride,
        at(W.data, W.offset, 8),
        W.rowStride,
        W.colStride,
        at(X, xOffset, 8),
        xStride,
        R,
        T,
        N,
      );
    },
    softmaxColumnsInto(A, P, nk, nq, allowed: Allowed) {
      const mode = allowed.kind === "all" ? 0 : allowed.kind === "causal" ? 1 : 2;
      const flags = allowed.kind === "table" ? allowed.flags.byteOffset : 0;
      const m = take(nq * 8);
      const s = take(nq * 8);
      return wasm.softmaxColumns(A.byteOffset, P.byteOffset, nk, nq, mode, flags, m, s);
    },
    allFinite(data) {
      return wasm.allFinite(data.byteOffset, data.length) === 1;
    },
    streamBlock(S, nk, nq, factor, causal, d0, m, l, bm, acc, accStride, dv) {
      const p = (a: Float64Array) => a.byteOffset;
      const flag = causal ? 1 : 0;
      const code = wasm.streamBlock(
        p(S),
        nk,
        nq,
        factor,
        flag,
        d0,
        p(m),
        p(l),
        p(bm),
        p(acc),
        accStride,
        dv,
      );
      return code === 0;
    },
  };
}
