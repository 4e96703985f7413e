// check()'s lines and the answer cell's names comment, broken between words to fit JupyterLab's width.
import { describe, expect, it } from "vitest";
import { columns, unwrap, wrap } from "../course/wrap.js";

const english =
  "✗ Exercise 1.1: q1mine equals Wk·a1, the key k1: a query is made with Wq. first difference at [0]: expected 1, got 0";
const chinese =
  "✗ 練習 1.1：q1mine 等於 Wk·a1，也就是 key k1。query 要用 Wq 算出來，所以請換成 Wq；第一個不同的元素在索引 0，應該是 1，你的答案是 0。";

describe("wrap", () => {
  it("wrap() breaks at spaces and after Chinese punctuation, no line wider than the width, and unwrap() gives the text back", () => {
    for (const text of [english, chinese, `${english}\nHint: ${chinese}`]) {
      const wrapped = wrap(text, 40);
      expect(wrapped.split("\n").length).toBeGreaterThan(text.split("\n").length);
      for (const line of wrapped.split("\n"))
        expect(columns(line.trimEnd())).toBeLessThanOrEqual(40);
      expect(unwrap(wrapped)).toBe(text);
    }
    // every word of the English text is still whole on some line
    const lines = wrap(english, 40).split("\n");
    for (const word of english.split(" ")) expect(lines.some((l) => l.includes(word))).toBe(true);
  });

  it("columns() counts a Chinese character as two; a word longer than the width stays whole", () => {
    expect(columns("ab練習")).toBe(6);
    expect(wrap("short averyveryverylongword end", 10).split("\n")).toEqual([
      "short ",
      "averyveryverylongword ",
      "end",
    ]);
  });

  it("wrap() with a prefix and trim makes every line a comment without trailing spaces", () => {
    const names =
      "// You may use the prelude's names and, from this lesson's cells above: Q, K, A, keysAll.";
    const lines = wrap(names, 40, { prefix: "// ", trim: true }).split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.startsWith("// ")).toBe(true);
      expect(line).toBe(line.trimEnd());
    }
  });
});
