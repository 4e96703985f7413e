// A translated lesson: prose only, its code and exercises from the English lesson.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { parseLesson } from "../build/lesson.js";
import {
  codeSkeleton,
  lessonStamp,
  parseTranslation,
  stampLine,
  translateLesson,
} from "../build/translation.js";

const fence = "```";
const english = [
  "# 1. Queries",
  "",
  "Some prose.",
  "",
  "## The code",
  "",
  `${fence}ts`,
  "const q1 = query(Wq, a1); // the first query",
  'show(q1, "q1, the first query");',
  fence,
  "",
  "More prose.",
  "",
  `${fence}exercise 1.1`,
  "title: q1",
  "answer: q1mine",
  "kind: value",
  "expected: query(Wq, a1)",
  "hint: Which matrix?",
  "hint: q1 = Wq·a1",
  "hint: const q1mine = query(___, a1);",
  fence,
  "",
  `${fence}ts starter 1.1`,
  "const q1mine = TODO; // TODO: compute q1 = Wq·a1",
  fence,
  "",
  `${fence}ts solution 1.1`,
  "const q1mine = query(Wq, a1); // (2×3)·(3) → (2), the first query",
  fence,
  "",
  `${fence}ts wrong 1.1`,
  "// says: That is q2.",
  "const q1mine = query(Wq, a2);",
  fence,
  "",
  "## After",
  "",
  "The end.",
  "",
].join("\n");

const stamp = lessonStamp(english);
const translated = (body: string[]) =>
  [stampLine("zh-TW", "01-queries", stamp), ...body, ""].join("\n");
const good = [
  "# 1. Query",
  "",
  "一些說明。",
  "",
  "## 程式碼",
  "",
  `${fence}ts`,
  fence,
  "",
  "更多說明。",
  "",
  `${fence}exercise 1.1`,
  "title: q1，第一個詞的 query",
  "todo: 算出 q1 = Wq·a1",
  "hint: 哪一個矩陣？",
  "hint: q1 = Wq·a1",
  "hint: const q1mine = query(___, a1);",
  "says: 這是 q2。",
  fence,
  "",
  "## 之後",
  "",
  "結束。",
];

const lesson = parseLesson(english, "lessons/01-queries.md");
const zh = (body: string[]) =>
  translateLesson(
    lesson,
    parseTranslation(translated(body), "lessons/zh-TW/01-queries.md", "zh-TW"),
  );

