// The README's commands are the ones CI runs, and its worked numbers are the library's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { attendOne } from "../src/index.js";
import { inputs, weights } from "../src/worked-example.js";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe("README", () => {
  it("README.md's test command is the command .ci/run runs", () => {
    const ci = readFileSync(join(root, ".ci", "run"), "utf8");
    const testCommand = readme.match(/\|\s*run the tests\s*\|\s*`([^`]+)`\s*\|/)?.[1];
    expect(testCommand, "README row 'run the tests'").toBeDefined();
    const ciLines = ci.split("\n").map((l) => l.trim());
    expect(ciLines).toContain(testCommand);
  });

  it("README.md shows check() with the one argument it takes, and the library frame a runtime error shows", () => {
    expect(readme).not.toMatch(/check\("\d+\.\d+",/);
    expect(readme).toContain('`check("1.1")`');
    expect(readme).toContain("at score (library: src/score.ts)");
  });

  it("attendOne(0, …).b is the b1 README.md prints", () => {
    const b1 = attendOne(0, inputs, weights).b.toArray() as number[];
    const shown = b1.map((x) => x.toFixed(3)).join(", ");
    expect(readme).toContain(`≈ [${shown}]`);
  });

  it("README.md's count of exercises is the number the lessons hold", () => {
    const count = generate().lessons.reduce((n, l) => n + l.exercises.length, 0);
    expect(readme).toMatch(new RegExp(`exercises \\(${count} in all\\b`));
  });
});
