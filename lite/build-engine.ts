// Builds the in-browser kernel's engine, dist/lite/engine.js: one script for a Web Worker with
// tslab's TypeScript, mathjs, the engine (lite/engine/) and every file the compiler reads inlined:
// TypeScript's lib files and mathjs's types as the Node kernel reads them, the worker's globals
// (lite/engine/node-types/) in place of @types/node, the library's and course's declarations, and
// their JavaScript exactly as tslab compiles it for the Node kernel. `npm run lite:engine`; nothing is fetched when it runs.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { build, type Plugin } from "esbuild";
import { ROOT } from "../kernel/project.js";

const fromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));
type TS = typeof import("@tslab/typescript-for-tslab");
const ts = fromTslab("@tslab/typescript-for-tslab") as TS;
/** TypeScript's own setter of `ts.sys` (internal, but exported: `ts.sys` is a getter). */
const setSys = (ts as unknown as { setSys(sys: TS["sys"]): void }).setSys;
const NOTEBOOKS = join(ROOT, "notebooks");
/** The engine's bundle, which the site serves beside the extension. */
export const ENGINE_FILE = join(ROOT, "dist", "lite", "engine.js");
/** The installed packages whose files the compiler reads go under this folder of the in-memory system. */
const NODE_MODULES = join(ROOT, "node_modules");
/**
 * Of what the Node kernel's compiler reads from node_modules, the engine keeps these packages.
 * Not @types/node: a cell in a worker has no node, and its 2.3 MB took most of the start-up.
 */
const KEPT_PACKAGES =
  /^\/node_modules\/(@tslab\/typescript-for-tslab\/lib\/lib\.|mathjs\/|decimal\.js\/|fraction\.js\/|typed-function\/)/;
/** The worker's globals, which the compiler finds where it looks for @types/node (see the file). */
const WORKER_GLOBALS = join(ROOT, "lite", "engine", "node-types", "index.d.ts");

/** The worker's globals as a package at /node_modules/@types/node/, the type root tslab's converter uses. */
function workerGlobals(): Record<string, string> {
  return {
    "/node_modules/@types/node/package.json": JSON.stringify({
      name: "@types/node",
      types: "index.d.ts",
    }),
    "/node_modules/@types/node/index.d.ts": readFileSync(WORKER_GLOBALS, "utf8"),
  };
}

/** The modules a notebook may import: src/, course/ and fast/ but for what needs node (the wasm loader). */
export function notebookModules(): string[] {
  return ["src", "course", "fast"].flatMap((folder) =>
    readdirSync(join(ROOT, folder))
      .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".as.ts"))
      .map((name) => `${folder}/${name}`)
      .filter((file) => !usesNode(file)),
  );
}

/** Whether `file` (or a project file it imports) imports one of node's modules. */
function usesNode(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(join(ROOT, file), "utf8");
  if (/from "node:/.test(text)) return true;
  return [...text.matchAll(/from "(\.\.?\/[^"]+)\.js"/g)].some((m) =>
    usesNode(relative(ROOT, join(ROOT, file, "..", `${m[1]}.ts`)), seen),
  );
}

/** The options tslab's converter compiles with (converter.js), for the declarations. */
function converterOptions(): import("@tslab/typescript-for-tslab").CompilerOptions {
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    emitDeclarationOnly: true,
    newLine: ts.NewLineKind.LineFeed,
    experimentalDecorators: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    rootDir: NOTEBOOKS,
    outDir: "/declarations",
  };
}

/**
 * Compiles every notebook module with tslab's converter, exactly as the Node kernel does for a
 * cell that imports them all: their JavaScript (by path under the notebook folder), and every
 * file the compiler read on the way (by absolute path).
 */
function compileAsTheNodeKernel(modules: string[]): {
  js: Record<string, string>;
  read: Set<string>;
} {
  const node = ts.sys;
  const read = new Set<string>();
  const sys: typeof node = Object.create(node);
  sys.getCurrentDirectory = () => NOTEBOOKS;
  sys.readFile = (path, encoding) => {
    const text = node.readFile(path, encoding);
    if (text !== undefined) read.add(path);
    return text;
  };
  setSys(sys);
  try {
    const converterModule = fromTslab(
      "./dist/converter.js",
    ) as typeof import("tslab/dist/converter.js");
    const converter = converterModule.createConverter({ isJS: false, isBrowser: false });
    const cell = modules.map((m, i) => `import * as m${i} from "./${m.replace(/\.ts$/, "")}";`);
    const result = converter.convert("", cell.join("\n"));
    converter.close();
    if (result.diagnostics.length > 0)
      throw new Error(
        `the notebook modules do not compile: ${JSON.stringify(result.diagnostics[0])}`,
      );
    const js = Object.fromEntries(
      (result.sideOutputs ?? []).map((side) => [relative(NOTEBOOKS, side.path), side.data]),
    );
    return { js, read };
  } finally {
    setSys(node);
  }
}

