// `npm run grade [notebooks or folders] [--class DIR] [--classroom] [--json] [--report FILE] [--watch] [--timeout S] [vitest options]`.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { BaseSequencer, createVitest, type TestSpecification } from "vitest/node";
import { ROOT } from "../build/paths.js";
import {
  compileNotebooks,
  defaultNotebookFolders,
  editionOf,
  notebookFiles,
  warmNotebookCompiler,
} from "../grader/grade.js";
import { notebookTests } from "../grader/plugin.js";
import { byLearner } from "../grader/learner.js";
import { CACHES, pruneCaches } from "../grader/cache-pruning.js";
import { endKeptForks, keptForks } from "../grader/kept-forks.js";
import GradeReporter from "../grader/reporter.js";
import type { GradeSettings } from "../grader/suite.js";

const USAGE = `usage: npm run grade -- [NOTEBOOK.ipynb | FOLDER]... [--class DIR [--out DIR]] [--classroom] [--json] [--report FILE] [--watch] [--again] [--timeout SECONDS] [vitest options]
  (default: every notebook in notebooks/, or in notebooks/zh-TW/, or both: the editions you have worked in;
   a notebook unchanged since it was last graded keeps its verdicts without running;
   --again runs every one and remembers its verdicts anew;
   vitest options such as -t 2.1, --reporter=junit or --outputFile are passed on)`;

/** What the command line asks for. */
interface Args {
  paths: string[];
  classDir?: string;
  out?: string;
  classroom: boolean;
  json: boolean;
  report?: string;
  watch: boolean;
  /** Run every notebook, remembered verdicts or not, and remember theirs anew. */
  again: boolean;
  timeoutMs: number;
  testNamePattern?: string;
  reporters: string[];
  outputFile?: string;
}

/** Reads the command line; a string is what to say before exiting with 2. */
function parse(argv: string[]): Args | string {
  const a: Args = {
    paths: [],
    classroom: false,
    json: false,
    watch: false,
    again: false,
    timeoutMs: 5000,
    reporters: [],
  };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg];
    const value = () => inline ?? argv[++k];
    if (flag === "--json") a.json = true;
    else if (flag === "--classroom") a.classroom = true;
    else if (flag === "--watch" || flag === "-w") a.watch = true;
    else if (flag === "--again") a.again = true;
    else if (flag === "--help" || flag === "-h") return USAGE;
    else if (
      ["--report", "--timeout", "--class", "--out", "-t", "--testNamePattern"].includes(
        flag ?? "",
      ) ||
      ["--reporter", "--outputFile"].includes(flag ?? "")
    ) {
      const v = value();
      if (!v) return `${flag} needs a value\n${USAGE}`;
      if (flag === "--report") a.report = resolve(v);
      else if (flag === "--class") a.classDir = resolve(v);
      else if (flag === "--out") a.out = resolve(v);
      else if (flag === "--reporter") a.reporters.push(v);
      else if (flag === "--outputFile") a.outputFile = resolve(v);
      else if (flag === "--timeout") {
        if (!(Number(v) > 0))
          return `--timeout takes a number of seconds above 0, got "${v}"\n${USAGE}`;
        a.timeoutMs = Math.round(Number(v) * 1000);
      } else a.testNamePattern = v;
    } else if (arg.startsWith("-")) return `unknown option ${arg}\n${USAGE}`;
    else a.paths.push(resolve(arg));
  }
  return a;
}

/**
 * Notebooks in the order of their paths, so that a worker grades a learner's notebooks one after
 * another in that learner's sandbox (vitest's own order, by size and past duration, would jump
 * between learners and start their sandboxes again and again).
 */
class InPathOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((x, y) => x.moduleId.localeCompare(y.moduleId));
  }
}

/** Every notebook under `dir`, at any depth (a learner's folder may hold both editions). */
function notebooksUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat || name.startsWith(".") || name === "node_modules") continue;
    if (stat.isDirectory()) out.push(...notebooksUnder(full));
    else if (name.endsWith(".ipynb") && !name.includes(".mine-")) out.push(full);
  }
  return out;
}

/** The deepest folder holding every file. */
function commonFolder(files: readonly string[]): string {
  let common = dirname(files[0] ?? ROOT);
  for (const f of files)
    while (common !== dirname(common) && !f.startsWith(common + sep)) common = dirname(common);
  return common;
}

