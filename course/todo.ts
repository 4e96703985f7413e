// The TODO placeholder that starter code leaves in place of an answer.

/**
 * Stands for an answer not written yet. Typed `never` so it fits any declared type; a check
 * that meets it reports "not done yet" instead of a failure.
 *
 * @example
 * isTodo(TODO) // returns true
 * isTodo({ todo: "replace TODO with your answer" }) // returns false
 */
export const TODO: never = Object.freeze({ todo: "replace TODO with your answer" }) as never;

/**
 * Whether a value is the TODO placeholder.
 *
 * @example
 * isTodo(3) // returns false
 */
export function isTodo(x: unknown): boolean {
  return x === TODO;
}
