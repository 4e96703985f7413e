// The zh-TW edition end to end: a translated lesson becomes a notebook whose check() and grader
// speak Traditional Chinese, with the same exercise ids and the same verdicts as the English one.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { type ExerciseSpec, type Lesson, readLesson } from "../build/lesson.js";
import { lessonStamp, stampLine } from "../build/translation.js";
import { linkLibraries } from "../build/workspace.js";
import { defaultNotebookFolders, type ExerciseResult, gradeNotebooks } from "../grader/grade.js";
import { onePerExercise, summarize, summaryText } from "../grader/report.js";
import { exerciseList } from "../course/exercise-list.generated.js";
import { isSkipped, SKIP_LINES } from "../kernel/skip-line.js";

const root = join(import.meta.dirname, "..");
const SLUG = "01-queries-and-keys";
const english = join(root, "lessons", `${SLUG}.md`);
const fence = "```";

/** A stand-in translation of a lesson: its prose marked as Chinese, code blocks left empty. */
function standIn(lesson: Lesson): string {
  const body = lesson.blocks.map((b) => {
    if (b.kind === "markdown") return `${b.source}\n\n（中文說明）`;
    if (b.kind === "code") return `${fence}ts${b.skip ? " skip" : ""}\n${fence}`;
    const e = lesson.exercises.find((x) => x.id === b.id);
    const says = (e?.wrong ?? []).filter((w) => w.says !== undefined);
    return [
      `${fence}exercise ${b.id}`,
      `title: 練習 ${b.id} 的中文標題`,
      ...(e?.starter.match(/\/\/ TODO: /g) ?? []).map(() => "todo: 中文的待辦說明"),
      ...(e?.hints ?? []).map((_, k) => `hint: 第 ${k + 1} 個提示`),
      ...says.map((_, k) => `says: 第 ${k + 1} 個常見錯誤`),
      ...(e?.misconceptions ?? []).map((_, k) => `formula: 第 ${k + 1} 種錯誤算法`),
      fence,
    ].join("\n");
  });
  return [stampLine("zh-TW", SLUG, lessonStamp(readFileSync(english, "utf8"))), ...body, ""].join(
    "\n\n",
  );
}

const work = join(root, "artifacts", "zh-tw-test");
const results = new Map<string, ExerciseResult[]>();
let generated: Map<string, string> = new Map();

beforeAll(async () => {
  const lessons = mkdtempSync(join(tmpdir(), "zh-lessons-"));
  mkdirSync(join(lessons, "zh-TW"));
  copyFileSync(english, join(lessons, `${SLUG}.md`));
  writeFileSync(join(lessons, "zh-TW", `${SLUG}.md`), standIn(readLesson(english)));
  rmSync(work, { recursive: true, force: true });
  generated = generate({ dir: lessons }).notebooks;
  const variants = {
    starter: undefined,
    solved: (s: { solution: string }) => s.solution,
    wrong: (s: { wrong: { code: string }[]; solution: string }) => s.wrong[0]?.code ?? s.solution,
  };
  for (const [name, answerFor] of Object.entries(variants)) {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    linkLibraries(dir);
    const nb = generate({ dir: lessons, ...(answerFor ? { answerFor } : {}) }).notebooks.get(
      `zh-TW/${SLUG}.ipynb`,
    );
    writeFileSync(join(dir, `${SLUG}.ipynb`), nb ?? "");
    results.set(name, await gradeNotebooks([dir], { timeoutMs: 8000 }));
  }
}, 180_000);

