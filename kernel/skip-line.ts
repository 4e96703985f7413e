// The first line that marks a notebook cell as one the grader and check()'s rerun leave out.

/**
 * A cell that starts with one of these lines (its edition's) only times or draws: grading runs the
 * notebook without it.
 */
export const SKIP_LINES = {
  en: "// The grader skips this cell: it only times or draws.",
  "zh-TW": "// 評分時會略過這個儲存格：它只負責計時或畫圖。",
} as const;

/** Whether a cell's source starts with the skip line of either edition. */
export function isSkipped(source: string): boolean {
  return Object.values(SKIP_LINES).some((line) => source.startsWith(line));
}
