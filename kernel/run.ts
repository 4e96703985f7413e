// Runs one cell through tslab's executor and says what happened: a value, a type error, or a thrown error.
import { pointIndex } from "./codepoints.js";
import { type Executor, tslabExecutor } from "./tslab.js";

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

  constructor(rootDir: string) {
    // tslab's executor logs a cell's last expression and errors through this console, nothing else.
    this.executor = tslabExecutor(rootDir, {
      log: (value: unknown) => this.values.push(value),
      error: (...args: unknown[]) => this.errors.push(args),
    });
  }

  async run(code: string): Promise<CellOutcome> {
    this.values = [];
    this.errors = [];
    let ok: boolean;
    try {
      ok = await this.executor.execute(code);
    } catch (error) {
      return { kind: "thrown", error };
    }
    const lines = code.split("\n");
    const diagnostics = this.errors
      .filter(isDiagnostic)
      .map(toDiagnostic)
      .map((d) => inCodePoints(d, lines));
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

/** A diagnostic in the cell itself gets its column in code points, as Jupyter counts positions. */
function inCodePoints(d: CellDiagnostic, lines: string[]): CellDiagnostic {
  const line = d.file === "" ? lines[d.line - 1] : undefined;
  if (line === undefined) return d;
  return { ...d, column: pointIndex(line, d.column - 1) + 1 };
}
