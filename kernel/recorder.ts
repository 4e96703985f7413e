// What a session ran, kept so that check() can run it again with one module swapped for another
// (the second example). The bookkeeping is plain JavaScript, shared by the Node kernel
// (kernel/rerun.ts) and the in-browser one; running code and loading modules are the platform's.
import type { ConvertResult } from "tslab/dist/converter.js";
import { isSkipped } from "./skip-line.js";

/** The global through which course code asks for a rerun (see `Rerun`). */
export const RERUN = Symbol.for("attention-from-zero.rerun");
/** Set while a rerun is going on, so that check() calls inside it do nothing. */
export const RERUNNING = Symbol.for("attention-from-zero.rerunning");

/** The global through which the course's code is told of each cell run (course/notebook.ts). */
export const CELL_RAN = Symbol.for("attention-from-zero.cell-ran");

/**
 * Tells the course's code in `global` (once the notebook has loaded it) that a cell ran, and what
 * it threw: check() then knows the cell behind each answer. Returns the course's words on what
 * caused a throw (`keys[4]` of four keys), if any.
 */
export function tellCourse(
  code: string,
  threw: boolean,
  error?: unknown,
  global: object = globalThis,
): string | undefined {
  const told = (global as Record<PropertyKey, unknown>)[CELL_RAN];
  try {
    const note: unknown = typeof told === "function" ? told(code, threw, error) : undefined;
    return typeof note === "string" ? note : undefined;
  } catch {
    return undefined; // the course's words are extra: the error itself is still shown
  }
}

/** What a rerun leaves: the cells' variables, and a require that loads the rerun's own modules. */
export interface RerunScope {
  exports: Record<string, unknown>;
  require: (id: string) => unknown;
}

/** `replace` maps module paths relative to the notebook folder, e.g. "src/worked-example.js" → "course/second-example.js". */
export type Rerun = (replace: Record<string, string>) => RerunScope | null;

/** The platform's part of a rerun: paths, loading modules, running a cell and muting its output. */
export interface RerunPlatform {
  /** The absolute path of `rel`, a module path relative to the notebook folder. */
  abs(rel: string): string;
  /** A require that loads `modules` (absolute path → CommonJS code), each once, and anything else as a cell's require does. */
  requireFrom(modules: Map<string, string>): (id: string) => unknown;
  /** Runs one recorded cell's JavaScript in the scope `__tslab__` names; throws what the cell throws. */
  runCell(output: string): void;
  /** Silences printing and displays; returns what turns them back on. */
  mute(): () => void;
}

interface Ran {
  output: string;
  async: boolean;
}

/**
 * Keeps the JavaScript of every cell a session ran, and the modules compiled for it, so that the
 * cells can run again in a fresh scope. Wraps the converter that tslab's executor calls.
 */
export class Recorder {
  /** Compiled local modules (src/…, course/…), by absolute path, as tslab's executor receives them. */
  private readonly modules = new Map<string, string>();
  private readonly ran: Ran[] = [];
  private pending: Ran | null = null;
  private cached: { count: number; key: string; scope: RerunScope } | null = null;

  constructor(private readonly platform: RerunPlatform) {}

  /** Adds modules compiled before the session (the in-browser kernel's library), by absolute path. */
  addModules(modules: Iterable<[string, string]>): void {
    for (const [file, code] of modules) this.modules.set(file, code);
  }

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
      const data = this.modules.get(this.platform.abs(to));
      if (data === undefined) return null;
      modules.set(this.platform.abs(from), data);
    }
    const scope: RerunScope = {
      exports: cellExports(),
      require: this.platform.requireFrom(modules),
    };
    const g = globalThis as Record<PropertyKey, unknown>;
    const tslab = g.__tslab__;
    const unmute = this.platform.mute();
    g.__tslab__ = scope;
    g[RERUNNING] = true;
    try {
      for (const cell of this.ran) {
        if (cell.async) continue;
        try {
          this.platform.runCell(cell.output);
        } catch {
          // it threw in the session too, or throws on these numbers: what it defined stands
        }
      }
    } finally {
      g.__tslab__ = tslab;
      g[RERUNNING] = false;
      unmute();
    }
    this.cached = { count: this.ran.length, key, scope };
    return scope;
  }
}

/** A scope for cell variables that, like tslab's, takes the getters TypeScript emits for imports as plain values. */
export function cellExports(): Record<string, unknown> {
  const store: Record<string, unknown> = {};
  return new Proxy(store, {
    defineProperty: (_target, prop, attrs) => {
      if (prop === "__esModule") return true;
      store[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
}
