// The first line that marks a notebook cell as one the grader and check()'s rerun leave out.

/** A cell that starts with this line only times or draws: grading runs the notebook without it. */
export const SKIP_LINE = "// The grader skips this cell: it only times or draws.";
