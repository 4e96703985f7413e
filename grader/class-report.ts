// A class's report: a CSV of learner × exercise verdicts and scores, and a page with pass rates, a heatmap and the commonest mistakes.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exerciseList as exercises } from "../course/exercise-list.generated.js";
import type { ExerciseResult } from "./grade.js";
import { onePerExercise } from "./report.js";

/** A learner's results, one per exercise, by id. */
function byLearner(results: readonly ExerciseResult[]): Map<string, Map<string, ExerciseResult>> {
  const groups = new Map<string, ExerciseResult[]>();
  for (const r of results) {
    const who = r.learner ?? "you";
    groups.set(who, [...(groups.get(who) ?? []), r]);
  }
  const out = new Map<string, Map<string, ExerciseResult>>();
  for (const who of [...groups.keys()].sort())
    out.set(who, new Map(onePerExercise(groups.get(who) ?? []).map((r) => [r.id, r])));
  return out;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const html = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The CSV: a row per learner, a column per exercise (its verdict), then the score. */
export function classCsv(results: readonly ExerciseResult[]): string {
  const ids = exercises.map((e) => e.id);
  const rows = [["learner", ...ids, "score", "total"].join(",")];
  for (const [who, got] of byLearner(results)) {
    const verdicts = ids.map((id) => got.get(id)?.verdict ?? "missing");
    const score = verdicts.filter((v) => v === "pass").length;
    rows.push([csvCell(who), ...verdicts, String(score), String(ids.length)].join(","));
  }
  return `${rows.join("\n")}\n`;
}

/** The first line of a message: what the check diagnosed, without the values. */
const diagnosis = (r: ExerciseResult) => r.message.split("\n")[0] ?? "";

/** The page: each exercise's pass rate, the learner × exercise heatmap, the mistakes most often diagnosed. */
export function classHtml(results: readonly ExerciseResult[]): string {
  const learners = byLearner(results);
  const colour: Record<string, string> = {
    pass: "#2e7d32",
    fail: "#c62828",
    error: "#ad1457",
    timeout: "#ef6c00",
    todo: "#bdbdbd",
    missing: "#ffffff",
  };
  const rate = exercises.map((e) => {
    const all = [...learners.values()].map((m) => m.get(e.id)?.verdict);
    const passed = all.filter((v) => v === "pass").length;
    return { e, passed, of: all.length };
  });
  const rateRows = rate
    .map(({ e, passed, of }) => {
      const pct = of ? Math.round((100 * passed) / of) : 0;
      return `<tr><td>${e.id}</td><td>${html(e.title)}</td><td><div class="bar" style="width:${pct * 2}px"></div> ${pct}% (${passed}/${of})</td></tr>`;
    })
    .join("\n");
  const head = exercises.map((e) => `<th title="${html(e.title)}">${e.id}</th>`).join("");
  const heatRows = [...learners]
    .map(([who, got]) => {
      const cells = exercises
        .map((e) => {
          const r = got.get(e.id);
          const v = r?.verdict ?? "missing";
          return `<td style="background:${colour[v]}" title="${html(`${who} ${e.id}: ${v}${r && v !== "pass" ? ` — ${diagnosis(r)}` : ""}`)}"></td>`;
        })
        .join("");
      const score = [...got.values()].filter((r) => r.verdict === "pass").length;
      return `<tr><th>${html(who)}</th>${cells}<td>${score}/${exercises.length}</td></tr>`;
    })
    .join("\n");
  const mistakes = new Map<string, { id: string; text: string; count: number }>();
  for (const got of learners.values())
    for (const r of got.values()) {
      if (r.verdict !== "fail" && r.verdict !== "error" && r.verdict !== "timeout") continue;
      const text = diagnosis(r);
      const key = `${r.id}\0${text}`;
      const m = mistakes.get(key) ?? { id: r.id, text, count: 0 };
      m.count++;
      mistakes.set(key, m);
    }
  const top = [...mistakes.values()]
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id, "en", { numeric: true }))
    .slice(0, 20)
    .map((m) => `<tr><td>${m.count}</td><td>${m.id}</td><td>${html(m.text)}</td></tr>`)
    .join("\n");
  const legend = Object.entries(colour)
    .map(([v, c]) => `<span class="key" style="background:${c}"></span>${v}`)
    .join(" ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Class report: Attention from Zero</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}
td,th{padding:2px 6px;text-align:left}.heat td{width:18px;height:18px;border:1px solid #fff}
.bar{display:inline-block;height:10px;background:#2e7d32}.key{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;border:1px solid #999}
</style></head><body>
<h1>Class report</h1>
<p>${learners.size} learners, ${exercises.length} exercises.</p>
<h2>Pass rate per exercise</h2>
<table>${rateRows}</table>
<h2>Learner × exercise</h2>
<p>${legend}</p>
<table class="heat"><tr><th></th>${head}<th>score</th></tr>
${heatRows}</table>
<h2>Mistakes most often diagnosed</h2>
<table><tr><th>learners</th><th>exercise</th><th>what the check said</th></tr>
${top}</table>
</body></html>
`;
}

/** Writes class.csv and class.html into `dir`; returns their paths and a line per learner. */
export function writeClassReport(
  results: readonly ExerciseResult[],
  dir: string,
): { csv: string; html: string; lines: string[] } {
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, "class.csv");
  const page = join(dir, "class.html");
  writeFileSync(csv, classCsv(results));
  writeFileSync(page, classHtml(results));
  const lines = [...byLearner(results)].map(([who, got]) => {
    const passed = [...got.values()].filter((r) => r.verdict === "pass").length;
    return `${who.padEnd(24)} ${passed}/${exercises.length}`;
  });
  return { csv, html: page, lines };
}
