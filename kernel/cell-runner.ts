// Runs one cell through tslab's executor (or the in-browser kernel's) and says what happened: a
// value, a type error, or a thrown error. Plain JavaScript: the platform comes in as a CellHost.
import type { ConsoleInterface } from "tslab/dist/executor.js";
import { pointIndex } from "./codepoints.js";
import { CellSource, type ScannerSource } from "./positions.js";
import { RERUN, type Recorder, type Rerun, tellCourse } from "./recorder.js";
import type { ConvertResult, DeclarationStore, Executor } from "./tslab.js";

/** A compiler message as tslab's executor reports it ("%s%d:%d - %s", file, line, column, text). */
export interface CellDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type CellOutcome =
  | { kind: "ok"; hasValue: boolean; value: unknown; warnings: CellDiagnostic[] }
  | { kind: "type-error"; diagnostics: CellDiagnostic[] }
  | { kind: "thrown"; error: unknown; note?: string };

const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";
/** How many past cells' sources are kept for placing errors their timers throw later. */
const KEPT_CELLS = 200;
/** tslab puts its wrapper's opening on the first line of a cell's script (executor.js). */
const WRAPPER_PREFIX = {
  sync: "(function(exports, require) { ",
  async: "(async function(exports, require) { ",
};

/**
 * Where in which cell a stack frame is, in the cell's TypeScript (line and column left out when
 * they could not be found); undefined for a frame not in a cell's own code.
 */
export type CellLocator = (
  script: string,
  line: number,
  column: number,
) => { cell: string; line?: number; column?: number } | undefined;

/** What a CellRunner runs on: Node's tslab executor in the kernel, a Web Worker's in the browser. */
export interface CellHost {
  /** The executor, reporting through `console` and checking each cell against `store`'s declarations. */
  executor(console: ConsoleInterface, store: DeclarationStore): Executor;
  /** Where the session's cells and modules are kept for check()'s rerun. */
  recorder: Recorder;
  /** The TypeScript that compiles cells, whose scanner places stack frames in them. */
  typescript: ScannerSource;
  /** Told the number of the cell that starts running, and 0 when it has ended. */
  running?(cell: number): void;
  /** Told that the running cell is being interrupted, before its executor is. */
  interrupting?(): void;
}

/**
 * Runs cells one after another, sharing their variables as tslab does.
 *
 * What a failed cell keeps: a cell that compiled but then threw (or was interrupted) keeps every
 * declaration it makes, exactly as if it had succeeded, so later cells can use the functions,
 * classes, types and variables it defined before the throw (as in ipykernel and Deno's kernel).
 * Values are what the code reached: a variable whose statement came after the throw is declared
 * with its type but holds `undefined`. A cell with a type error runs nothing and changes nothing.
 * Cells that define a module (`//@module`) are left to tslab as they are.
 */
export class CellRunner {
  private readonly executor: Executor;
  private values: unknown[] = [];
  private errors: unknown[][] = [];
  /** The declarations (.d.ts) of every cell that compiled so far, which the next cell is checked against. */
  private declarations = "";
  private converted: ConvertResult | undefined;
  /** Scripts tslab ran, named through a sourceURL comment so stack frames say which cell they are in. */
  private readonly scripts = new Map<string, { label: string; source: CellSource }>();
  private scriptCount = 0;
  private label = "";
  private code = "";
  private cellCount = 0;
  /** The number of the cell running now, or 0: an interrupt is meant for one cell, not the next. */
  private current = 0;

  /** What the session ran, so that check() can run it again on a second example. */
  readonly recorder: Recorder;

  /** Cells run on `host`'s executor. */
  constructor(private readonly host: CellHost) {
    const recorder = host.recorder;
    this.recorder = recorder;
    // tslab's executor logs a cell's last expression and errors through this console, nothing else.
    this.executor = host.executor(
      {
        log: (value: unknown) => this.values.push(value),
        error: (...args: unknown[]) => this.errors.push(args),
      },
      {
        declarations: () => this.declarations,
        converted: (result) => {
          recorder.note(this.code, result);
          this.name((this.converted = result));
        },
      },
    );
    const rerun: Rerun = (replace) => recorder.rerun(replace);
    (globalThis as Record<PropertyKey, unknown>)[RERUN] = rerun;
  }

