// Remembers what tslab's compiler made of each cell, so that grading a notebook again compiles only what changed.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Converter, ConvertResult, WrapConverter } from "../kernel/tslab.js";
import { ROOT } from "../build/paths.js";
import { CACHES, touch } from "./cache-pruning.js";
import { compileFromSnapshot } from "./snapshot.js";

/** Where compilations are kept: beside the installed packages, so a fresh install starts empty. */
export const CACHE = join(CACHES, "cells");

export const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** Every .ts file below `dir` (following the notebooks' links to src/, fast/ and course/), sorted. */
function sources(dir: string, depth = 0): string[] {
  if (!existsSync(dir) || depth > 4) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) out.push(...sources(full, depth + 1));
    else if (name.endsWith(".ts")) out.push(full);
  }
  return out;
}

/**
 * What a cell's compilation depends on besides its own text and the declarations before it: the
 * compiler's version, the notebook folder, every TypeScript file a cell can import from there
 * (src/, fast/, course/ and the folder's own), and the versions of the type packages.
 */
export function fingerprint(folder: string): string {
  const need = createRequire(join(ROOT, "package.json"));
  const version = (pkg: string) => {
    try {
      return (need(`${pkg}/package.json`) as { version: string }).version;
    } catch {
      return "none";
    }
  };
  const tslab = createRequire(need.resolve("tslab/package.json"));
  const parts = [
    `tslab ${version("tslab")}`,
    `typescript ${(tslab("@tslab/typescript-for-tslab/package.json") as { version: string }).version}`,
    `node ${process.versions.node.split(".")[0]}`,
    `mathjs ${version("mathjs")}`,
    `@types/node ${version("@types/node")}`,
    `folder ${realpathSync(folder)}`,
  ];
  for (const file of sources(folder)) parts.push(`${file}\n${readFileSync(file, "utf8")}`);
  return sha(parts.join("\n\0"));
}

export function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/** Writes whole or not at all, so that two graders at once never read half a file. */
export function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, file);
}

/** The cache folder of the compilations made under `key` (a fingerprint). */
const cacheDir = (key: string) => join(CACHE, key.slice(0, 16));

/**
 * Keeps compiled local modules (src/…, course/…) under `key`: the compiler hands each over only
 * once, with the first cell that imports it, and every later run takes them from here.
 */
export function keepModules(key: string, found: readonly { path: string; data: string }[]): void {
  for (const m of found) writeJson(join(cacheDir(key), "modules", `${sha(m.path)}.json`), m);
}

/**
 * A converter for tslab's executor that answers from the cache and asks tslab's own compiler
 * (created only then) for what it has not seen. The compiled local modules (src/…, course/…) are
 * kept apart and all handed over with the first cell, each exactly once, as the executor expects.
 */
export function cachedConverter(folder: string, key = fingerprint(folder)): WrapConverter {
  const dir = cacheDir(key);
  const modules = join(dir, "modules");
  mkdirSync(modules, { recursive: true });
  return (create) => {
    let real: Converter | undefined;
    const compiler = () => (real ??= create());
    const given = new Map<string, string>();
    const read = new Set<string>(); // module files already taken from the cache
    const handOver = (found: { path: string; data: string }[]) => {
      const fresh = found.filter((m) => given.get(m.path) !== m.data);
      for (const m of fresh) given.set(m.path, m.data);
      return fresh;
    };
    return {
      convert(prevDecl: string, src: string): ConvertResult {
        const file = join(dir, `${sha(`${prevDecl}\0${src}`)}.json`);
        let result = readJson<ConvertResult>(file);
        if (result) touch(file);
        else {
          result = compiler().convert(prevDecl, src);
          keepModules(key, result.sideOutputs ?? []);
          writeJson(file, { ...result, sideOutputs: undefined });
        }
        const known = readdirSync(modules)
          .filter((f) => f.endsWith(".json") && !read.has(f))
          .map((f) => {
            read.add(f);
            touch(join(modules, f));
            return readJson<{ path: string; data: string }>(join(modules, f));
          })
          .filter((m): m is { path: string; data: string } => m !== null);
        const sideOutputs = handOver([...known, ...(result.sideOutputs ?? [])]);
        return sideOutputs.length ? { ...result, sideOutputs } : { ...result, sideOutputs: [] };
      },
      inspect: (prevDecl, src, position) => compiler().inspect(prevDecl, src, position),
      complete: (prevDecl, src, position) => compiler().complete(prevDecl, src, position),
      addModule: (name, content, meta) => compiler().addModule(name, content, meta),
      close: () => real?.close(),
    };
  };
}

const compilers = new Map<string, Converter>();

/** tslab's compiler and the TypeScript it bundles: what compiling a cell needs of them. */
export interface TslabModules {
  ts: { sys: { getCurrentDirectory(): string } };
  createConverter(o: { isJS: boolean; isBrowser: boolean }): Converter;
}
let tslabModules: TslabModules | undefined;

/** Uses these modules of tslab's rather than loading them (a startup snapshot bundles its own). */
export function useTslabModules(m: TslabModules): void {
  tslabModules = m;
}

