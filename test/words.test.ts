// check() in each edition: the same verdicts, said in English or in Traditional Chinese.
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkExercise, NOT_DEFINED } from "../course/check.js";
import type { Exercise } from "../course/exercise.js";
import { useLanguage } from "../course/language.js";
import { checkReport, solution } from "../course/notebook.js";
import { TODO } from "../course/todo.js";
import { words } from "../course/words.js";

const q1: Exercise = {
  id: "1.1",
  lesson: "01-queries-and-keys",
  title: "q1, the query of the first word",
  answer: "q1mine",
  kind: "value",
  expected: () => [1, 1],
  hints: ["Which matrix?", "q1 = Wq·a1", "query(___, a1)"],
  solution: "const q1mine = query(Wq, a1);",
  mistakes: [{ when: () => [1, 2], say: "That is q2." }],
  translations: {
    "zh-TW": {
      title: "q1，第一個詞的 query",
      hints: ["哪一個矩陣？", "q1 = Wq·a1", "query(___, a1)"],
      says: ["這是 q2。"],
    },
  },
};

afterEach(() => useLanguage("en"));

describe("words", () => {
  it("words() has every English sentence in zh-TW too, and none of them the same", () => {
    const en = words("en");
    const zh = words("zh-TW");
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const said = (w: typeof en, k: keyof typeof en) => {
      const v = w[k] as unknown;
      const args =
        k === "forbidden" || k === "noSuchExercise"
          ? ["x", ["y"]]
          : k === "caseLabel"
            ? ["a random case"]
            : k === "verdictTag"
              ? ["fail"]
              : ["x", 1, 2];
      return typeof v === "function" ? String((v as (...a: unknown[]) => unknown)(...args)) : v;
    };
    const same = (Object.keys(en) as (keyof typeof en)[]).filter(
      (k) => said(en, k) === said(zh, k),
    );
    expect(same).toEqual([]);
  });

  it("checkExercise() says the same verdicts in zh-TW, with the lesson's translated message", () => {
    const inBoth = (answer: unknown) => {
      const en = checkExercise(q1, answer);
      useLanguage("zh-TW");
      const zh = checkExercise(q1, answer);
      useLanguage("en");
      return { en, zh };
    };
    const right = inBoth([1, 1]);
    expect(right.zh.verdict).toBe("pass");
    expect(right.zh.message).toBe("q1mine 正確");
    const mistake = inBoth([1, 2]);
    expect(mistake.en.message).toContain("That is q2.");
    expect(mistake.zh.verdict).toBe(mistake.en.verdict);
    expect(mistake.zh.message).toContain("這是 q2。");
    expect(mistake.zh.message).toContain("正確答案：[1, 1]\n你的答案：[1, 2]");
    const missing = inBoth(NOT_DEFINED);
    expect(missing.zh.message).toContain("q1mine 還沒有定義");
    const shape = inBoth([[1, 1]]);
    expect(shape.zh.verdict).toBe(shape.en.verdict);
  });

  it("checkExercise(): a number close to the right one but not to 4 decimals is told to round it when worked out by hand, to compute it when written in code", () => {
    const guess: Exercise = { ...q1, kind: "value", expected: () => Math.exp(2), mistakes: [] };
    const close = 7.39; // e² ≈ 7.38906: within 1e-3, not within 4 decimals
    const byHand = checkExercise({ ...guess, byHand: true }, close);
    expect(byHand.verdict).toBe("fail");
    expect(byHand.message).toContain(words("en").roundedByHand);
    expect(byHand.message).not.toContain(words("en").rounded);
    const inCode = checkExercise(guess, close);
    expect(inCode.verdict).toBe("fail");
    expect(inCode.message).toContain(words("en").rounded);
    expect(checkExercise({ ...guess, byHand: true }, 7.3891).verdict).toBe("pass");
    useLanguage("zh-TW");
    expect(checkExercise({ ...guess, byHand: true }, close).message).toContain(
      "請把它四捨五入到小數點後 4 位",
    );
  });

  it("checkReport() gives the verdict line and the hint in zh-TW", () => {
    useLanguage("zh-TW");
    const todo = checkExercise(q1, TODO);
    expect(checkReport(todo, "哪一個矩陣？")).toBe(
      "… 練習 1.1：還沒完成，請把練習 1.1 裡的 TODO 換成你的答案。\n提示：哪一個矩陣？",
    );
    useLanguage("en");
    expect(checkReport(checkExercise(q1, [1, 1]), undefined)).toBe(
      "✓ Exercise 1.1: q1mine is right.",
    );
  });

  it("solution() prints the reference solution with its comments in the edition's words", () => {
    const printed = (lang: "en" | "zh-TW") => {
      useLanguage(lang);
      const spy = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        solution("3.3");
        return spy.mock.calls.map((c) => c.join(" ")).join("\n");
      } finally {
        spy.mockRestore();
      }
    };
    const zh = printed("zh-TW");
    expect(zh).toContain("參考解答");
    expect(zh).toContain("const b2mine = attendOne(1, inputs, weights).b; // 索引 1 = 第二個字");
    const en = printed("en");
    expect(en).toContain("a reference solution");
    expect(en).toContain("// index 1 = the second word");
  });

  it("useLanguage() refuses an edition the course does not have", () => {
    expect(() => useLanguage("fr" as "en")).toThrow('lang is "en" or "zh-TW", got "fr"');
  });
});
