// The grader's report: a line per exercise, passed per lesson, the score and the next exercise to do.
import type { Edition } from "../build/translation.js";
import type { ExerciseResult } from "./grade.js";
import { words } from "../course/words.js";

const MARK: Record<string, string> = { pass: "✓", fail: "✗", error: "✗", todo: "…", timeout: "⏱" };

export function resultLine(r: ExerciseResult): string {
  const head = `${MARK[r.verdict] ?? "?"} ${r.id.padEnd(4)} ${r.title}`;
  if (r.verdict === "pass") return head;
  const body = r.message
    .split("\n")
    .map((l) => `       ${l}`)
    .join("\n");
  return `${head}  [${words(r.lang ?? "en").verdictTag(r.verdict)}]\n${body}`;
}

export interface Summary {
  /** The edition it is told in: zh-TW when the learner works in zh-TW notebooks only. */
  lang?: Edition;
  passed: number;
  /** Exercises still as the starter left them (TODO). */
  todo: number;
  total: number;
  lessons: { lesson: string; passed: number; total: number }[];
  next?: ExerciseResult;
}

/** Passed counts over tried, tried over not done yet. */
const RANK: Record<string, number> = { pass: 3, fail: 2, error: 2, timeout: 2, todo: 1 };

/**
 * The results an exercise counts by: one per exercise id where a learner has it in both editions
 * (or in two copies of a notebook): a pass, else a tried answer, else the first.
 */
export function onePerExercise(results: readonly ExerciseResult[]): ExerciseResult[] {
  const best = new Map<string, ExerciseResult>();
  for (const r of results) {
    const had = best.get(r.id);
    if (!had || (RANK[r.verdict] ?? 0) > (RANK[had.verdict] ?? 0)) best.set(r.id, r);
  }
  return [...best.values()];
}

export function summarize(all: readonly ExerciseResult[]): Summary {
  const results = onePerExercise(all);
  const lessons = new Map<string, { passed: number; total: number }>();
  for (const r of results) {
    const l = lessons.get(r.lesson) ?? { passed: 0, total: 0 };
    l.total++;
    if (r.verdict === "pass") l.passed++;
    lessons.set(r.lesson, l);
  }
  const next = results.find((r) => r.verdict !== "pass");
  return {
    passed: results.filter((r) => r.verdict === "pass").length,
    todo: results.filter((r) => r.verdict === "todo").length,
    total: results.length,
    lessons: [...lessons].map(([lesson, v]) => ({ lesson, ...v })),
    ...(next ? { next } : {}),
    ...(all.length > 0 && all.every((r) => r.lang === "zh-TW") ? { lang: "zh-TW" as const } : {}),
  };
}

export function summaryText(s: Summary): string {
  const w = words(s.lang ?? "en");
  const lines = ["", w.progress];
  for (const l of s.lessons) {
    const bar = "█".repeat(l.passed) + "░".repeat(l.total - l.passed);
    lines.push(`  ${l.lesson.padEnd(28)} ${bar} ${l.passed}/${l.total}`);
  }
  const pct = s.total ? Math.round((100 * s.passed) / s.total) : 0;
  lines.push("", w.score(s.passed, s.total, pct));
  if (s.next) {
    lines.push(w.next(s.next.id, s.next.title, s.next.file));
    if (s.next.hint) lines.push(`${w.hint}${s.next.hint}`);
  } else if (s.total > 0) lines.push(w.allPass);
  // the closing line: done, wrong, still to do
  lines.push(w.closing(s.passed, s.total - s.passed - s.todo, s.todo));
  return lines.join("\n");
}

/** Results in the course's order: by exercise, then by file (the order a learner works in). */
export function inCourseOrder(results: readonly ExerciseResult[]): ExerciseResult[] {
  return [...results].sort(
    (a, b) =>
      a.id.localeCompare(b.id, "en", { numeric: true }) ||
      (a.learner ?? "").localeCompare(b.learner ?? "") ||
      a.file.localeCompare(b.file),
  );
}

/** The machine-readable report: each exercise's id, lesson, verdict and message, and the totals. */
export function jsonReport(results: readonly ExerciseResult[]): string {
  const s = summarize(results);
  return `${JSON.stringify(
    {
      score: { passed: s.passed, total: s.total },
      exercises: results.map(({ id, lesson, title, file, verdict, message, hint }) => ({
        id,
        lesson,
        title,
        file,
        verdict,
        message,
        ...(hint ? { hint } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}
