// Runs every `@example` in src/ and checks its `// returns …`, and checks each export's doc layout.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as mathjs from "mathjs";
import { describe, expect, it } from "vitest";
import * as library from "../src/index.js";
import * as options from "../src/options.js";
import * as projection from "../src/projection.js";
import * as shape from "../src/shape.js";
import * as workedExample from "../src/worked-example.js";
import { expectClose } from "./helpers.js";

const SRC = join(import.meta.dirname, "..", "src");
const scope: Record<string, unknown> = {
  ...shape,
  ...options,
  ...projection,
  ...workedExample,
  ...library,
};

interface Doc {
  file: string;
  name: string;
  kind: string;
  text: string;
}

/** Every exported function, class or const of src/*.ts with the doc comment right above it. */
function docs(): Doc[] {
  const out: Doc[] = [];
  for (const file of readdirSync(SRC).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(join(SRC, file), "utf8");
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

const all = docs();

describe("doc comments", () => {
  it("every runtime export of src/index.ts has a doc comment", () => {
    const documented = new Set(all.filter((d) => d.text.length > 0).map((d) => d.name));
    const missing = Object.keys(library).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  const functions = all.filter((d) => d.kind === "function" || d.kind === "class");
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
    const want: unknown = ex.expected === "undefined" ? undefined : JSON.parse(ex.expected);
    if (typeof want !== "number" && !Array.isArray(want)) {
      expect(got).toEqual(want);
      return;
    }
    const tol = 0.5 * 10 ** -decimals(ex.expected) + 1e-12;
    expectClose(got, want, tol);
  });
});