async function main(argv: string[]): Promise<number> {
  const a = parse(argv);
  if (typeof a === "string") {
    (a === USAGE ? console.log : console.error)(a);
    return a === USAGE ? 0 : 2;
  }
  let files: string[];
  try {
    if (a.classDir) {
      if (!existsSync(a.classDir) || !statSync(a.classDir).isDirectory())
        return fail(`--class ${a.classDir}: no such folder (one subfolder per learner expected)`);
      files = notebooksUnder(a.classDir);
    } else files = notebookFiles(a.paths.length ? a.paths : defaultNotebookFolders());
  } catch (e) {
    return fail(String((e as Error).message));
  }
  if (files.length === 0)
    return fail(`no notebooks (*.ipynb) in ${a.classDir ?? a.paths.join(", ")}`);
  const base = process.cwd();
  const dir = commonFolder(files);
  const scratch = mkdtempSync(join(tmpdir(), "afz-grade-"));
  const lang = a.classDir
    ? undefined
    : editionOf(a.paths.length ? a.paths : defaultNotebookFolders());
  const ours = new GradeReporter({
    ...(lang ? { lang } : {}),
    json: a.json,
    classroom: a.classroom,
    watch: a.watch,
    ...(a.report ? { report: a.report } : {}),
    ...(a.classDir ? { classOut: a.out ?? join(base, "class-report") } : {}),
  });
  // a reporter of vitest's own writing to the screen replaces ours; writing to a file, it joins it
  const reporters =
    a.reporters.length === 0 ? [ours] : a.outputFile ? [ours, ...a.reporters] : a.reporters;
  const settings: GradeSettings = {
    timeoutMs: a.timeoutMs,
    scratch,
    base,
    remember: a.again ? "renew" : "use",
    ...(a.classDir ? { classDir: a.classDir } : {}),
  };
  // one test module per learner (their first notebook's), so that all of a learner's notebooks
  // run in one worker, in one sandbox, instead of wherever a free worker takes each, unless there
  // are fewer learners than workers (your own notebooks: as many modules as workers); watching,
  // each notebook is a module of its own, so that a save re-runs that notebook alone
  const workers = Math.max(1, availableParallelism());
  const groups = a.watch ? undefined : byLearner(files, a.classDir, workers);
  const modules = groups ? [...groups.keys()] : files;
  const vitest = await createVitest(
    "test",
    {
      config: false,
      root: ROOT,
      dir,
      include: modules.map((f) => relative(dir, f).split(sep).join("/")),
      watch: a.watch,
      reporters,
      ...(a.outputFile ? { outputFile: a.outputFile } : {}),
      ...(a.testNamePattern ? { testNamePattern: a.testNamePattern } : {}),
      // watching, a worker (its grader loaded, its sandboxes started) is kept for the next re-run
      pool: a.watch ? keptForks : "forks",
      isolate: false, // a worker keeps its compiler and its sandboxes from one notebook to the next
      maxWorkers: Math.min(workers, modules.length),
      testTimeout: 600_000,
      hookTimeout: 600_000,
      passWithNoTests: true,
      sequence: { sequencer: InPathOrder },
      // the grader's compiled code loads as Node loads it, not through vite's transform
      server: { deps: { external: [/[\\/]dist[\\/]/] } },
    },
    {
      plugins: [notebookTests(groups)],
      logLevel: "error",
      cacheDir: join(ROOT, "node_modules", ".vite-grade"),
    },
  );
  vitest.provide("grade", settings);
  const cleanUp = () => rmSync(scratch, { recursive: true, force: true });
  process.once("exit", () => {
    endKeptForks();
    cleanUp();
  });
  if (a.watch) {
    // stopped by a signal, it still ends its kept workers and their sandboxes ("exit" above)
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
      process.once(signal, () => process.exit(130));
    // a saved notebook's changed cells compile here, with the compiler kept warm below, before
    // vitest's re-run (100 ms later) hands the notebook to a worker, which then finds them compiled
    vitest.vite.watcher.on("change", (file: string) => {
      if (!file.endsWith(".ipynb")) return;
      try {
        compileNotebooks([file]);
      } catch {
        // the worker compiles it, and says what is wrong with it
      }
    });
  }
  await vitest.start();
  if (a.watch) {
    warmNotebookCompiler(files); // while the learner reads the first grading
    return 0; // vitest keeps watching until Ctrl+C
  }
  await vitest.close();
  pruneOldCaches();
  if (a.classDir || a.classroom) return 0;
  const failed =
    vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
  return a.reporters.length === 0 ? (ours.allPassed ? 0 : 1) : failed ? 1 : 0;
}

/** Deletes compiled cells and verdicts unused for two weeks (once a day); a failure only says so. */
function pruneOldCaches(): void {
  try {
    pruneCaches();
  } catch (e) {
    console.error(`grade: could not prune ${CACHES}: ${e instanceof Error ? e.message : e}`);
  }
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !process.argv.includes("--watch")) process.exit(code);
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
