// The doc-comment checker itself: it finds what is wrong with a bad comment and a wrong example.
import { describe, expect, it } from "vitest";
import { docsIn, examples, expectExample, layoutProblems } from "./doc-comments.js";

/** The one doc comment of a source text with an exported function f. */
function docOf(comment: string) {
  const [doc] = docsIn("f.ts", `${comment}\nexport function f() {}\n`);
  if (doc === undefined) throw new Error("no export found");
  return doc;
}

const good = docOf(`/**
 * Doubles a number.
 *
 * Formula: y = 2·x
 * Shapes: x (a scalar) → y (a scalar)
 *
 * @example
 * f(2) // returns 4
 */`);

describe("the doc-comment checker", () => {
  it("layoutProblems() finds nothing in a complete comment, computation or not", () => {
    expect(layoutProblems(good, true)).toEqual([]);
    expect(layoutProblems(good, false)).toEqual([]);
  });

  it("layoutProblems() asks a computation for its Formula and Shapes, and nothing else for them", () => {
    const bare = docOf("/**\n * Doubles a number.\n *\n * @example\n * f(2) // returns 4\n */");
    expect(layoutProblems(bare, true)).toEqual(["no Formula: line", "no Shapes: line"]);
    expect(layoutProblems(bare, false)).toEqual([]);
  });

  it('layoutProblems() refuses "Formula: none" and "Shapes: none" everywhere', () => {
    const none = docOf(
      "/**\n * Doubles a number.\n *\n * Formula: none.\n * Shapes: none.\n *\n * @example\n * f(2) // returns 4\n */",
    );
    expect(layoutProblems(none, false)).toHaveLength(2);
    expect(layoutProblems(none, true)).toHaveLength(2);
  });

  it("layoutProblems() names a missing comment, sentence or example", () => {
    expect(layoutProblems(docOf(""), false)).toEqual(["no doc comment"]);
    expect(layoutProblems(docOf("/**\n * doubles.\n */"), false)).toEqual([
      "no sentence first",
      "no example with // returns or // throws",
    ]);
  });

  it("examples() reads returns and throws lines after @example only", () => {
    const doc = docOf(
      '/**\n * Doubles.\n * f(0) // returns 9, above the examples\n *\n * @example\n * f(2) // returns 4\n * g() // throws "no"\n */',
    );
    expect(examples(doc)).toEqual([
      { code: "f(2)", outcome: "returns", expected: "4" },
      { code: "g()", outcome: "throws", expected: '"no"' },
    ]);
  });

  it("expectExample() fails on a wrong result, a wrong digit, a wrong message and no throw", async () => {
    const scope = {
      f: (x: number) => 2 * x,
      g: () => {
        throw new Error("no");
      },
    };
    await expectExample({ code: "f(2)", outcome: "returns", expected: "4" }, scope);
    await expectExample({ code: "g()", outcome: "throws", expected: '"no"' }, scope);
    await expectExample({ code: "f(0.5)", outcome: "returns", expected: "1.0" }, scope);
    const wrong = [
      ["f(2)", "returns", "5"],
      ["f(0.5)", "returns", "1.01"],
      ["f(2)", "returns", "[4]"],
      ["f(2)", "returns", '"4"'],
      ["g()", "throws", '"yes"'],
      ["f(2)", "throws", '"no"'],
    ] as const;
    for (const [code, outcome, expected] of wrong)
      await expect(expectExample({ code, outcome, expected }, scope), code).rejects.toThrow();
  });
});
