// `npm run site`: builds the course as a static JupyterLite site in site/, from this repository
// alone. JupyterLite comes from requirements/site.txt in the project's .venv/; the kernel
// extension (lite/extension/) is compiled and built here against JupyterLite's own core packages;
// the engine bundle (dist/lite/, from `npm run lite:engine`) is served beside the extension; the
// contents are both editions' notebooks. `npm run site -- --serve` then serves site/ on 127.0.0.1.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { NOTEBOOKS, ROOT } from "../build/paths.js";
import { JUPYTER_LITE, PYTHON, VENV } from "./python.js";
import { serveStatic } from "./static-server.js";
import { ensureVenv } from "./venv.js";

/** Where the site is built. */
export const SITE = join(ROOT, "site");
/** The engine bundle and its files, as `npm run lite:engine` leaves them. */
const ENGINE = join(ROOT, "dist", "lite");
/** Intermediate files of the site build. */
const WORK = join(ROOT, "dist", "site-build");
const EXTENSION = join(ROOT, "lite", "extension");
const EXTENSION_NAME = "@attention-from-zero/lite-kernel";
const LABEXTENSIONS = join(WORK, "labextensions");
const LABEXTENSION = join(LABEXTENSIONS, EXTENSION_NAME);
const LITE_DIR = join(WORK, "lite");
/** The marker of our service worker, which wraps JupyterLite's own. */
const OFFLINE_MARK = "// attention-from-zero offline worker";

function run(command: string, args: string[], what: string): void {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (r.error || r.status !== 0)
    throw new Error(
      `${what} failed (${command} ${args.join(" ")}): ${r.error?.message ?? `exit ${r.status}`}`,
    );
}

/** The newest modification time of the files under `path`. */
function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** JupyterLite's site builder in .venv/, installed from requirements/site.txt when it is missing. */
function ensureJupyterLite(): void {
  if (existsSync(JUPYTER_LITE)) return;
  const made = ensureVenv(join(ROOT, "requirements", "site.txt"), VENV);
  if (!made.ok) throw new Error(made.message);
}

/**
 * The core packages the extension is built against: the package.json of JupyterLite's own lab app
 * (its shared packages and their versions), from the app archive in the pinned jupyterlite-core.
 */
function corePackages(): string {
  const dir = join(WORK, "core");
  const file = join(dir, "package.json");
  const r = spawnSync(PYTHON, [
    "-c",
    "import jupyterlite_core, pathlib; print(next(pathlib.Path(jupyterlite_core.__file__).parent.glob('jupyterlite-app-*.tgz')))",
  ]);
  const archive = r.stdout?.toString().trim();
  if (!archive || r.status !== 0)
    throw new Error("cannot find JupyterLite's app archive in .venv/");
  if (!existsSync(file) || statSync(file).mtimeMs < statSync(archive).mtimeMs) {
    mkdirSync(dir, { recursive: true });
    const lab = spawnSync("tar", ["xzf", archive, "-O", "package/lab/package.json"]);
    if (lab.status !== 0) throw new Error(`cannot read package/lab/package.json from ${archive}`);
    writeFileSync(file, lab.stdout);
  }
  return dir;
}

/** Compiles and builds the kernel extension into LABEXTENSION, unless it is newer than its sources. */
function buildExtension(): void {
  const sources = Math.max(
    newest(join(EXTENSION, "src")),
    newest(join(EXTENSION, "package.json")),
    newest(join(ROOT, "lite", "protocol.ts")),
    newest(join(ROOT, "course", "words.ts")),
    newest(join(ROOT, "kernel", "names.ts")),
  );
  const built = join(LABEXTENSION, "package.json");
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  const core = corePackages();
  run(
    process.execPath,
    [
      join(ROOT, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      join(EXTENSION, "tsconfig.json"),
    ],
    "compiling the kernel extension",
  );
  run(
    process.execPath,
    [
      join(ROOT, "node_modules", "@jupyterlab", "builder", "lib", "build-labextension.js"),
      "--core-path",
      core,
      EXTENSION,
    ],
    "building the kernel extension",
  );
}

/** What the engine bundle is built from: when none is newer than it, it is not built again. */
const ENGINE_SOURCES = [
  "src",
  "course",
  "fast",
  "lite/engine",
  "lite/build-engine.ts",
  "lite/protocol.ts",
  "kernel",
  "package-lock.json",
];

/**
 * Builds the engine bundle (`npm run lite:engine`) when a source is newer than it, then copies it
 * next to the extension's own files, where the kernel looks for it.
 */
function copyEngine(): void {
  const bundle = join(ENGINE, "engine.js");
  const sources = Math.max(...ENGINE_SOURCES.map((p) => newest(join(ROOT, p))));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources)
    run(
      process.platform === "win32" ? "npm.cmd" : "npm",
      ["run", "--silent", "lite:engine"],
      "building the engine",
    );
  const target = join(LABEXTENSION, "static", "engine");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(bundle, join(target, "engine.js"));
}

