// Runs every `@example` in src/fast/*.ts and checks its `// returns …`, and checks each export's doc layout.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as mathjs from "mathjs";
import { describe, expect, it } from "vitest";
import * as checks from "../../src/fast/checks.js";
import * as fast from "../../src/fast/index.js";
import * as mask from "../../src/fast/mask.js";
import { expectClose } from "../helpers.js";

const DIR = join(import.meta.dirname, "..", "..", "src", "fast");
const scope: Record<string, unknown> = { ...checks, ...mask, ...fast };

interface Doc {
  file: string;
  name: string;
  kind: string;
  text: string;
}

/** Every exported function or const of src/fast/*.ts with the doc comment right above it. */
function docs(): Doc[] {
  const out: Doc[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(DIR, file), "utf8");
    const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export (function|const) (\w+)/g;
    for (const m of source.matchAll(re)) {
      out.push({ file, kind: m[2] as string, name: m[3] as string, text: m[1] ?? "" });
    }
  }
  return out;
}

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

const all = docs();

describe("src/fast doc comments", () => {
  it("every runtime export of src/fast/index.ts has a doc comment", () => {
    const documented = new Set(all.filter((d) => d.text.length > 0).map((d) => d.name));
    expect(Object.keys(fast).filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each(all.map((d) => [`${d.file}: ${d.name}`, d] as const))(
    "%s has a sentence, a formula, shapes and an example",
    (_, d) => {
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
