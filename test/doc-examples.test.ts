// Runs every `@example` of src/ and of the single files in EXAMPLE_SOURCES, checks src/'s doc layout, and that no example is left out.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as library from "../src/index.js";
import {
  EXAMPLE_SOURCES,
  EXAMPLES_NOT_RUN,
  describeDocComments,
  describeExamples,
  filesOf,
  filesWithExamples,
  projectSources,
  root,
  scopeOf,
} from "./doc-comments.js";

describeDocComments("src", library, await scopeOf("src/"));

// fast/ runs in test/fast/doc-examples.test.ts; every other entry here.
for (const entry of EXAMPLE_SOURCES.filter((e) => e !== "src/" && e !== "fast/"))
  describeExamples(entry, await scopeOf(entry));

describe("EXAMPLE_SOURCES", () => {
  it("EXAMPLE_SOURCES and EXAMPLES_NOT_RUN name files and folders that exist", () => {
    const listed = [...EXAMPLE_SOURCES, ...Object.keys(EXAMPLES_NOT_RUN)];
    expect(listed.filter((e) => !existsSync(join(root, e)))).toEqual([]);
  });

  it("filesWithExamples(): every @example of the project runs, or EXAMPLES_NOT_RUN says why not", () => {
    const covered = new Set(EXAMPLE_SOURCES.flatMap(filesOf));
    const found = filesWithExamples();
    expect(found, "the scan sees course/todo.ts").toContain("course/todo.ts");
    expect(found.filter((f) => !covered.has(f) && !(f in EXAMPLES_NOT_RUN))).toEqual([]);
  });

  it('projectSources(): no doc comment writes "none" for its Formula or Shapes', () => {
    const placeholders = projectSources().filter((f) =>
      /(Formula|Shapes): *none\b/i.test(readFileSync(join(root, f), "utf8")),
    );
    expect(placeholders).toEqual([]);
  });
});
