// The zh-TW edition, and every Chinese word anywhere in the course, is written in Traditional
// characters: OpenCC's Simplified→Traditional table tells which characters exist only in Simplified.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import stCharacters from "opencc-js/dict/STCharacters";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

/** Characters whose Traditional forms do not include themselves: 们 (們), 这 (這), and 后, which stands for 後. */
const SIMPLIFIED_ONLY: ReadonlySet<string> = new Set(
  stCharacters
    .split("|")
    .map((entry) => entry.split(" "))
    .filter(([s, ...t]) => s !== undefined && !t.includes(s))
    .map(([s]) => s as string),
);

/** The Simplified-only characters of `text`, each once, in order. */
function simplifiedOnly(text: string): string[] {
  return [...new Set([...text].filter((c) => SIMPLIFIED_ONLY.has(c)))];
}

/** Every text file git tracks whose words a learner reads: lessons, code, notebooks, docs. */
function courseFiles(): string[] {
  return execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.(md|ts|ipynb|py|json)$/.test(f) && f !== "package-lock.json")
    .filter((f) => f !== "test/traditional.test.ts"); // its samples are Simplified on purpose
}

describe("Traditional characters only", () => {
  it("simplifiedOnly() finds 们, 这 and 后 but lets 後, 矩陣, 向量 and 正規化 pass", () => {
    expect(SIMPLIFIED_ONLY.size).toBeGreaterThan(2000);
    expect(simplifiedOnly("我们这样算矩阵")).toEqual(["们", "这", "样", "阵"]);
    expect(simplifiedOnly("之后")).toEqual(["后"]);
    expect(simplifiedOnly("之後、矩陣、向量、純量、正規化、堆疊、乘上、相加")).toEqual([]);
  });

  it("simplifiedOnly() finds no Simplified-only character in any lesson, message or notebook", () => {
    const found = courseFiles()
      .map((f) => ({ f, chars: simplifiedOnly(readFileSync(join(root, f), "utf8")) }))
      .filter((x) => x.chars.length > 0)
      .map((x) => `${x.f}: ${x.chars.join(" ")}`);
    expect(found).toEqual([]);
  });
});
