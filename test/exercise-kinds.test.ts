// Every lesson has a result to predict before running it and a bug to find, in both editions: the
// prediction is a value checked by hand, the bug a function shown in a cell above, which the
// catalogue names when it is handed in as it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { declaredNames } from "../build/ipynb.js";
import { generate } from "../build/generate.js";
import type { ExerciseSpec, Lesson } from "../build/lesson.js";

const root = join(import.meta.dirname, "..");
const lessons = generate().lessons;

/** The ids of a lesson's exercises whose heading, in one edition, starts with `title`. */
function headed(file: string, exercise: string, title: string): string[] {
  const text = readFileSync(file, "utf8");
  const heading = new RegExp(`^### ${exercise} (\\d+\\.\\d+)[:：] ?${title}`, "gm");
  return [...text.matchAll(heading)].map((m) => m[1] as string);
}

/** Each lesson's predict and find-the-bug exercises, by their headings in each edition. */
const kinds = lessons.map((l) => ({
  lesson: l,
  predict: headed(l.file, "Exercise", "predict"),
  bug: headed(l.file, "Exercise", "find the bug"),
  predictZh: headed(join(root, "lessons", "zh-TW", `${l.slug}.md`), "練習", "先猜"),
  bugZh: headed(join(root, "lessons", "zh-TW", `${l.slug}.md`), "練習", "找出錯誤"),
}));

const spec = (l: Lesson, id: string) => l.exercises.find((e) => e.id === id) as ExerciseSpec;

/** The names the lesson's code cells above exercise `id` declare. */
function namesAbove(l: Lesson, id: string): string[] {
  const names: string[] = [];
  for (const block of l.blocks) {
    if (block.kind === "exercise" && block.id === id) break;
    if (block.kind === "code") names.push(...declaredNames(block.source));
  }
  return names;
}

describe("every lesson's exercises: one to predict, one bug to find", () => {
  it("generate(): lessons 00 to 08 each head one predict exercise and one find-the-bug exercise, the same in zh-TW", () => {
    expect(lessons.map((l) => l.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const k of kinds) {
      const at = k.lesson.slug;
      expect(k.predict, `${at}: predict`).toHaveLength(1);
      expect(k.bug, `${at}: find the bug`).toHaveLength(1);
      expect(k.predictZh, `${at} zh-TW: 先猜`).toEqual(k.predict);
      expect(k.bugZh, `${at} zh-TW: 找出錯誤`).toEqual(k.bug);
    }
  });

  it("generate(): a predict exercise is a value worked out by hand, with a catalogue of wrong guesses", () => {
    for (const k of kinds) {
      const s = spec(k.lesson, k.predict[0] as string);
      expect(s.kind, s.id).toBe("value");
      expect(s.byHand, s.id).toBe(true);
      expect(s.misconceptions.length, s.id).toBeGreaterThan(0);
    }
  });

  it("generate(): a find-the-bug exercise repairs a function shown above it, and that function as it is is a misconception", () => {
    for (const k of kinds) {
      const s = spec(k.lesson, k.bug[0] as string);
      expect(s.kind, s.id).toBe("function");
      const buggy = namesAbove(k.lesson, s.id).filter((n) => n.startsWith("buggy"));
      expect(buggy, `${s.id}: a buggy… function in a cell above`).toHaveLength(1);
      const asItIs = s.wrong.find((w) => w.code.trim() === `const ${s.answer} = ${buggy[0]};`);
      expect(asItIs, `${s.id}: a wrong answer that hands in ${buggy[0]} as it is`).toBeDefined();
      expect(
        s.misconceptions.some((m) => m.formula.includes(asItIs?.symptom ?? "?")),
        `${s.id}: the catalogue names "${asItIs?.symptom}"`,
      ).toBe(true);
    }
  });
});
