// Runs one cell through tslab's executor and says what happened: a value, a type error, or a thrown error.
import { Recorder, RERUN, type Rerun } from "./rerun.js";
import { type Converter, type Executor, tslabExecutor, type WrapConverter } from "./tslab.js";

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
  | { kind: "thrown"; error: unknown };

const DIAGNOSTIC_FORMAT = "%s%d:%d - %s";

export class CellRunner {
  private readonly executor: Executor;
  private values: unknown[] = [];
  private errors: unknown[][] = [];
  /** What the session ran, so that check() can run it again on a second example. */
  readonly recorder: Recorder;

  /**
   * Cells compile relative to `rootDir`, the notebook's folder. `converter` may stand in for
   * tslab's own (the grader passes one that reuses earlier compilations).
   */
  constructor(rootDir: string, converter?: WrapConverter) {
    const recorder = new Recorder(rootDir);
    this.recorder = recorder;
    const make: WrapConverter = converter ?? ((create) => create());
    // tslab's executor logs a cell's last expression and errors through this console, nothing else.
    this.executor = tslabExecutor(
      rootDir,
      {
        log: (value: unknown) => this.values.push(value),
        error: (...args: unknown[]) => this.errors.push(args),
      },
      (create): Converter => recorder.wrap(make(create)),
    );
    const rerun: Rerun = (replace) => recorder.rerun(replace);
    (globalThis as Record<PropertyKey, unknown>)[RERUN] = rerun;
  }

  /** The variables the cells have defined so far, by name. */
  get locals(): Record<string, unknown> {
    return this.executor.locals as Record<string, unknown>;
  }

  async run(code: string): Promise<CellOutcome> {
    this.values = [];
    this.errors = [];
    let ok: boolean;
    try {
      ok = await this.executor.execute(code);
    } catch (error) {
      this.recorder.ranLast();
      return { kind: "thrown", error };
    }
    const thrown = ok ? undefined : this.errors[0]?.[0];
    this.recorder.ranLast(thrown instanceof Error && /interrupted/i.test(thrown.message));
    const diagnostics = this.errors.filter(isDiagnostic).map(toDiagnostic);
    if (ok) {
      const hasValue = this.values.length > 0;
      return { kind: "ok", hasValue, value: this.values[0], warnings: diagnostics };
    }
    if (diagnostics.length > 0) return { kind: "type-error", diagnostics };
    return { kind: "thrown", error: this.errors[0]?.[0] };
  }

  /** Compiles a trivial cell so the first real cell does not pay for loading the TypeScript libs. */
  warm(): void {
    this.executor.complete("", 0);
  }

  complete(code: string, cursor: number) {
    return this.executor.complete(code, cursor);
  }

  inspect(code: string, cursor: number) {
    return this.executor.inspect(code, cursor);
  }

  interrupt(): void {
    this.executor.interrupt();
  }

  close(): void {
    this.executor.close();
  }
}

function isDiagnostic(args: unknown[]): boolean {
  return args[0] === DIAGNOSTIC_FORMAT && args.length === 5;
}

function toDiagnostic(args: unknown[]): CellDiagnostic {
  const [, file, line, column, message] = args as [string, string, number, number, string];
  return { file: file.trim(), line, column, message };
}
