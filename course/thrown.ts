// How a thrown value reads in one line, the same in the notebook's check() and in the grader.

/**
 * "Name: message" for an Error (or an error from another realm), else the value as a string.
 *
 * @example
 * thrownText(new RangeError("too far")) // returns "RangeError: too far"
 */
export function thrownText(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e) {
    const err = e as { name?: unknown; message?: unknown };
    return `${String(err.name ?? "Error")}: ${String(err.message)}`;
  }
  return String(e);
}
