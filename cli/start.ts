// `npm start`: finds JupyterLab (the project's own in .venv/, else one on PATH) or installs it into
// .venv/, registers the course kernel in the project's .jupyter folder and opens the first notebook.
import { LANGUAGES, type Language } from "../course/language.js";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { jupyterPathWith, PROJECT_JUPYTER } from "../kernel/install.js";
import { defaultChoice, NOTEBOOK_KERNEL, writeKernelSpec } from "../kernel/spec.js";
import { NOTEBOOKS, ROOT } from "../build/paths.js";
import { JUPYTER_LAB, VENV } from "./python.js";
import { ensureVenv, findPython, noPythonMessage, oldEnough } from "./venv.js";
import { linkLibraries } from "../build/workspace.js";

export const FIRST_NOTEBOOK = "notebooks/00-start-here.ipynb";

/**
 * The edition to open and the arguments left for Jupyter: `--lang <edition>` (or `--lang=…`)
 * when given, else zh-TW when the locale (LC_ALL, LC_MESSAGES, LANG) is Taiwan's, else English.
 * Throws, naming the editions, for any other `--lang`.
 */
export function chooseEdition(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { edition: Language; rest: string[] } {
  const rest: string[] = [];
  let asked: string | undefined;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    if (a === "--lang") asked = argv[++k] ?? "";
    else if (a.startsWith("--lang=")) asked = a.slice("--lang=".length);
    else rest.push(a);
  }
  if (asked !== undefined) {
    const edition = LANGUAGES.find((e) => e.toLowerCase() === asked.toLowerCase());
    if (!edition)
      throw new Error(
        `--lang ${JSON.stringify(asked)}: the course comes in ${LANGUAGES.join(" and ")} (e.g. npm start -- --lang zh-TW)`,
      );
    return { edition, rest };
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return { edition: /^zh[_-](TW|Hant)/i.test(locale) ? "zh-TW" : "en", rest };
}

/** The notebook an edition opens with: its start-here lesson, or English's while it has none. */
export function firstNotebook(edition: Language): string {
  const zh = "notebooks/zh-TW/00-start-here.ipynb";
  return edition === "zh-TW" && existsSync(join(ROOT, zh)) ? zh : FIRST_NOTEBOOK;
}
/** The pinned JupyterLab that `npm start` installs when it finds none. */
const REQUIREMENTS = join(ROOT, "requirements", "jupyter.txt");
/** What that costs, as measured with the pinned file (Python 3.11, Linux). */
const DOWNLOAD = "about 50 MB to download, 250 MB on disk, a minute or two";

/** Whether `command --version` runs. */
function runs(command: string): boolean {
  const r = spawnSync(command, ["--version"], { stdio: "ignore" });
  return !r.error && r.status === 0;
}

/** The JupyterLab to use: the project's own in .venv/ if it is there, else `jupyter-lab` on PATH. */
function findJupyterLab(): { command: string; where: "venv" | "path" } | null {
  if (existsSync(JUPYTER_LAB) && runs(JUPYTER_LAB)) return { command: JUPYTER_LAB, where: "venv" };
  if (runs("jupyter-lab")) return { command: "jupyter-lab", where: "path" };
  return null;
}

/** Jupyter's arguments: the first notebook, the learner's own, and --allow-root where it is needed. */
export function labArgs(
  argv: readonly string[],
  isRoot = process.getuid?.() === 0,
  first = FIRST_NOTEBOOK,
): string[] {
  const args = [first, ...argv];
  if (isRoot && !argv.includes("--allow-root")) args.push("--allow-root");
  return args;
}

function main(all: string[]): number {
  const dryRun = process.env.ATTENTION_DRY_RUN === "1";
  let edition: Language;
  let argv: string[];
  try {
    ({ edition, rest: argv } = chooseEdition(all));
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  const first = firstNotebook(edition);
  if (edition === "zh-TW" && first === FIRST_NOTEBOOK)
    console.log("The zh-TW edition has no notebooks yet, so the English one opens.");
  let lab = findJupyterLab();
  let install: string | undefined;
  if (!lab) {
    const python = findPython();
    if (!python || !oldEnough(python.version)) {
      console.error(noPythonMessage(python));
      return 1;
    }
    console.log(
      [
        "JupyterLab is not installed here, so npm start installs it for this project only:",
        `  into ${relative(ROOT, VENV) || VENV}/, the exact versions in ${relative(ROOT, REQUIREMENTS)} (${DOWNLOAD}).`,
        "  Later starts reuse it; delete that folder to remove it.",
      ].join("\n"),
    );
    install = REQUIREMENTS;
    if (!dryRun) {
      const made = ensureVenv(REQUIREMENTS, VENV);
      if (!made.ok) {
        console.error(made.message);
        return 1;
      }
    }
    lab = { command: JUPYTER_LAB, where: "venv" };
  }
  for (const dir of [NOTEBOOKS, join(NOTEBOOKS, "zh-TW")].filter((d) => existsSync(d)))
    for (const link of linkLibraries(dir)) console.log(`linked ${link}`);
  const choice = defaultChoice();
  writeKernelSpec(PROJECT_JUPYTER, NOTEBOOK_KERNEL, choice);
  const env = { ...process.env, JUPYTER_PATH: jupyterPathWith(PROJECT_JUPYTER) };
  const args = labArgs(argv, undefined, first);
  if (args.includes("--allow-root") && !argv.includes("--allow-root"))
    console.log(
      "You are running as root (as in a container), so --allow-root is added: without it Jupyter refuses to start.",
    );
  console.log(
    `Opening the ${edition === "zh-TW" ? "繁體中文 (zh-TW) edition of the " : ""}course in JupyterLab (${lab.where === "venv" ? `the project's own, in ${relative(ROOT, VENV) || VENV}/` : "yours, from your PATH"}; ` +
      `kernel: ${choice === "course" ? "the course kernel" : "tslab"}).`,
  );
  if (dryRun) {
    console.log(
      JSON.stringify({ command: lab.command, args, JUPYTER_PATH: env.JUPYTER_PATH, install }),
    );
    return 0;
  }
  const child = spawnIgnoringGroupInterrupt(lab.command, args, env);
  stopWith(child);
  child.on("exit", (code) => {
    process.exitCode = code ?? 0;
  });
  return 0;
}

/**
 * Starts Jupyter. Without a terminal, Jupyter takes SIGINT as a KeyboardInterrupt that ends it at
 * once, leaving its kernels running; a SIGINT sent to the whole process group (by a process
 * manager, an IDE's stop button, `kill -INT -PGID`) would reach it before the clean stop this
 * process sends. So there Jupyter starts with SIGINT ignored (a shell's `trap '' INT`, kept across
 * `exec`, which Python leaves as it is) and stops only as `stopWith` tells it. In a terminal,
 * Jupyter's own Ctrl-C handling stays.
 */
function spawnIgnoringGroupInterrupt(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const options = { cwd: ROOT, env, stdio: "inherit" as const };
  if (process.stdin.isTTY || process.platform === "win32") return spawn(command, args, options);
  return spawn("sh", ["-c", `trap '' INT; exec "$0" "$@"`, command, ...args], options);
}

/** How often to look whether `npm start` (this process's parent) is still there. */
const PARENT_POLL_MS = 500;

/**
 * Stops Jupyter, shutting its kernels down, when `npm start` is stopped: on SIGINT, SIGTERM or
 * SIGHUP, and when this process loses its parent (npm passes a signal on to the shell that runs
 * this script, which ends without passing it on). Jupyter is sent SIGTERM, its own clean stop:
 * a SIGINT would make it ask for confirmation in a terminal, and without one, end at once and
 * leave its kernels running.
 */
function stopWith(child: ChildProcess): void {
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop();
  }, PARENT_POLL_MS);
  child.on("exit", () => clearInterval(watch));
}

if (process.argv[1]?.endsWith(join("cli", "start.js")))
  process.exitCode = main(process.argv.slice(2));
