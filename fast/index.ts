// The fast path: self-attention on Float64Arrays, materialised or streaming, with conversions.

export { type Backend, jsBackend, wasmBackend } from "./backend.js";
export type { FastMatrixInput, FastPath, FastWeights } from "./checks.js";
export { checkInputs, toMat } from "./checks.js";
export { multiplyAdd, softmaxColumnsInto } from "./kernels.js";
export { isMat, type Mat, toMathjs, toRows, zeros } from "./mat.js";
export type { FastAttentionResult } from "./self-attention.js";
export { attentionWith, fastSelfAttention, projectWith } from "./self-attention.js";
export type { StreamingAttentionResult, StreamingOptions } from "./streaming.js";
export { streamingSelfAttention, streamingWith } from "./streaming.js";
export {
  loadWasm,
  wasmBackendName,
  wasmSelfAttention,
  wasmStreamingSelfAttention,
} from "./wasm.js";
