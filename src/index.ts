// The attention library: re-exports every step of the article, vector form then matrix form.
export { AttentionError } from "./errors.js";
// Matrix form
export { columnsOf, stackColumns } from "./matrix-input.js";
export { outputMatrix } from "./matrix-output.js";
export { keyMatrix, projectAll, queryMatrix, valueMatrix } from "./matrix-projection.js";
export { scoreMatrix } from "./matrix-scores.js";
export type { AttentionOptions, Mask, Scale } from "./options.js";
export { maskTable, scaleFactor } from "./options.js";
export { weightedSum } from "./output.js";
// Vector form
export { key, project, query, value } from "./projection.js";
export { score, scores } from "./score.js";
export type { AttentionResult } from "./self-attention.js";
export { selfAttention } from "./self-attention.js";
export type { MatrixInput, VectorInput } from "./shape.js";
export { softmax, softmaxColumns } from "./softmax.js";
export type { AttentionWeights, VectorTrace } from "./vector-form.js";
export { attendOne } from "./vector-form.js";
