// The inputs (and text outputs) of this kernel's executed cells, answering history_request tail, range and search.
export type HistoryEntry = [session: number, line: number, input: string | [string, string | null]];

interface Cell {
  line: number;
  input: string;
  output: string | null;
}

/** Cells live in memory only: one session, numbered 1, whose lines are the execution counts. */
export const SESSION = 1;

export interface HistoryRequest {
  hist_access_type?: string;
  output?: boolean;
  n?: number | null;
  session?: number | null;
  start?: number | null;
  stop?: number | null;
  pattern?: string;
  unique?: boolean;
}

export class History {
  private readonly cells: Cell[] = [];

  add(line: number, input: string): void {
    this.cells.push({ line, input, output: null });
  }

  setOutput(line: number, output: string): void {
    for (const cell of this.cells) if (cell.line === line) cell.output = output;
  }

  query(req: HistoryRequest): HistoryEntry[] {
    const entry = (c: Cell): HistoryEntry => [
      SESSION,
      c.line,
      req.output ? [c.input, c.output] : c.input,
    ];
    return this.select(req).map(entry);
  }

  private select(req: HistoryRequest): Cell[] {
    switch (req.hist_access_type) {
      case "tail":
        return last(this.cells, req.n);
      case "range": {
        // Session 0 (or none) means "this session"; earlier sessions were never kept.
        if (req.session && req.session !== SESSION) return [];
        const start = req.start ?? 0;
        const stop = req.stop || Number.POSITIVE_INFINITY;
        return this.cells.filter((c) => c.line >= start && c.line < stop);
      }
      case "search": {
        const match = globToRegExp(req.pattern ?? "*");
        let found = this.cells.filter((c) => match.test(c.input));
        if (req.unique)
          found = found.filter((c, i) => !found.slice(i + 1).some((d) => d.input === c.input));
        return last(found, req.n);
      }
      default:
        return [];
    }
  }
}

function last<T>(items: T[], n: number | null | undefined): T[] {
  return n && n > 0 ? items.slice(-n) : items.slice();
}

/** IPython's history search uses glob patterns: * any text, ? one character. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split("")
    .map((ch) =>
      ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[\\s\\S]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}$`);
}
