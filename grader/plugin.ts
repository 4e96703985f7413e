// The vitest plugin that makes a notebook (.ipynb) a test module: one test per exercise of its lesson.
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "vite";
import { ROOT } from "../build/paths.js";

/** The module every notebook's test module calls, compiled. */
const SUITE = pathToFileURL(join(ROOT, "dist", "grader", "suite.js")).href;

/**
 * Turns a notebook into `gradeSuite(file)`, so that vitest runs, filters, watches and reports it as
 * any test file. With `groups` (a class: a learner's first notebook → all of theirs), the first
 * notebook's module grades all of that learner's notebooks, in order, in one worker.
 */
export function notebookTests(groups?: ReadonlyMap<string, readonly string[]>): Plugin {
  return {
    name: "attention-from-zero:notebooks",
    enforce: "pre",
    load(id) {
      const file = id.split("?")[0] ?? id;
      if (!file.endsWith(".ipynb")) return null;
      const files = groups?.get(resolve(file)) ?? [file];
      const lines = [`import { gradeSuite } from ${JSON.stringify(SUITE)};`];
      for (const f of files) {
        this.addWatchFile(f);
        lines.push(`gradeSuite(${JSON.stringify(f)});`);
      }
      return `${lines.join("\n")}\n`;
    },
  };
}