/** The lite folder: settings, page options and both editions' notebooks as contents. */
function writeLiteDir(): void {
  const contents = join(LITE_DIR, "contents");
  rmSync(contents, { recursive: true, force: true });
  for (const edition of ["", "zh-TW"]) {
    const from = join(NOTEBOOKS, edition);
    mkdirSync(join(contents, edition), { recursive: true });
    for (const name of readdirSync(from).filter((n) => n.endsWith(".ipynb")))
      cpSync(join(from, name), join(contents, edition, name));
  }
  cpSync(join(ROOT, "lite", "site", "overrides.json"), join(LITE_DIR, "overrides.json"));
  cpSync(join(ROOT, "lite", "site", "jupyter-lite.json"), join(LITE_DIR, "jupyter-lite.json"));
  const config = {
    LiteBuildConfig: {
      apps: ["lab"],
      contents: ["contents"],
      ignore_sys_prefix: true,
      no_sourcemaps: true,
      no_unused_shared_packages: true,
      output_dir: SITE,
    },
    FederatedExtensionAddon: { extra_labextensions_path: [LABEXTENSIONS] },
  };
  writeFileSync(join(LITE_DIR, "jupyter_lite_config.json"), JSON.stringify(config, null, 2));
}

/** The part of a jupyter-lite.json that the site build sets. */
interface LiteConfig {
  "jupyter-config-data": { disabledExtensions?: string[] };
}

/** The tag that starts the engine as JupyterLab's page loads (lite/site/warm-engine.js). */
const WARM_ENGINE_TAG = '<script src="../warm-engine.js"></script>';

/**
 * The landing page; our service worker in front of JupyterLite's (which it loads); and the script
 * that starts the engine, loaded first by JupyterLab's page.
 */
function writeSitePages(): void {
  cpSync(join(ROOT, "lite", "site", "index.html"), join(SITE, "index.html"));
  cpSync(join(ROOT, "lite", "site", "warm-engine.js"), join(SITE, "warm-engine.js"));
  // jupyter lite build merges our settings into those of the site it built before, adding to its
  // lists: the extensions disabled are exactly ours
  const config = join(SITE, "jupyter-lite.json");
  const site = JSON.parse(readFileSync(config, "utf8")) as LiteConfig;
  const ours = JSON.parse(
    readFileSync(join(ROOT, "lite", "site", "jupyter-lite.json"), "utf8"),
  ) as LiteConfig;
  site["jupyter-config-data"].disabledExtensions =
    ours["jupyter-config-data"].disabledExtensions ?? [];
  writeFileSync(config, `${JSON.stringify(site, null, 2)}\n`);
  const lab = join(SITE, "lab", "index.html");
  const page = readFileSync(lab, "utf8");
  if (!page.includes(WARM_ENGINE_TAG)) {
    if (!/<head>/.test(page)) throw new Error(`${lab} has no <head> to load the engine from`);
    writeFileSync(lab, page.replace(/<head>/, `<head>\n    ${WARM_ENGINE_TAG}`));
  }
  const worker = join(SITE, "service-worker.js");
  const theirs = join(SITE, "jupyterlite-service-worker.js");
  if (existsSync(worker) && !readFileSync(worker, "utf8").startsWith(OFFLINE_MARK))
    cpSync(worker, theirs);
  cpSync(join(ROOT, "lite", "site", "offline-worker.js"), worker);
}

/** Builds site/ and returns how long it took in ms. */
export function buildSite(): number {
  const start = performance.now();
  ensureJupyterLite();
  buildExtension();
  copyEngine();
  writeLiteDir();
  const lite = spawnSync(JUPYTER_LITE, ["build", "--lite-dir", LITE_DIR], {
    cwd: LITE_DIR,
    stdio: "inherit",
  });
  if (lite.error || lite.status !== 0) throw new Error("jupyter lite build failed (see above)");
  writeSitePages();
  return performance.now() - start;
}

async function main(argv: string[]): Promise<number> {
  const ms = buildSite();
  console.log(`Built the site in ${relative(ROOT, SITE)}/ in ${(ms / 1000).toFixed(1)} s.`);
  if (!argv.includes("--serve")) return 0;
  const port = Number(argv[argv.indexOf("--port") + 1]) || 8000;
  const site = await serveStatic(SITE, argv.includes("--port") ? port : 8000);
  console.log(`Serving the course at ${site.url} (Ctrl+C to stop).`);
  return new Promise(() => {});
}

if (process.argv[1]?.endsWith(join("cli", "site.js")))
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
