// One notebook's run in a realm of its own (a fresh vm context): its own globals, its own mathjs, its own course modules.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import type { CheckResult } from "../course/check.js";
import { cellExports as cellScope, tellCourse } from "../kernel/recorder.js";
import { thrownText } from "../course/thrown.js";

/** The global through which course code asks for a rerun on the second example (kernel/rerun.ts). */
const RERUN = Symbol.for("attention-from-zero.rerun");
const RERUNNING = Symbol.for("attention-from-zero.rerunning");
/** How long one cell may take when it runs again on the second example. */
const RERUN_CELL_MS = 2000;

/** A compiled cell, as tslab's compiler made it: its JavaScript and whether it awaits at the top. */
export interface CompiledCell {
  output: string;
  async: boolean;
  /** The variable tslab gives a cell's last expression, removed after the cell as tslab does. */
  last?: string;
  /** The cell's TypeScript, for the course's words on what made it throw. */
  source?: string;
}

/** How a cell's run went: `error` is "Name: message" for a throw; `timedOut` when stopped at the limit. */
export interface RealmOutcome {
  ok: boolean;
  timedOut: boolean;
  error?: string;
  /** What in the cell caused its error, in the course's words (`keys[4]` of four keys). */
  note?: string;
}

/**
 * mathjs, loaded once per process in a realm of its own from its one-file build, and handed to
 * every notebook's realm read-only: notebooks share it (building its functions is most of what
 * loading mathjs costs, and it builds each on first use) but none can replace one of them.
 */
let sharedMath: unknown;
export function sharedMathjs(): unknown {
  if (sharedMath) return sharedMath;
  const file = mathjsFile();
  const context = vm.createContext({});
  new vm.Script(readFileSync(file, "utf8"), { filename: file }).runInContext(context);
  return shareMathjs((context as { math: object }).math);
}

/** The path of mathjs's one-file build, which defines a global `math` when run. */
export function mathjsFile(): string {
  return createRequire(import.meta.url).resolve("mathjs/lib/browser/math.js");
}

/**
 * Makes `math` the mathjs every realm of this process gets, read-only (a startup snapshot hands
 * over the one it built in the process's main context, where no other realm can be kept).
 */
export function shareMathjs(math: object): unknown {
  const refuse = () => false;
  sharedMath = new Proxy(math, { set: refuse, defineProperty: refuse, deleteProperty: refuse });
  return sharedMath;
}

