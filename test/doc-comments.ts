// Checks doc comments: the layout of each, and every `// returns` or `// throws` example, for the files in EXAMPLE_SOURCES.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import * as mathjs from "mathjs";
import { describe, expect, it } from "vitest";
import { expectClose } from "./helpers.js";

export const root = join(import.meta.dirname, "..");

/**
 * Where the examples run: a folder ("src/") stands for each of its .ts files, with every file of
 * the folder in scope; a file stands for itself, with its own exports in scope. A file of the
 * project with an `@example` that no entry covers fails "every @example … runs".
 */
export const EXAMPLE_SOURCES: readonly string[] = [
  "src/",
  "fast/",
  "build/ipynb.ts",
  "course/cell-names.ts",
  "course/compare.ts",
  "course/language.ts",
  "course/pictures.ts",
  "course/random.ts",
  "course/timing.ts",
  "course/thrown.ts",
  "course/todo.ts",
];

/** Files with examples that no test runs, each with the reason. */
export const EXAMPLES_NOT_RUN: Readonly<Record<string, string>> = {};

/**
 * The computations: what computes a step of attention. Each of their exported functions,
 * classes and consts needs a Formula line and a Shapes line. An entry is a file ("score.ts":
 * every export in it) or one export ("wasm.ts#wasmSelfAttention"). Every other export may
 * leave both lines out, and none may write "none" in them.
 */
export const COMPUTATIONS: Readonly<Record<string, readonly string[]>> = {
  src: [
    "matrix-input.ts",
    "matrix-output.ts",
    "matrix-projection.ts",
    "matrix-scores.ts",
    "options.ts",
    "output.ts",
    "projection.ts",
    "score.ts",
    "self-attention.ts",
    "softmax.ts",
    "vector-form.ts",
  ],
  fast: [
    "kernels.ts",
    "self-attention.ts#attentionWith",
    "self-attention.ts#fastSelfAttention",
    "self-attention.ts#projectChecked",
    "self-attention.ts#projectWith",
    "streaming.ts",
    "wasm.ts#wasmSelfAttention",
    "wasm.ts#wasmStreamingSelfAttention",
  ],
};

/** The files of each folder with no computation in them: with COMPUTATIONS, every file is one or the other. */
export const NOT_COMPUTATIONS: Readonly<Record<string, readonly string[]>> = {
  src: ["errors.ts", "index.ts", "messages.ts", "shape.ts", "worked-example.ts"],
  fast: ["backend.ts", "build-wasm.ts", "checks.ts", "index.ts", "mask.ts", "mat.ts"],
};

export interface Doc {
  file: string;
  name: string;
  kind: string;
  text: string;
}

/** Every exported function, class or const of a source text, with the doc comment right above it. */
export function docsIn(file: string, source: string): Doc[] {
  const re = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?export (?:async )?(function|class|const) (\w+)/g;
  return [...source.matchAll(re)].map((m) => ({
    file,
    kind: m[2] as string,
    name: m[3] as string,
    text: m[1] ?? "",
  }));
}

/** The .ts files of dir (not the AssemblyScript *.as.ts), by name. */
function tsFilesOf(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".as.ts"));
}

/** Every exported function, class or const of dir/*.ts with its doc comment. */
function docs(dir: string): Doc[] {
  return tsFilesOf(dir).flatMap((file) => docsIn(file, readFileSync(join(dir, file), "utf8")));
}

/** One example: an expression, and what it returns (a promise: what it resolves to) or throws. */
export interface Example {
  code: string;
  outcome: "returns" | "throws";
  expected: string;
}

/** The `// returns …` and `// throws "…"` lines of a doc comment's examples. */
export function examples(doc: Doc): Example[] {
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

/**
 * What is wrong with a doc comment's layout: empty when it has a sentence, an example with
 * `// returns` or `// throws`, a Formula line and a Shapes line if it documents a computation,
 * and no "none" in either line.
 */
export function layoutProblems(doc: Doc, computation: boolean): string[] {
  if (doc.text === "") return ["no doc comment"];
  const problems: string[] = [];
  if (!/\/\*\*\s*\n\s*\* [A-Z]/.test(doc.text)) problems.push("no sentence first");
  if (computation && !doc.text.includes("Formula:")) problems.push("no Formula: line");
  if (computation && !doc.text.includes("Shapes:")) problems.push("no Shapes: line");
  for (const m of doc.text.matchAll(/(Formula|Shapes): *(none|n\/a|-|—)\b/gi))
    problems.push(`"${m[0]}" stands in for a line it could leave out`);
  if (examples(doc).length === 0) problems.push("no example with // returns or // throws");
  return problems;
}

/** Whether x is a number or an array of arrays … of numbers: compared to the digits shown. */
function numbersOnly(x: unknown): boolean {
  return typeof x === "number" || (Array.isArray(x) && x.every(numbersOnly));
}

function decimals(text: string): number {
  const m = text.match(/\.(\d+)/g);
  return m ? Math.max(...m.map((d) => d.length - 1)) : 0;
}

/** The value a `// returns` or `// throws` line writes: a JavaScript literal such as `[1, 2]`, `{ a: "x" }` or `undefined`. */
function literal(text: string): unknown {
  return (new Function(`return (${text});`) as () => unknown)();
}

/** Checks that one example returns what it says (to the digits it shows), or throws the message it quotes. */
export async function expectExample(ex: Example, scope: Record<string, unknown>): Promise<void> {
  const names = Object.keys(scope);
  const run = new Function(...names, `return (${ex.code});`) as (...args: unknown[]) => unknown;
  if (ex.outcome === "throws") {
    let message: unknown = "nothing was thrown";
    try {
      await run(...names.map((n) => scope[n]));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(literal(ex.expected));
    return;
  }
  let got = await run(...names.map((n) => scope[n]));
  if (mathjs.isMatrix(got)) got = got.toArray();
  if (got instanceof Float64Array) got = Array.from(got);
  const want = literal(ex.expected);
  if (!numbersOnly(want)) {
    expect(got).toEqual(want);
    return;
  }
  expectClose(got, want, 0.5 * 10 ** -decimals(ex.expected) + 1e-12);
}

/** Every .ts file of the project outside node_modules/, dist/, artifacts/, notebooks/ and test/, not following links. */
export function projectSources(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    const skipped = ["node_modules", "dist", "artifacts", "notebooks", "test"];
    if (name.startsWith(".") || skipped.includes(name) || lstatSync(full).isSymbolicLink())
      return [];
    if (lstatSync(full).isDirectory()) return projectSources(full);
    return name.endsWith(".ts") ? [relative(root, full).split("\\").join("/")] : [];
  });
}