  /** The variables the cells have defined so far, by name. */
  get locals(): Record<string, unknown> {
    return this.executor.locals as Record<string, unknown>;
  }

  /** Runs `code`; `label` names the cell in error positions (the execution count). */
  async run(code: string, label = ""): Promise<CellOutcome> {
    this.label = label;
    this.code = code;
    this.values = [];
    this.errors = [];
    this.converted = undefined;
    this.current = ++this.cellCount;
    this.host.running?.(this.current);
    let ok: boolean;
    try {
      ok = await this.executor.execute(code);
    } catch (error) {
      this.recorder.ranLast();
      return thrownOutcome(code, error);
    } finally {
      this.current = 0;
      this.host.running?.(0);
      this.keepDeclarations();
    }
    const thrown = ok ? undefined : this.errors[0]?.[0];
    this.recorder.ranLast(thrown instanceof Error && /interrupted/i.test(thrown.message));
    const lines = code.split("\n");
    const diagnostics = this.errors
      .filter(isDiagnostic)
      .map(toDiagnostic)
      .map((d) => inCodePoints(d, lines));
    if (ok) {
      tellCourse(code, false);
      const hasValue = this.values.length > 0;
      return { kind: "ok", hasValue, value: this.values[0], warnings: diagnostics };
    }
    if (diagnostics.length > 0) return { kind: "type-error", diagnostics };
    return thrownOutcome(code, this.errors[0]?.[0]);
  }

  /** The cell and TypeScript position of a frame at `line`:`column` of `script`, if it is a cell's. */
  readonly locate: CellLocator = (script, line, column) => {
    const ran = this.scripts.get(script);
    const at = ran?.source.locate(line, column);
    if (!ran || at === undefined) return undefined;
    return { cell: ran.label, ...at };
  };

  /** Gives the script about to run a name of its own and remembers its source. */
  private name(result: ConvertResult): void {
    if (!result.output) return;
    const script = `cell-${++this.scriptCount}`;
    const prefix = result.hasToplevelAwait ? WRAPPER_PREFIX.async : WRAPPER_PREFIX.sync;
    this.scripts.set(script, {
      label: this.label,
      source: new CellSource(this.code, result.output, prefix.length, this.host.typescript),
    });
    if (this.scripts.size > KEPT_CELLS)
      this.scripts.delete(this.scripts.keys().next().value as string);
    result.output += `\n//# sourceURL=${script}\n`;
  }

  /** After any cell that compiled, successful or not, its declarations are the ones to check against. */
  private keepDeclarations(): void {
    const converted = this.converted;
    if (converted && converted.diagnostics.length === 0)
      this.declarations = converted.declOutput ?? "";
  }

  /** Completes an empty cell, so the first real cell does not pay for loading TypeScript's libraries. */
  warm(): void {
    this.executor.complete("", 0);
  }

  complete(code: string, cursor: number) {
    return this.executor.complete(code, cursor);
  }

  inspect(code: string, cursor: number) {
    return this.executor.inspect(code, cursor);
  }

  /**
   * Ends the running cell's await with an "Interrupted" error. With `cell`, only if that cell (a
   * number from SharedState.runningCell, read when the interrupt was asked for) is still running.
   */
  interrupt(cell?: number): void {
    if (cell !== undefined && (cell === 0 || cell !== this.current)) return;
    if (this.current !== 0) this.host.interrupting?.();
    this.executor.interrupt();
  }

  close(): void {
    this.executor.close();
  }
}

/** A cell that threw, with what the course's code says caused it. */
function thrownOutcome(code: string, error: unknown): CellOutcome {
  const note = tellCourse(code, true, error);
  return note === undefined ? { kind: "thrown", error } : { kind: "thrown", error, note };
}

function isDiagnostic(args: unknown[]): boolean {
  return args[0] === DIAGNOSTIC_FORMAT && args.length === 5;
}

function toDiagnostic(args: unknown[]): CellDiagnostic {
  const [, file, line, column, message] = args as [string, string, number, number, string];
  return { file: file.trim(), line, column, message };
}

/** A diagnostic in the cell itself gets its column in code points, as Jupyter counts positions. */
function inCodePoints(d: CellDiagnostic, lines: string[]): CellDiagnostic {
  const line = d.file === "" ? lines[d.line - 1] : undefined;
  if (line === undefined) return d;
  return { ...d, column: pointIndex(line, d.column - 1) + 1 };
}
