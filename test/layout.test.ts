// The project's layout: no folder imports a folder that imports it back, tests and the benchmark
// keep to their own files, and the teaching library src/ stays small and free of the fast path.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const FOLDERS = [
  "src",
  "fast",
  "course",
  "build",
  "cli",
  "kernel",
  "grader",
  "browser",
  "lite",
  "bench",
  "test",
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

/** The folder a project file belongs to: its top folder ("test/harness" and "test/fast" apart). */
function folderOf(file: string): string {
  const parts = relative(root, file).split(/[\\/]/);
  return parts[0] === "test" && parts.length > 2 ? `test/${parts[1]}` : (parts[0] as string);
}

/** Folder → the other folders its files import. */
function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const top of FOLDERS)
    for (const file of tsFiles(join(root, top))) {
      const from = folderOf(file);
      for (const m of readFileSync(file, "utf8").matchAll(
        /(?:from|import\()\s*"(\.\.?\/[^"]+)"/g,
      )) {
        const to = folderOf(resolve(dirname(file), m[1] as string));
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
  return edges;
}

describe("the project's layout", () => {
  const edges = folderImports();

  it("folderImports() finds no pair of folders that import each other", () => {
    const cycles = [...edges].flatMap(([a, tos]) =>
      [...tos].filter((b) => edges.get(b)?.has(a)).map((b) => `${a} ⇄ ${b}`),
    );
    expect(edges.get("grader")?.has("build"), "the scan sees grader → build").toBe(true);
    expect(cycles).toEqual([]);
  });

  it("folderImports(): src/ and kernel/ import no other folder of the project", () => {
    expect([...(edges.get("src") ?? [])]).toEqual([]);
    expect([...(edges.get("kernel") ?? [])]).toEqual([]);
  });

  it("folderImports(): course/ imports only src/, as tslab compiles it inside the notebooks", () => {
    // notebooks/ links only to src/, course/ and fast/, and a lesson imports fast/ itself
    expect([...(edges.get("course") ?? [])]).toEqual(["src"]);
  });

  it("folderImports(): lite/ imports only kernel/, whose code the in-browser kernel shares, and course/'s words", () => {
    expect(edges.get("lite")?.has("kernel"), "the scan sees lite → kernel").toBe(true);
    expect([...(edges.get("lite") ?? [])].sort()).toEqual(["course", "kernel"]);
  });

  it("folderImports(): no test imports the benchmark, and the benchmark imports no test", () => {
    const tests = [...edges].filter(([from]) => from.startsWith("test"));
    expect(tests.filter(([, tos]) => tos.has("bench")).map(([f]) => f)).toEqual([]);
    expect([...(edges.get("bench") ?? [])].filter((t) => t.startsWith("test"))).toEqual([]);
  });

  it('tsFiles("src") hold under 1,100 lines', () => {
    const lines = tsFiles(join(root, "src"))
      .map((f) => readFileSync(f, "utf8").split("\n").length - 1)
      .reduce((a, b) => a + b, 0);
    expect(lines).toBeLessThan(1100);
  });
});
