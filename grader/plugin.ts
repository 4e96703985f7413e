// The vitest plugin that makes a notebook (.ipynb) a test module: one test per exercise of its lesson.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "vite";
import { ROOT } from "../build/paths.js";

/** The module every notebook's test module calls, compiled. */
const SUITE = pathToFileURL(join(ROOT, "dist", "grader", "suite.js")).href;

/** Turns a notebook into `gradeSuite(file)`, so that vitest runs, filters, watches and reports it as any test file. */
export function notebookTests(): Plugin {
  return {
    name: "attention-from-zero:notebooks",
    enforce: "pre",
    load(id) {
      const file = id.split("?")[0] ?? id;
      if (!file.endsWith(".ipynb")) return null;
      this.addWatchFile(file);
      return `import { gradeSuite } from ${JSON.stringify(SUITE)};\ngradeSuite(${JSON.stringify(file)});\n`;
    },
  };
}