describe("a zh-TW notebook, graded", () => {
  it("gradeNotebooks() grades a zh-TW starter todo, in Chinese", () => {
    const starter = results.get("starter") ?? [];
    expect(starter.length).toBeGreaterThan(0);
    for (const r of starter) {
      expect(r.verdict, r.message).toBe("todo");
      expect(r.message).toContain("還沒完成");
      expect(r.lang).toBe("zh-TW");
    }
  });

  it("generate() writes a zh-TW answer cell in Chinese: its first line, the names line, the TODO comment", () => {
    const nb = JSON.parse(generated.get(`zh-TW/${SLUG}.ipynb`) ?? "{}") as {
      cells: { source: string[]; metadata: { attention_from_zero?: { role?: string } } }[];
    };
    const answers = nb.cells.filter((c) => c.metadata.attention_from_zero?.role === "answer");
    expect(answers.length).toBeGreaterThan(0);
    for (const c of answers) {
      const [first = "", names = "", ...body] = c.source.join("").split("\n");
      expect(first).toMatch(/^\/\/ 練習 1\.\d：練習 1\.\d 的中文標題$/);
      expect(names).toMatch(/^\/\/ 可用的名稱：/);
      expect(body.join("\n")).toContain("// TODO: 中文的待辦說明");
      expect(body.join("\n")).not.toMatch(/\/\/ TODO: [A-Za-z]/);
    }
  });

  it("generate() starts a zh-TW notebook's timing cells with the zh-TW skip line, which the grader knows", () => {
    const nb = JSON.parse(generate().notebooks.get("zh-TW/07-whole-chain.ipynb") ?? "{}") as {
      cells: { cell_type: string; source: string[] }[];
    };
    const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => c.source.join(""));
    const skipped = code.filter((s) => s.startsWith(SKIP_LINES["zh-TW"]));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every(isSkipped)).toBe(true);
    expect(code.some((s) => s.startsWith(SKIP_LINES.en))).toBe(false);
    expect(isSkipped(`${SKIP_LINES.en}\nx`)).toBe(true);
    expect(isSkipped("// 評分時\nx")).toBe(false);
  });

  it("gradeNotebooks() passes every zh-TW solution, saying so in Chinese", () => {
    for (const r of results.get("solved") ?? []) {
      expect(r.verdict, r.message).toBe("pass");
      expect(r.message).toContain("正確");
    }
  });

  it("gradeNotebooks() fails a zh-TW wrong answer with a Chinese message", () => {
    const wrong = results.get("wrong") ?? [];
    expect(wrong.some((r) => r.verdict !== "pass")).toBe(true);
    for (const r of wrong.filter((x) => x.verdict !== "pass"))
      expect(r.message, r.id).toMatch(/[\u4e00-\u9fff]/);
  });

  it("gradeNotebooks() tells of a zh-TW notebook that is not JSON in Chinese, by its folder", async () => {
    const dir = join(work, "broken", "zh-TW");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${SLUG}.ipynb`), '{"cells": [');
    const r = await gradeNotebooks([dir]);
    expect(r.length).toBeGreaterThan(0);
    for (const x of r) {
      expect(x.verdict).toBe("error");
      expect(x.message).toMatch(
        /01-queries-and-keys\.ipynb 不是有效的 JSON（.+）。檔案維持原樣沒有更動/,
      );
    }
  });

  it("summaryText() tells a zh-TW learner's progress in Chinese", () => {
    const text = summaryText(summarize(results.get("starter") ?? []));
    expect(text).toContain("各課進度：");
    expect(text).toMatch(/得分：通過 0\/\d+ 題/);
    expect(text).toContain("下一題：");
  });

  it("summarize() counts an exercise once, passed, when it passes in either edition", () => {
    const both = [...(results.get("starter") ?? []), ...(results.get("solved") ?? [])];
    const s = summarize(both);
    expect(s.total).toBe(results.get("solved")?.length);
    expect(s.passed).toBe(s.total);
  });

  it("onePerExercise() keeps a pass, else a tried answer over one not done yet", () => {
    const r = (file: string, verdict: ExerciseResult["verdict"]): ExerciseResult => ({
      id: "1.1",
      lesson: SLUG,
      title: "t",
      file,
      verdict,
      message: "",
    });
    expect(onePerExercise([r("en", "todo"), r("zh", "fail")])[0]?.file).toBe("zh");
    expect(onePerExercise([r("en", "fail"), r("zh", "pass")])[0]?.file).toBe("zh");
    expect(onePerExercise([r("en", "pass"), r("zh", "todo")])).toHaveLength(1);
    expect(onePerExercise([r("en", "pass"), r("zh", "todo")])[0]?.file).toBe("en");
  });
});

describe("defaultNotebookFolders", () => {
  it("defaultNotebookFolders() grades the editions the learner changed a notebook in, else notebooks/", () => {
    const dir = mkdtempSync(join(tmpdir(), "editions-"));
    mkdirSync(join(dir, "zh-TW"));
    const en = generated.get(`${SLUG}.ipynb`) ?? "";
    const zh = generated.get(`zh-TW/${SLUG}.ipynb`) ?? "";
    const edited = (text: string) => text.replace("TODO;", "[1, 1]; // mine");
    expect(edited(zh)).not.toBe(zh);
    const write = (enText: string, zhText: string) => {
      writeFileSync(join(dir, `${SLUG}.ipynb`), enText);
      writeFileSync(join(dir, "zh-TW", `${SLUG}.ipynb`), zhText);
      return defaultNotebookFolders(dir);
    };
    expect(write(en, zh)).toEqual([dir]);
    expect(write(en, edited(zh))).toEqual([join(dir, "zh-TW")]);
    expect(write(edited(en), edited(zh))).toEqual([dir, join(dir, "zh-TW")]);
    expect(write(edited(en), zh)).toEqual([dir]);
  });
});

/** The zh-TW edition's own notebooks, each exercise answered by `answerFor`, graded. */
async function gradeEdition(name: string, answerFor: (s: ExerciseSpec) => string) {
  const dir = join(work, `edition-${name}`);
  mkdirSync(dir, { recursive: true });
  linkLibraries(dir);
  for (const [file, text] of generate({ answerFor }).notebooks)
    if (file.startsWith("zh-TW/")) writeFileSync(join(dir, file.slice("zh-TW/".length)), text);
  return gradeNotebooks([dir], { timeoutMs: 8000 });
}

const edition = generate();
const translated = edition.translations.map((t) => t.file.replace(/^.*[\\/]|\.md$/g, ""));
const specs = edition.lessons
  .filter((l) => translated.includes(l.slug))
  .flatMap((l) => l.exercises);

describe.skipIf(specs.length === 0)("the zh-TW edition's notebooks, graded", () => {
  it("gradeNotebooks(): every zh-TW starter is todo and every solution passes, said in Chinese", async () => {
    const starter = await gradeEdition("starter", (s) => s.starter);
    const solved = await gradeEdition("solved", (s) => s.solution);
    expect(starter.map((r) => r.id).sort()).toEqual(specs.map((e) => e.id).sort());
    for (const r of starter) {
      expect(r.verdict, `${r.id}: ${r.message}`).toBe("todo");
      expect(r.message, r.id).toMatch(/還沒完成/);
    }
    for (const r of solved) {
      expect(r.verdict, `${r.id}: ${r.message}`).toBe("pass");
      expect(r.message, r.id).toContain("正確");
    }
  }, 300_000);

  it("gradeNotebooks(): every zh-TW wrong answer fails, with its Chinese message", async () => {
    const most = Math.max(0, ...specs.map((e) => e.wrong.length));
    for (let k = 0; k < most; k++) {
      const results = await gradeEdition(`wrong-${k + 1}`, (s) => s.wrong[k]?.code ?? s.solution);
      for (const e of specs.filter((x) => x.wrong[k])) {
        const r = results.find((x) => x.id === e.id);
        expect(r?.verdict, `${e.id} wrong ${k + 1}: ${r?.message}`).not.toBe("pass");
        expect(r?.message, e.id).toMatch(/[\u4e00-\u9fff]/);
        const own = e.wrong.slice(0, k + 1).filter((w) => w.says !== undefined).length;
        const says = exerciseList.find((x) => x.id === e.id)?.translations?.["zh-TW"]?.says;
        if (e.wrong[k]?.says !== undefined) expect(r?.message, e.id).toContain(says?.[own - 1]);
      }
    }
  }, 600_000);
});