/** Compiled module wrappers, shared by every realm of the process (a Script runs in any context). */
const moduleScripts = new Map<string, vm.Script>();
function moduleScript(file: string, data: string): vm.Script {
  const key = `${file}\0${data}`;
  let s = moduleScripts.get(key);
  if (!s) {
    s = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${data}\n})`, {
      filename: file,
    });
    moduleScripts.set(key, s);
  }
  return s;
}

export { thrownText };

const isTimeout = (e: unknown) =>
  typeof e === "object" &&
  e !== null &&
  (e as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT";

interface Scope {
  exports: Record<string, unknown>;
  require: (id: string) => unknown;
}

/**
 * A notebook's cells run in order in a fresh realm, as the course kernel runs them: the compiled
 * local modules (src/…, course/…) load on first import, mathjs is the realm's own, and what one
 * notebook does to its globals (Array.prototype.map, say) is seen by no other notebook.
 */
export class NotebookRealm {
  private readonly context: vm.Context;
  /** The context's global as its own code sees it: symbol-keyed globals set inside show only here. */
  private readonly inner: object;
  private readonly math: unknown;
  private readonly scope: Scope;
  private readonly ran: CompiledCell[] = [];
  private rerunCache: { count: number; key: string; scope: Scope } | null = null;

  /** `rootDir`: the folder the modules' paths are under; `modules`: absolute path → compiled JavaScript. */
  constructor(
    private readonly rootDir: string,
    private readonly modules: ReadonlyMap<string, string>,
  ) {
    const quiet = new Proxy({}, { get: () => () => {} }); // what cells print is not graded
    this.context = vm.createContext({
      console: quiet,
      process,
      Buffer,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      setImmediate,
      clearImmediate,
      queueMicrotask,
      structuredClone,
      TextEncoder,
      TextDecoder,
      URL,
      performance,
    });
    this.inner = new vm.Script("globalThis").runInContext(this.context) as object;
    this.math = sharedMathjs();
    this.scope = { exports: cellScope(), require: this.requireFrom(rootDir, modules, new Map()) };
    const g = this.context as Record<PropertyKey, unknown>;
    g.__tslab__ = this.scope;
    g[RERUN] = (replace: Record<string, string>) => this.rerun(replace);
  }

  /** A require for code at `dir`: local modules from `modules` (each once), mathjs, then Node's own. */
  private requireFrom(
    dir: string,
    modules: ReadonlyMap<string, string>,
    loaded: Map<string, { exports: unknown }>,
  ): (id: string) => unknown {
    const host = createRequire(path.join(this.rootDir, "src.js"));
    return (id: string) => {
      if (id === "mathjs") return this.math;
      if (id === "tslab") return {}; // no display while grading: the course helpers print instead
      let file = path.posix.join(dir, id);
      if (path.extname(file) === "") file += ".js";
      const done = loaded.get(file);
      if (done) return done.exports;
      const data = modules.get(file);
      if (data === undefined) return host(id); // Node's modules, under the process's permissions
      const mod = { exports: {} as unknown };
      loaded.set(file, mod);
      const fn = moduleScript(file, data).runInContext(this.context) as (...a: unknown[]) => void;
      const here = path.posix.dirname(file);
      fn.call(mod.exports, mod.exports, this.requireFrom(here, modules, loaded), mod, file, here);
      return mod.exports;
    };
  }

  /** Runs one compiled cell, its synchronous part stopped after `timeoutMs`, its awaits too. */
  async run(cell: CompiledCell, timeoutMs: number, name: string): Promise<RealmOutcome> {
    const prefix = cell.async
      ? "(async function(exports, require) { "
      : "(function(exports, require) { ";
    const code = `${prefix}${cell.output}\n})(__tslab__.exports, __tslab__.require)`;
    let timer: NodeJS.Timeout | undefined;
    try {
      const started = Date.now();
      const script = new vm.Script(code, { filename: name });
      const value: unknown = script.runInContext(this.context, { timeout: timeoutMs });
      if (cell.async) {
        const left = Math.max(1, timeoutMs - (Date.now() - started));
        const limit = new Promise<"late">((r) => {
          timer = setTimeout(() => r("late"), left);
        });
        if ((await Promise.race([value, limit])) === "late") return { ok: false, timedOut: true };
      }
      this.ran.push(cell);
      if (cell.last) delete this.scope.exports[cell.last];
      tellCourse(cell.source ?? "", false, undefined, this.inner);
      return { ok: true, timedOut: false };
    } catch (e) {
      if (isTimeout(e)) return { ok: false, timedOut: true };
      this.ran.push(cell); // what it defined before the throw stands
      const note = tellCourse(cell.source ?? "", true, e, this.inner);
      return { ok: false, timedOut: false, error: thrownText(e), ...(note ? { note } : {}) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The verdict that check() would print now: the realm's own course/notebook's verdict(). */
  verdict(id: string, timeoutMs: number): CheckResult | "timeout" {
    const g = this.context as Record<string, unknown>;
    try {
      const course = this.scope.require("./course/notebook") as {
        verdict(id: string): CheckResult;
      };
      g.__gradeVerdict = () => course.verdict(id);
      const r = new vm.Script("__gradeVerdict()").runInContext(this.context, {
        timeout: timeoutMs,
      }) as CheckResult;
      // plain values only, nothing of the realm's own objects: the hint about a mistake named too
      return {
        id: String(r.id),
        verdict: r.verdict,
        message: String(r.message),
        ...(typeof r.hint === "string" ? { hint: r.hint } : {}),
        ...(r.mistakes ? { mistakes: Array.from(r.mistakes, Number) } : {}),
      };
    } catch (e) {
      if (isTimeout(e)) return "timeout";
      throw e;
    } finally {
      delete g.__gradeVerdict;
    }
  }

  /**
   * The cells run so far, again, in a fresh scope with fresh module instances and `replace`d
   * modules (the worked example swapped for the second): what check() asks for through RERUN.
   */
  private rerun(replace: Record<string, string>): Scope | null {
    const key = JSON.stringify(replace);
    if (this.rerunCache?.count === this.ran.length && this.rerunCache.key === key)
      return this.rerunCache.scope;
    const modules = new Map(this.modules);
    for (const [from, to] of Object.entries(replace)) {
      const data = this.modules.get(path.posix.join(this.rootDir, to));
      if (data === undefined) return null;
      modules.set(path.posix.join(this.rootDir, from), data);
    }
    const scope: Scope = {
      exports: cellScope(),
      require: this.requireFrom(this.rootDir, modules, new Map()),
    };
    const g = this.context as Record<PropertyKey, unknown>;
    g.__tslab__ = scope;
    g[RERUNNING] = true;
    try {
      for (const cell of this.ran) {
        if (cell.async) continue;
        try {
          new vm.Script(
            `(function(exports, require) { ${cell.output}\n})(__tslab__.exports, __tslab__.require)`,
          ).runInContext(this.context, { timeout: RERUN_CELL_MS });
        } catch {
          // it threw in the run too, or throws on these numbers: what it defined stands
        }
      }
    } finally {
      g.__tslab__ = this.scope;
      g[RERUNNING] = false;
    }
    this.rerunCache = { count: this.ran.length, key, scope };
    return scope;
  }
}
