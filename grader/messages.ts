// What the grader says about a cell that failed, in the cell's own lines and in words a newcomer can act on.
import type { CellOutcome } from "../kernel/run.js";
import type { Words } from "../course/words.js";

/** The first error of a failed cell: "line 2:13: Cannot find name 'weights1'." or "Error: oops". */
export function errorSummary(outcome: CellOutcome, w: Words): string {
  if (outcome.kind === "type-error") {
    const d = outcome.diagnostics[0];
    return d ? w.atLine(d.line, d.column, d.message) : w.doesNotCompile;
  }
  if (outcome.kind === "thrown") {
    const e = outcome.error;
    if (e instanceof Error || (typeof e === "object" && e !== null && "message" in e)) {
      const err = e as Error;
      return `${err.name ?? "Error"}: ${err.message}`;
    }
    return w.threwValue(String(e));
  }
  return "";
}

/** A name a cell could not find, from a message like "Cannot find name 'weights1'. Did you mean …". */
export function missingName(error: string): string | null {
  return error.match(/Cannot find name '([^']+)'/)?.[1] ?? null;
}