/** The project's .ts files (not AssemblyScript's *.as.ts) that have an `@example`. */
export function filesWithExamples(): string[] {
  return projectSources().filter(
    (f) => !f.endsWith(".as.ts") && readFileSync(join(root, f), "utf8").includes("@example"),
  );
}

/** The project's files an entry of EXAMPLE_SOURCES stands for. */
export function filesOf(entry: string): string[] {
  return entry.endsWith("/") ? tsFilesOf(join(root, entry)).map((f) => `${entry}${f}`) : [entry];
}

/** The names an entry's examples run with: every export of every file it stands for, and `extra`. */
export async function scopeOf(
  entry: string,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const modules = await Promise.all(
    filesOf(entry).map(
      (f) => import(pathToFileURL(join(root, f)).href) as Promise<Record<string, unknown>>,
    ),
  );
  return Object.assign({}, ...modules, extra) as Record<string, unknown>;
}

/** The tests that every example of the files an entry stands for returns or throws what it says. */
export function describeExamples(entry: string, scope: Record<string, unknown>): void {
  const withExamples = filesOf(entry).flatMap((file) =>
    docsIn(file, readFileSync(join(root, file), "utf8")).flatMap((d) =>
      examples(d).map((ex) => [`${ex.code} (${file}, ${d.name})`, ex] as const),
    ),
  );
  describe(`${entry} examples`, () => {
    it(`examples(): ${entry} has examples to run`, () => {
      expect(withExamples.length).toBeGreaterThan(0);
    });
    it.each(withExamples)("%s", async (_, ex) => {
      await expectExample(ex, scope);
    });
  });
}

/**
 * The layout tests for one folder: every runtime export of `index` is documented; every exported
 * function and class (or kind in `layoutFor`) has a sentence and an example, a computation
 * (COMPUTATIONS[label]) a formula and shapes too; then every example of the folder runs.
 */
export function describeDocComments(
  label: "src" | "fast",
  index: object,
  scope: Record<string, unknown>,
  /** Which exports need the whole layout; a const of plain data may need only a sentence. */
  layoutFor: readonly string[] = ["function", "class"],
): void {
  const dir = join(root, label);
  const all = docs(dir);
  const computations = COMPUTATIONS[label] ?? [];
  const isComputation = (d: Doc) =>
    computations.includes(d.file) || computations.includes(`${d.file}#${d.name}`);
  describe(`${label} doc comments`, () => {
    it(`docsIn(): every runtime export of ${label}/index.ts has a doc comment`, () => {
      const documented = new Set(all.filter((d) => d.text.length > 0).map((d) => d.name));
      expect(Object.keys(index).filter((name) => !documented.has(name))).toEqual([]);
    });

    it(`COMPUTATIONS.${label} names only files and exports that exist`, () => {
      const known = new Set(all.flatMap((d) => [d.file, `${d.file}#${d.name}`]));
      expect(computations.filter((c) => !known.has(c))).toEqual([]);
    });

    it(`COMPUTATIONS.${label} and NOT_COMPUTATIONS.${label}: each file of ${label}/ is in one, or in part in the first`, () => {
      const others = NOT_COMPUTATIONS[label] ?? [];
      const listed = [...computations.map((c) => c.split("#")[0]), ...others];
      expect(tsFilesOf(dir).filter((f) => !listed.includes(f))).toEqual([]);
      expect(others.filter((f) => computations.some((c) => c.split("#")[0] === f))).toEqual([]);
    });

    const checked = all.filter((d) => layoutFor.includes(d.kind) || isComputation(d));
    it.each(checked.map((d) => [`${d.file}: ${d.name}`, d] as const))(
      "layoutProblems(%s) finds nothing",
      (_, d) => {
        expect(layoutProblems(d, isComputation(d))).toEqual([]);
      },
    );
  });
  describeExamples(`${label}/`, scope);
}
