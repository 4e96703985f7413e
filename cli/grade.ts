// `npm run grade [notebooks or folders] [--json] [--report FILE] [--watch] [--timeout S]`: grades with vitest.
import { spawnSync } from "node:child_process";
import { existsSync, statSync, watch } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { compileNotebooks, defaultNotebookFolders, editionOf } from "../grader/grade.js";
import { ROOT } from "../build/paths.js";
import { type Words, words } from "../course/words.js";

const USAGE = `usage: npm run grade -- [NOTEBOOK.ipynb | FOLDER]... [--json] [--report FILE] [--watch] [--timeout SECONDS] [vitest options]
  (default: every notebook in notebooks/, or in notebooks/zh-TW/, or both: the editions you have worked in; vitest options such as -t 2.1 or --reporter=junit are passed on)`;

/** vitest options whose value is the next argument, when not given as --option=value. */
const TAKES_VALUE = new Set(["-t", "--testNamePattern", "--reporter", "--outputFile", "--bail"]);

function main(argv: string[]): number {
  const paths: string[] = [];
  const env: Record<string, string> = {};
  const passOn: string[] = []; // vitest's own options: -t 2.1, --reporter=junit, --outputFile …
  let watch = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    if (a === "--json") env.GRADE_JSON = "1";
    else if (a === "--watch") watch = true;
    else if (a === "--report" || a === "--timeout") {
      const v = argv[++k];
      if (!v) {
        console.error(`${a} needs a value\n${USAGE}`);
        return 2;
      }
      if (a === "--report") env.GRADE_REPORT = resolve(v);
      else if (!(Number(v) > 0)) {
        console.error(`--timeout takes a number of seconds above 0, got "${v}"\n${USAGE}`);
        return 2;
      } else env.GRADE_TIMEOUT_MS = String(Math.round(Number(v) * 1000));
    } else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith("-")) {
      passOn.push(a);
      if (TAKES_VALUE.has(a) && argv[k + 1] !== undefined) passOn.push(argv[++k] as string);
    } else paths.push(resolve(a));
  }
  if (paths.length) env.GRADE_PATHS = JSON.stringify(paths);
  const lang = editionOf(paths.length ? paths : defaultNotebookFolders());
  if (lang) env.GRADE_LANG = lang;
  const vitest = resolve(ROOT, "node_modules", "vitest", "vitest.mjs");
  const grade = () =>
    spawnSync(process.execPath, [vitest, "run", "--config", "vitest.grade.config.ts", ...passOn], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ...env },
    }).status ?? 1;
  if (!watch) return grade();
  watchAndGrade(paths.length ? paths : defaultNotebookFolders(), grade, words(lang ?? "en"));
  return 0;
}

/**
 * Grades now, then again whenever a notebook among `paths` is saved (a few saves in a row count
 * as one). The watchers are set up first, so that a save during a grading run is not missed.
 * This process keeps TypeScript's compiler warm and compiles a saved notebook's cells before each
 * re-grade, so that the grading run itself only runs them.
 */
function watchAndGrade(paths: string[], grade: () => number, w: Words): void {
  let timer: NodeJS.Timeout | undefined;
  const run = (changed: string | null) => {
    if (changed) console.log(`\n${w.gradingAgain(basename(changed))}`);
    try {
      compileNotebooks(changed ? [changed] : paths);
    } catch {
      // the grading run compiles what is left and reports any problem itself
    }
    grade();
    console.log(`\n${w.watching}`);
  };
  const again = (file: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(file), 100);
  };
  for (const p of paths) {
    const dir = existsSync(p) && statSync(p).isDirectory() ? p : dirname(p);
    const only = dir === p ? null : basename(p);
    watch(dir, (_event, name) => {
      const file = name?.toString() ?? null;
      if (!file?.endsWith(".ipynb") || file.includes(".mine-")) return;
      if (only === null || file === only) again(join(dir, file));
    });
  }
  run(null);
}

process.exitCode = main(process.argv.slice(2));
