// The one error class of the library: every bad input is reported as an AttentionError.

/**
 * The error every function of this library throws for bad input: a wrong shape, a ragged
 * matrix, an empty input, a non-number or non-finite entry, a mask of the wrong size.
 * Its message names the operation in the article's notation, the operands and their sizes.
 *
 * @example
 * new AttentionError("Q = Wq·I needs Wq's columns (5) to equal I's rows (4)").name // returns "AttentionError"
 */
export class AttentionError extends Error {
  override name = "AttentionError";
}