function tslab(): TslabModules {
  if (tslabModules) return tslabModules;
  const need = createRequire(import.meta.url);
  const fromTslab = createRequire(need.resolve("tslab/package.json"));
  tslabModules = {
    ts: fromTslab("@tslab/typescript-for-tslab") as TslabModules["ts"],
    createConverter: (need("tslab/dist/converter.js") as TslabModules).createConverter,
  };
  return tslabModules;
}

/**
 * Runs `work` as if the process had started in `folder`: tslab's compiler reads the notebook folder
 * from the working directory, and its TypeScript remembers the first one it saw, so both are set.
 */
function inFolder<T>(folder: string, work: () => T): T {
  const sys = tslab().ts.sys;
  const before = { cwd: process.cwd(), get: sys.getCurrentDirectory };
  process.chdir(folder);
  sys.getCurrentDirectory = () => folder.replace(/\\/g, "/");
  try {
    return work();
  } finally {
    process.chdir(before.cwd);
    sys.getCurrentDirectory = before.get;
  }
}

/** The warm compiler of a notebook folder, created on first use and kept until closeCompilers(). */
function compilerFor(folder: string): Converter {
  const warm = compilers.get(folder);
  if (warm) return warm;
  const { createConverter } = tslab();
  const made = inFolder(folder, () => createConverter({ isJS: false, isBrowser: false }));
  const compiler: Converter = {
    ...made,
    convert: (prevDecl, src) => inFolder(folder, () => made.convert(prevDecl, src)),
  };
  compilers.set(folder, compiler);
  return compiler;
}

/**
 * Makes the folder's compiler ready for a changed cell: created, and having checked `source` (a
 * notebook's first cell, which imports the course's modules and mathjs), past the cache, so that
 * the declarations every cell needs are read now rather than when a learner saves. `key`: the
 * folder's fingerprint, under which the local modules it compiles are kept; they are returned too,
 * since the compiler hands each over only once.
 */
export function warmCompiler(
  folder: string,
  source: string,
  key = fingerprint(folder),
): { path: string; data: string }[] {
  // the local modules it compiles are handed over only now: kept for the cells that import them
  const modules = compilerFor(folder).convert("", source).sideOutputs ?? [];
  keepModules(key, modules);
  return modules;
}

/** A notebook's cells compiled in order: each cell's result, and every local module they import. */
export interface CompiledNotebook {
  results: ConvertResult[];
  /** Absolute path → compiled JavaScript of src/…, course/… as the cells import them. */
  modules: Map<string, string>;
}

/**
 * Compiles a notebook's cells with one warm compiler per notebook folder, from the cache where it
 * can: each cell against the declarations of the cells before it that compiled, as the course
 * kernel checks them in a Run All.
 */
export function compileCells(
  folder: string,
  key: string,
  sources: readonly string[],
): CompiledNotebook {
  // the first notebook with a cell not in the cache, in a process with no compiler ready, is
  // compiled into the cache by a compiler started from its snapshot, readied there in advance
  if (snapshotFirst && !compilers.has(folder) && !compiledElsewhere.has(folder)) {
    const cached = walk(folder, key, sources, () => {
      throw NOT_CACHED;
    });
    if (cached) return cached;
    compiledElsewhere.add(folder); // the next one: a compiler of this process's own, kept warm
    if (compileFromSnapshot(folder, key, sources)) {
      const compiled = walk(folder, key, sources, () => compilerFor(folder));
      if (compiled) return compiled;
    }
  }
  return walk(folder, key, sources, () => compilerFor(folder)) as CompiledNotebook;
}

const NOT_CACHED = new Error("not in the cache");
let snapshotFirst = true;

/**
 * Compiles every new cell of this process with its own compiler, readied once: for a class, whose
 * every notebook brings new cells, a process started from the snapshot first would only add to it.
 */
export function compileHereOnly(): void {
  snapshotFirst = false;
}
/** Folders whose cells this process had compiled by a compiler started from its snapshot. */
const compiledElsewhere = new Set<string>();

/** The cells compiled in order; null when `create` throws NOT_CACHED (a cell not in the cache). */
function walk(
  folder: string,
  key: string,
  sources: readonly string[],
  create: () => Converter,
): CompiledNotebook | null {
  const convert = cachedConverter(folder, key)(create);
  const results: ConvertResult[] = [];
  const modules = new Map<string, string>();
  let prevDecl = "";
  try {
    for (const src of sources) {
      const result = convert.convert(prevDecl, src);
      for (const m of result.sideOutputs ?? []) modules.set(m.path, m.data);
      results.push(result);
      if (result.diagnostics.length === 0) prevDecl = result.declOutput ?? "";
    }
  } catch (e) {
    if (e === NOT_CACHED) return null;
    throw e;
  }
  return { results, modules };
}

/**
 * Compiles a notebook's cells into the cache ahead of its run, in this process, so that the run
 * finds every cell compiled.
 */
export function compileAhead(folder: string, key: string, sources: readonly string[]): void {
  compileCells(folder, key, sources);
}

/** Ends the warm compilers (their file watchers would keep the process alive). */
export function closeCompilers(): void {
  for (const c of compilers.values()) c.close();
  compilers.clear();
}