describe("translateLesson", () => {
  it("translateLesson() takes the prose, title, hints and messages from the translation and the code from the English lesson", () => {
    const out = zh(good);
    expect(out.title).toBe("1. Query");
    expect(out.blocks.map((b) => b.kind)).toEqual(lesson.blocks.map((b) => b.kind));
    const code = out.blocks.find((b) => b.kind === "code");
    expect(code).toEqual(lesson.blocks.find((b) => b.kind === "code"));
    const [e] = out.exercises;
    expect(e?.title).toBe("q1，第一個詞的 query");
    expect(e?.hints[0]).toBe("哪一個矩陣？");
    expect(e?.wrong[0]?.says).toBe("這是 q2。");
    expect(e?.solution).toBe("const q1mine = query(Wq, a1); // (2×3)·(3) → (2), the first query");
    expect(e?.starter).toBe("const q1mine = TODO; // TODO: 算出 q1 = Wq·a1");
    expect(out.blocks.filter((b) => b.kind === "markdown").map((b) => b.source)).toContain(
      "## 之後\n\n結束。",
    );
  });

  it("translateLesson() names the line where a section of the English lesson is missing", () => {
    expect(() => zh(good.slice(0, -4))).toThrow(
      /zh-TW\/01-queries\.md \(at its end\): expected the translation of the prose "## After"/,
    );
  });

  it("translateLesson() names a code cell left out", () => {
    const noCode = good.filter((_, k) => k !== 6 && k !== 7);
    expect(() => zh(noCode)).toThrow(/expected the translation of the code cell "const q1 = query/);
  });

  it("translateLesson() rejects code in a translation", () => {
    const withCode = [...good.slice(0, 7), "const q1 = 1;", ...good.slice(7)];
    expect(() => zh(withCode)).toThrow(/:9: a translation holds no code/);
  });

  it("translateLesson() wants every hint and message of an exercise", () => {
    expect(() => zh(good.filter((l) => !l.startsWith("says:")))).toThrow(
      /exercise 1\.1 has 0 "says:" lines; the English lesson has 1/,
    );
    expect(() => zh(good.filter((l) => l !== "hint: q1 = Wq·a1"))).toThrow(
      /exercise 1\.1 has 2 hints; the English lesson has 3/,
    );
    expect(() => zh(good.filter((l) => !l.startsWith("todo:")))).toThrow(
      /exercise 1\.1 has 0 "todo:" lines; the English starter has 1 "\/\/ TODO: …" comments/,
    );
  });

  it("translateLesson() refuses a section too many", () => {
    expect(() => zh([...good, "", "## 多出來的一節", "", "文字。"])).toThrow(
      /01-queries\.md:26: the English lesson lessons\/01-queries\.md has no block here/,
    );
  });

  it("translateLesson() keeps a shell fence as part of the prose", () => {
    const withShell = [...good.slice(0, 3), `${fence}sh`, "npm start", fence, ...good.slice(3)];
    expect(zh(withShell).blocks[0]).toEqual({
      kind: "markdown",
      source: `# 1. Query\n\n一些說明。\n${fence}sh\nnpm start\n${fence}`,
    });
  });

  it("translateLesson() words a code cell's comments and strings from its - / + pairs, and keeps its code", () => {
    const k = good.indexOf(`${fence}ts`) + 1;
    const pairs = ["- the first query", "+ 第一個 query"];
    const code = zh([...good.slice(0, k), ...pairs, ...good.slice(k)]).blocks.find(
      (b) => b.kind === "code",
    );
    expect(code?.kind === "code" && code.source).toBe(
      'const q1 = query(Wq, a1); // 第一個 query\nshow(q1, "q1, 第一個 query");',
    );
  });

  it("translateLesson() words an exercise's solution from the pairs in its block", () => {
    const k = good.indexOf("says: 這是 q2。");
    const pairs = ["- the first query", "+ 第一個 query"];
    const [e] = zh([...good.slice(0, k), ...pairs, ...good.slice(k)]).exercises;
    expect(e?.solution).toBe("const q1mine = query(Wq, a1); // (2×3)·(3) → (2), 第一個 query");
    expect(e?.hints).toHaveLength(3);
  });

  it.each([
    [
      ["- the second query", "+ 第二個 query"],
      /:9: the code cell "const q1 = query\(Wq, a1\); \/\/ the first query" has no "the second query": the English code changed/,
    ],
    [
      ["- query(Wq, a1)", "+ key(Wk, a1)"],
      /:9: "query\(Wq, a1\)" in the code cell .* is code, not the words of a comment or a string/,
    ],
    [['- (q1, "q1', '+ (q2, "q1'], /is code, not the words of a comment or a string/],
    [
      ["- the first query"],
      /:10: "- the first query" needs the next line to be its translation, "\+ …"/,
    ],
    [["+ 第一個 query"], /:9: a "\+ …" line follows the "- …" line it translates/],
  ])("translateLesson() refuses code words %j", (pairs, error) => {
    const k = good.indexOf(`${fence}ts`) + 1;
    expect(() => zh([...good.slice(0, k), ...pairs, ...good.slice(k)])).toThrow(error);
  });

  it("codeSkeleton() keeps the code and drops the words of comments, strings and template text", () => {
    expect(codeSkeleton('f("a, b", \'c\'); // note\n/* block */ g(`x ${h("y")} z`);')).toBe(
      'f("", \'\'); //\n/**/ g(`${h("")}`);',
    );
    expect(codeSkeleton("const o = { a: `${{ b: 1 }.b}` };")).toBe(
      "const o = { a: `${{ b: 1 }.b}` };",
    );
    expect(codeSkeleton('s = "say \\"hi\\""; t')).toBe('s = ""; t');
  });

  it("parseTranslation() needs the stamp line", () => {
    expect(() => parseTranslation(good.join("\n"), "x.md", "zh-TW")).toThrow(
      /x\.md:1: a zh-TW lesson starts with the line <!-- zh-TW edition of/,
    );
  });

  it("lessonStamp() changes with any change to the English lesson", () => {
    expect(lessonStamp(english)).toMatch(/^[0-9a-f]{12}$/);
    expect(lessonStamp(english.replace("Some prose.", "Some prose!"))).not.toBe(stamp);
    expect(parseTranslation(translated(good), "x.md", "zh-TW").stamp).toBe(stamp);
  });
});

describe("generate() with a translated lesson", () => {
  const dir = mkdtempSync(join(tmpdir(), "lessons-"));
  mkdirSync(join(dir, "zh-TW"));
  writeFileSync(join(dir, "01-queries.md"), english);
  writeFileSync(join(dir, "zh-TW", "01-queries.md"), translated(good));
  type Nb = { cells: { id: string; source: string[] }[]; metadata: Record<string, unknown> };
  const read = (text: string | undefined) => JSON.parse(text ?? "{}") as Nb;
  const source = (nb: Nb) => nb.cells.map((c) => c.source.join(""));

  it("generate() writes zh-TW/<slug>.ipynb with the same code cells and ids, in Chinese", () => {
    const out = generate({ dir });
    const en = read(out.notebooks.get("01-queries.ipynb"));
    const zhNb = read(out.notebooks.get("zh-TW/01-queries.ipynb"));
    expect(zhNb.cells.map((c) => c.id)).toEqual(en.cells.map((c) => c.id));
    const codeOf = (nb: Nb) => source(nb).filter((s) => s.includes("query(Wq, a1)"));
    expect(codeOf(zhNb)).toContain(
      'const q1 = query(Wq, a1); // the first query\nshow(q1, "q1, the first query");',
    );
    expect(source(zhNb)[0]).toContain("lessons/zh-TW/01-queries.md");
    expect(source(zhNb)[1]).toContain('useLanguage("zh-TW");');
    expect(source(en)[1]).not.toContain("useLanguage");
    expect(source(zhNb).join("\n")).toContain("## 程式碼");
    expect(zhNb.metadata.attention_from_zero).toMatchObject({ lang: "zh-TW" });
    expect(out.translations).toEqual([expect.objectContaining({ lang: "zh-TW", stale: false })]);
  });

  it("generate() marks a translation stale once its English lesson changes", () => {
    writeFileSync(join(dir, "01-queries.md"), english.replace("Some prose.", "Other prose."));
    expect(generate({ dir }).translations[0]?.stale).toBe(true);
    writeFileSync(join(dir, "01-queries.md"), english);
  });
});

/**
 * Where a paragraph of `markdown` breaks a line next to a Chinese character: a browser shows such a
 * soft break as a space inside the sentence.
 */
function cjkSoftBreaks(markdown: string): string[] {
  const cjk = /[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/;
  const found: string[] = [];
  for (const token of new MarkdownIt().parse(markdown, {})) {
    const parts = token.children ?? [];
    parts.forEach((part, k) => {
      if (part.type !== "softbreak") return;
      const before = parts[k - 1]?.content ?? "";
      const after = parts[k + 1]?.content ?? "";
      if (cjk.test(before.slice(-1)) || cjk.test(after.slice(0, 1)))
        found.push(`${before.slice(-12)}⏎${after.slice(0, 12)}`);
    });
  }
  return found;
}

describe("the zh-TW notebooks' prose", () => {
  it("cjkSoftBreaks() finds a line broken inside a Chinese sentence, and not one between English words", () => {
    expect(cjkSoftBreaks("一個句子\n接著寫")).toEqual(["一個句子⏎接著寫"]);
    expect(cjkSoftBreaks("an English\nsentence\n\n一段。\n\n另一段。")).toEqual([]);
  });

  it("generate(): no zh-TW notebook breaks a line inside a Chinese sentence", () => {
    for (const [file, text] of generate().notebooks) {
      if (!file.startsWith("zh-TW/")) continue;
      const cells = (JSON.parse(text) as { cells: { cell_type: string; source: string[] }[] })
        .cells;
      const markdown = cells
        .filter((c) => c.cell_type === "markdown")
        .map((c) => c.source.join(""));
      expect(markdown.flatMap(cjkSoftBreaks), file).toEqual([]);
    }
  });
});