/** The declaration files of the notebook modules, by path under the notebook folder ("src/index.d.ts"). */
function declarationsOf(modules: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const program = ts.createProgram(
    modules.map((m) => join(NOTEBOOKS, m)),
    converterOptions(),
  );
  const emitted = program.emit(undefined, (file, text) => {
    out[relative("/declarations", file)] = text;
  });
  if (emitted.emitSkipped) throw new Error("the notebook modules' declarations were not emitted");
  return out;
}

/** Every file the engine carries: the compiler's files by absolute path, the notebook folder's relative to it. */
export function engineFiles(): {
  declarations: Record<string, string>;
  modules: Record<string, string>;
  mathjsNames: string[];
} {
  const modules = notebookModules();
  const { js, read } = compileAsTheNodeKernel(modules);
  const declarations = declarationsOf(modules);
  for (const path of read) {
    if (!path.startsWith(`${NODE_MODULES}/`)) continue;
    const at = `/node_modules/${relative(NODE_MODULES, path)}`;
    if (KEPT_PACKAGES.test(at)) declarations[at] = readFileSync(path, "utf8");
  }
  const mathjsNames = Object.keys(createRequire(import.meta.url)("mathjs") as object);
  return { declarations: { ...declarations, ...workerGlobals() }, modules: js, mathjsNames };
}

/** Hands `files` to the bundle as the module "lite-engine-files", and node's util as node-inspect-extracted. */
function enginePlugin(files: ReturnType<typeof engineFiles>): Plugin {
  return {
    name: "attention-from-zero-engine",
    setup(b) {
      b.onResolve({ filter: /^lite-engine-files$/ }, () => ({
        path: "files",
        namespace: "engine",
      }));
      b.onLoad({ filter: /.*/, namespace: "engine" }, () => ({
        contents: JSON.stringify(files),
        loader: "json",
      }));
      b.onResolve({ filter: /^node:util$/ }, () => ({
        path: createRequire(import.meta.url).resolve("node-inspect-extracted"),
      }));
    },
  };
}

/** Builds dist/lite/engine.js; returns its size in bytes and what went into it. */
export async function buildEngine(): Promise<{ bytes: number; files: number; ms: number }> {
  const started = Date.now();
  const files = engineFiles();
  mkdirSync(join(ROOT, "dist", "lite"), { recursive: true });
  await build({
    entryPoints: [join(ROOT, "lite", "engine", "worker.ts")],
    outfile: ENGINE_FILE,
    bundle: true,
    format: "iife",
    globalName: "AttentionFromZeroEngine",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    alias: {
      path: join(ROOT, "lite", "engine", "paths.ts"),
      semver: join(ROOT, "lite", "engine", "semver.ts"),
      // mathjs's create(all), which makes each function when it is first read (lite/engine/mathjs.ts)
      "mathjs-default-instance": join(NODE_MODULES, "mathjs", "lib", "cjs", "defaultInstance.js"),
    },
    // TypeScript's node system is never used in a worker: its requires stay unresolved
    external: [
      "fs",
      "os",
      "crypto",
      "buffer",
      "perf_hooks",
      "inspector",
      "module",
      "vm",
      "source-map-support",
      "@microsoft/typescript-etw",
    ],
    define: {
      "process.browser": "true",
      "process.version": '"v20.20.0"',
      __dirname: '"/node_modules/tslab/dist"',
    },
    plugins: [enginePlugin(files)],
  });
  return {
    bytes: statSync(ENGINE_FILE).size,
    files: Object.keys(files.declarations).length + Object.keys(files.modules).length,
    ms: Date.now() - started,
  };
}

if (process.argv[1]?.endsWith(join("lite", "build-engine.js"))) {
  const built = await buildEngine();
  console.log(
    `built ${relative(ROOT, ENGINE_FILE)}: ${(built.bytes / 1024 / 1024).toFixed(2)} MB, ${built.files} files inlined, in ${built.ms} ms`,
  );
}
