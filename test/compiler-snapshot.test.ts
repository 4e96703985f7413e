// Changed cells compiled in a process started from the compiler's startup snapshot: the very compilation this process's compiler makes, and a compile as before when there is no snapshot.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  type CompiledNotebook,
  CACHE,
  cachedConverter,
  compileCells,
  fingerprint,
} from "../grader/compile-cache.js";
import { COURSE_FOLDER } from "../grader/session.js";
import { buildCompilerSnapshot, compileFromSnapshot, compilerBlob } from "../grader/snapshot.js";
import { fileInPlaceOfFolder, warnings } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const work = join(root, "artifacts", "compiler-snapshot");
const RUN = `${process.pid}-${Date.now()}`;
const key = fingerprint(COURSE_FOLDER);
/** A second cache, for this process's own compiler: the same folder under another key. */
const ownKey = `own-compiler-${RUN}`;
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(join(CACHE, ownKey.slice(0, 16)), { recursive: true, force: true });
});

/** Lesson 3's code cells, one answer given a comment never seen before and one a type error. */
function changedSources(): string[] {
  const nb = JSON.parse(
    readFileSync(join(COURSE_FOLDER, "03-values-and-output.ipynb"), "utf8"),
  ) as {
    cells: { cell_type: string; source: string[] | string }[];
  };
  const code = nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
  const k = code.findIndex((s) => s.includes("Exercise 3.1"));
  expect(k).toBeGreaterThan(0);
  code[k] = `// tried ${RUN}\n${code[k]}`;
  code.push(`const wrong${RUN.replace("-", "_")}: number = "a string";`);
  return code;
}

/** Every cell's compilation, taken from the cache only (a cell not there throws). */
function fromCacheOnly(cacheKey: string, sources: readonly string[]): CompiledNotebook {
  const convert = cachedConverter(
    COURSE_FOLDER,
    cacheKey,
  )(() => {
    throw new Error("a cell is not in the cache");
  });
  const results = [];
  const modules = new Map<string, string>();
  let prevDecl = "";
  for (const src of sources) {
    const r = convert.convert(prevDecl, src);
    for (const m of r.sideOutputs ?? []) modules.set(m.path, m.data);
    results.push({ ...r, sideOutputs: [] });
    if (r.diagnostics.length === 0) prevDecl = r.declOutput ?? "";
  }
  return { results, modules };
}

describe("the compiler's startup snapshot", () => {
  it("compileFromSnapshot(): a changed cell compiles in a process started from it, as this process's compiler compiles it", () => {
    const sources = changedSources();
    expect(buildCompilerSnapshot(COURSE_FOLDER, key, sources[0] ?? "")).toBe(true);
    expect(existsSync(compilerBlob(COURSE_FOLDER, key))).toBe(true);
    expect(() => fromCacheOnly(key, sources)).toThrow(/not in the cache/); // new cells
    expect(compileFromSnapshot(COURSE_FOLDER, key, sources)).toBe(true);
    const there = fromCacheOnly(key, sources); // compiled there, every cell and module kept
    expect(there.results.at(-1)?.diagnostics.map((d) => d.messageText)).toEqual([
      "Type 'string' is not assignable to type 'number'.",
    ]);
    // this process's own compiler (snapshots off), into a cache of its own
    vi.stubEnv("AFZ_SNAPSHOT", "off");
    try {
      compileCells(COURSE_FOLDER, ownKey, sources);
    } finally {
      vi.unstubAllEnvs();
    }
    const here = fromCacheOnly(ownKey, sources);
    expect(there.results).toEqual(here.results);
    expect([...there.modules.keys()].sort()).toEqual([...here.modules.keys()].sort());
    expect(there.modules.size).toBeGreaterThan(5); // src/… and course/…, as the sandbox needs them
  }, 300_000);

  it("compileFromSnapshot(): the course's modules are kept even when the cache was emptied after the snapshot was built", () => {
    const sources = changedSources();
    const modulesDir = join(CACHE, key.slice(0, 16), "modules");
    expect(buildCompilerSnapshot(COURSE_FOLDER, key, sources[0] ?? "")).toBe(true);
    rmSync(modulesDir, { recursive: true, force: true }); // the compiler handed them over already
    expect(compileFromSnapshot(COURSE_FOLDER, key, sources)).toBe(true);
    const kept = fromCacheOnly(key, sources).modules;
    expect([...kept.keys()].some((m) => m.endsWith("/course/notebook.js"))).toBe(true);
    expect([...kept.keys()].some((m) => m.endsWith("/src/index.js"))).toBe(true);
  }, 300_000);
});

describe("without the compiler's snapshot, cells compile as before", () => {
  it("buildCompilerSnapshot(): one that cannot be built is said once, and none is used", () => {
    const notAFolder = fileInPlaceOfFolder(work);
    const said = warnings(() => {
      expect(buildCompilerSnapshot(COURSE_FOLDER, key, "", false, notAFolder)).toBe(false);
      expect(compileFromSnapshot(COURSE_FOLDER, key, ["1"], notAFolder)).toBe(false);
    });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/changed cells compile without a startup snapshot.*not-a-folder/);
  });

  it("compileFromSnapshot(): with none yet, it starts building one in the background and leaves the cells to this process", async () => {
    const dir = join(work, "fresh");
    rmSync(dir, { recursive: true, force: true });
    const sources = changedSources();
    expect(compileFromSnapshot(COURSE_FOLDER, key, sources, dir)).toBe(false);
    const blob = compilerBlob(COURSE_FOLDER, key, dir);
    expect(existsSync(`${blob}.building`)).toBe(true); // one builder: a second call starts none
    expect(compileFromSnapshot(COURSE_FOLDER, key, sources, dir)).toBe(false);
    await vi.waitFor(() => expect(existsSync(blob)).toBe(true), {
      timeout: 240_000,
      interval: 500,
    });
    await vi.waitFor(() => expect(existsSync(`${blob}.building`)).toBe(false), { timeout: 10_000 });
    expect(compileFromSnapshot(COURSE_FOLDER, key, sources, dir)).toBe(true);
  }, 300_000);
});
