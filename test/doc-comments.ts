// Checks the doc comments of a folder of source files: the layout of each, and every `// returns` or `// throws` example.
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
function docs(dir: string, only?: readonly string[]): Doc[] {
  const out: Doc[] = [];
  const wanted = (f: string) =>
    f.endsWith(".ts") && !f.endsWith(".as.ts") && (!only || only.includes(f));
  for (const file of readdirSync(dir).filter(wanted)) {
    const source = readFileSync(join(dir, file), "utf8");
    const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export (?:async )?(function|class|const) (\w+)/g;
    for (const m of source.matchAll(re)) {
      out.push({ file, kind: m[2] as string, name: m[3] as string, text: m[1] ?? "" });
    }
  }
  return out;
}

/** One example: an expression, and what it returns (a promise: what it resolves to) or throws. */
interface Example {
  code: string;
  outcome: "returns" | "throws";
  expected: string;
}

/** The `// returns …` and `// throws "…"` lines of a doc comment's examples. */
function examples(doc: Doc): Example[] {
  const body = doc.text.split("@example")[1] ?? "";
  return body
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").match(/^(.*?)\/\/ (returns|throws) (.*)$/))
    .filter((m) => m !== null)
    .map((m) => ({
      code: (m[1] as string).trim(),
      outcome: m[2] as Example["outcome"],
      expected: (m[3] as string).trim(),
    }));
}

function decimals(text: string): number {
  const m = text.match(/\.(\d+)/g);
  return m ? Math.max(...m.map((d) => d.length - 1)) : 0;
}

/**
 * The tests for one folder: every runtime export of `index` is documented; every exported
 * function and class has a sentence, a formula, shapes and an example; every example returns what
 * it says (to the digits it shows), or throws the message it quotes. Examples run with `scope`'s
 * names in scope.
 */
export function describeDocComments(
  label: string,
  dir: string,
  index: object,
  scope: Record<string, unknown>,
  /** Which exports need the whole layout; a const of plain data may need only a sentence. */
  layoutFor: readonly string[] = ["function", "class"],
  /** False where Formula and Shapes lines are written only when there is a formula or real shapes. */
  formulaAlways = true,
  /** Only these files of dir (all its .ts files when not given). */
  only?: readonly string[],
): void {
  const all = docs(dir, only);
  describe(`${label} doc comments`, () => {
    it(`every runtime export of ${label}/index.ts has a doc comment`, () => {
      const documented = new Set(all.filter((d) => d.text.length > 0).map((d) => d.name));
      expect(Object.keys(index).filter((name) => !documented.has(name))).toEqual([]);
    });

    const functions = all.filter((d) => layoutFor.includes(d.kind));
    it.each(functions.map((d) => [`${d.file}: ${d.name}`, d] as const))(
      formulaAlways
        ? "%s has a sentence, a formula, shapes and an example"
        : "%s has a sentence and an example",
      (_, d) => {
        expect(d.text, "doc comment").not.toBe("");
        expect(d.text).toMatch(/\/\*\*\s*\n\s*\* [A-Z]/);
        if (formulaAlways) {
          expect(d.text).toContain("Formula:");
          expect(d.text).toContain("Shapes:");
        }
        expect(examples(d).length, "examples with // returns or // throws").toBeGreaterThan(0);
      },
    );

    const withExamples = all.flatMap((d) =>
      examples(d).map((ex) => [`${d.name}: ${ex.code}`, ex] as const),
    );
    it.each(withExamples)("example %s", async (_, ex) => {
      const names = Object.keys(scope);
      const run = new Function(...names, `return (${ex.code});`) as (...args: unknown[]) => unknown;
      if (ex.outcome === "throws") {
        let message: unknown = "nothing was thrown";
        try {
          run(...names.map((n) => scope[n]));
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toBe(JSON.parse(ex.expected));
        return;
      }
      let got = await run(...names.map((n) => scope[n]));
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
