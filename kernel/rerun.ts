// Runs a session's cells again with one module swapped for another: how check() and the grader try an answer on a second example.
import Module, { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import type { ConvertResult } from "tslab/dist/converter.js";
import jupyterModule from "tslab/dist/jupyter.js";
import { isSkipped } from "./skip-line.js";

/** The global through which course code asks for a rerun (see `Rerun`). */
export const RERUN = Symbol.for("attention-from-zero.rerun");
/** How long one cell may take when it runs again; a cell that took longer in the session is not rerun. */
const RERUN_CELL_MS = 2000;

/** Set while a rerun is going on, so that check() calls inside it do nothing. */
export const RERUNNING = Symbol.for("attention-from-zero.rerunning");

/** What a rerun leaves: the cells' variables, and a require that loads the rerun's own modules. */
export interface RerunScope {
  exports: Record<string, unknown>;
  require: (id: string) => unknown;
}

/** `replace` maps module paths relative to the notebook folder, e.g. "src/worked-example.js" → "course/second-example.js". */
export type Rerun = (replace: Record<string, string>) => RerunScope | null;

interface Ran {
  output: string;
  async: boolean;
}

/**
 * Keeps the JavaScript of every cell a session ran, and the modules tslab compiled for it, so that
 * the cells can run again in a fresh scope. Wraps the converter that tslab's executor calls.
 */
export class Recorder {
  /** Compiled local modules (src/…, course/…), by absolute path, as tslab's executor receives them. */
  private readonly modules = new Map<string, string>();
  private readonly ran: Ran[] = [];
  private pending: Ran | null = null;
  private cached: { count: number; key: string; scope: RerunScope } | null = null;

  constructor(private readonly rootDir: string) {}

  /** Notes what a conversion emitted; the cell counts as run once `ran()` says it was run. */
  note(src: string, result: ConvertResult): void {
    for (const side of result.sideOutputs ?? []) this.modules.set(side.path, side.data);
    this.pending =
      result.diagnostics.length === 0 && result.output && !isSkipped(src)
        ? { output: result.output, async: result.hasToplevelAwait === true }
        : null;
  }

  /**
   * The cell just converted was run (to its end or to a throw: either way its effects stand).
   * `interrupted`: it was stopped, so running it again would only loop again.
   */
  ranLast(interrupted = false): void {
    if (this.pending && !interrupted) this.ran.push(this.pending);
    this.pending = null;
  }

  /**
   * Runs every recorded cell again, in order, in a fresh scope with fresh module instances, with
   * output and displays muted. Cells with a top-level await are left out (a rerun is synchronous).
   * Returns null when a replaced module was never compiled in this session.
   */
  rerun(replace: Record<string, string>): RerunScope | null {
    const key = JSON.stringify(replace);
    if (this.cached?.count === this.ran.length && this.cached.key === key) return this.cached.scope;
    const modules = new Map(this.modules);
    for (const [from, to] of Object.entries(replace)) {
      const data = this.modules.get(this.abs(to));
      if (data === undefined) return null;
      modules.set(this.abs(from), data);
    }
    const exports = cellExports();
    const scope: RerunScope = { exports, require: requireFrom(this.rootDir, modules) };
    const g = globalThis as Record<PropertyKey, unknown>;
    const before = {
      tslab: g.__tslab__,
      out: process.stdout.write,
      err: process.stderr.write,
      display: (jupyterModule as unknown as { lastWriteDisplayData: unknown }).lastWriteDisplayData,
    };
    const mute = (() => true) as typeof process.stdout.write;
    g.__tslab__ = scope;
    g[RERUNNING] = true;
    process.stdout.write = mute;
    process.stderr.write = mute;
    (jupyterModule as unknown as { lastWriteDisplayData: unknown }).lastWriteDisplayData = () => {};
    try {
      for (const cell of this.ran) {
        if (cell.async) continue;
        try {
          vm.runInThisContext(
            `(function(exports, require) { ${cell.output}\n})(__tslab__.exports, __tslab__.require)`,
            // a cell that loops on the other numbers must not hang the check that reruns it
            { timeout: RERUN_CELL_MS, breakOnSigint: true },
          );
        } catch {
          // it threw in the session too, or throws on these numbers: what it defined stands
        }
      }
    } finally {
      g.__tslab__ = before.tslab;
      g[RERUNNING] = false;
      process.stdout.write = before.out;
      process.stderr.write = before.err;
      (jupyterModule as unknown as { lastWriteDisplayData: unknown }).lastWriteDisplayData =
        before.display;
    }
    this.cached = { count: this.ran.length, key, scope };
    return scope;
  }

  private abs(rel: string): string {
    return path.join(this.rootDir, rel).replace(/\\/g, "/");
  }
}

/** A scope for cell variables that, like tslab's, takes the getters TypeScript emits for imports as plain values. */
function cellExports(): Record<string, unknown> {
  const store: Record<string, unknown> = {};
  return new Proxy(store, {
    defineProperty: (_target, prop, attrs) => {
      if (prop === "__esModule") return true;
      store[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
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
