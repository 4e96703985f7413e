// Checks the doc comments of a folder of source files: the layout of each, and every `// returns` example.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as mathjs from "mathjs";
import { describe, expect, it } from "vitest";
import { expectClose } from "./helpers.js";

interface Doc {
  file: string;
  name: string;
  kind: string;
  text: string;
}

/** Every exported function, class or const of dir/*.ts with the doc comment right above it. */
function docs(dir: string): Doc[] {
  const out: Doc[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".as.ts"))) {
    const source = readFileSync(join(dir, file), "utf8");
    const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export (function|class|const) (\w+)/g;
    for (const m of source.matchAll(re)) {
      out.push({ file, kind: m[2] as string, name: m[3] as string, text: m[1] ?? "" });
    }
  }
  return out;
}

/** Pairs of (expression, expected) from the `// returns` lines of a doc comment's examples. */
function examples(doc: Doc): { code: string; expected: string }[] {
  const body = doc.text.split("@example")[1] ?? "";
  return body
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, ""))
    .filter((line) => line.includes("// returns "))
    .map((line) => {
      const [code, expected] = line.split("// returns ");
      return { code: (code as string).trim(), expected: (expected as string).trim() };
    });
}

function decimals(text: string): number {
  const m = text.match(/\.(\d+)/g);
  return m ? Math.max(...m.map((d) => d.length - 1)) : 0;
}

/**
 * The tests for one folder: every runtime export of `index` is documented; every exported
 * function and class has a sentence, a formula, shapes and an example; every example returns what
 * it says (to the digits it shows). Examples run with `scope`'s names in scope.
 */
export function describeDocComments(
  label: string,
  dir: string,
  index: object,
  scope: Record<string, unknown>,
  /** Which exports need the whole layout; a const of plain data may need only a sentence. */
  layoutFor: readonly string[] = ["function", "class"],
): void {
  const all = docs(dir);
  describe(`${label} doc comments`, () => {
    it(`every runtime export of ${label}/index.ts has a doc comment`, () => {
      const documented = new Set(all.filter((d) => d.text.length > 0).map((d) => d.name));
      expect(Object.keys(index).filter((name) => !documented.has(name))).toEqual([]);
    });

    const functions = all.filter((d) => layoutFor.includes(d.kind));
    it.each(functions.map((d) => [`${d.file}: ${d.name}`, d] as const))(
      "%s has a sentence, a formula, shapes and an example",
      (_, d) => {
        expect(d.text, "doc comment").not.toBe("");
        expect(d.text).toMatch(/\/\*\*\s*\n\s*\* [A-Z]/);
        expect(d.text).toContain("Formula:");
        expect(d.text).toContain("Shapes:");
        expect(examples(d).length, "examples with // returns").toBeGreaterThan(0);
      },
    );

    const withExamples = all.flatMap((d) =>
      examples(d).map((ex) => [`${d.name}: ${ex.code}`, ex] as const),
    );
    it.each(withExamples)("example %s", (_, ex) => {
      const names = Object.keys(scope);
      const run = new Function(...names, `return (${ex.code});`) as (...args: unknown[]) => unknown;
      let got = run(...names.map((n) => scope[n]));
      if (mathjs.isMatrix(got)) got = got.toArray();
      if (got instanceof Float64Array) got = Array.from(got);
      const want: unknown = ex.expected === "undefined" ? undefined : JSON.parse(ex.expected);
      if (typeof want !== "number" && !Array.isArray(want)) {
        expect(got).toEqual(want);
        return;
      }
      expectClose(got, want, 0.5 * 10 ** -decimals(ex.expected) + 1e-12);
    });
  });
}
