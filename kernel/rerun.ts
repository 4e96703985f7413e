// The Node kernel's side of a rerun (see kernel/recorder.ts): modules compiled with node's Module,
// cells run by vm with a time limit, and process.stdout and tslab's displays muted meanwhile.
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import jupyterModule from "tslab/dist/jupyter.js";
import type { RerunPlatform } from "./recorder.js";

/** How long one cell may take when it runs again; a cell that took longer in the session is not rerun. */
const RERUN_CELL_MS = 2000;

/** Reruns for a notebook in `rootDir`, on Node. */
export function nodeRerun(rootDir: string): RerunPlatform {
  return {
    abs: (rel) => path.join(rootDir, rel).replace(/\\/g, "/"),
    requireFrom: (modules) => requireFrom(rootDir, modules),
    runCell: (output) => {
      vm.runInThisContext(
        `(function(exports, require) { ${output}\n})(__tslab__.exports, __tslab__.require)`,
        // a cell that loops on the other numbers must not hang the check that reruns it
        { timeout: RERUN_CELL_MS, breakOnSigint: true },
      );
    },
    mute: () => {
      const sink = jupyterModule as unknown as { lastWriteDisplayData: unknown };
      const before = {
        out: process.stdout.write,
        err: process.stderr.write,
        display: sink.lastWriteDisplayData,
      };
      const mute = (() => true) as typeof process.stdout.write;
      process.stdout.write = mute;
      process.stderr.write = mute;
      sink.lastWriteDisplayData = () => {};
      return () => {
        process.stdout.write = before.out;
        process.stderr.write = before.err;
        sink.lastWriteDisplayData = before.display;
      };
    },
  };
}

/**
 * A require that loads compiled local modules from `modules` (each once) and everything else from
 * the notebook folder, as tslab's executor does.
 */
function requireFrom(dir: string, modules: Map<string, string>): (id: string) => unknown {
  const loaded = new Map<string, { exports: unknown }>();
  const make = (from: string, base: (id: string) => unknown): ((id: string) => unknown) => {
    return (id: string) => {
      if (id === "tslab") return createRequire(import.meta.url)("tslab");
      let file = path.join(from, id).replace(/\\/g, "/");
      if (path.extname(file) === "") file += ".js";
      const done = loaded.get(file);
      if (done) return done.exports;
      const data = modules.get(file);
      if (data === undefined) return base(id);
      const mod = new Module(file) as Module & {
        _compile(code: string, file: string): void;
        paths: string[];
      };
      mod.filename = file;
      mod.paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(
        path.dirname(file),
      );
      mod.require = make(path.dirname(file), mod.require.bind(mod)) as NodeJS.Require;
      loaded.set(file, mod);
      mod._compile(data, file);
      return mod.exports;
    };
  };
  return make(dir, createRequire(path.join(dir, "src.js")));
}
