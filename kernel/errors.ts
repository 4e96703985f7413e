// Turns a failed cell into Jupyter's error content: ename, evalue and a traceback without the kernel's frames.
import { inspect } from "node:util";
import type { CellDiagnostic, CellLocator } from "./run.js";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

// Frames from libraries, this kernel, node's vm, node internals and built-ins say nothing about the learner's code.
const FOREIGN_FRAME =
  /node_modules[\\/]|[\\/]dist[\\/]kernel[\\/]|\(node:|at node:|\(<anonymous>\)|\(native\)|evalmachine\./;
// A frame in a cell's script: "    at f (cell-3:2:9)" or "    at cell-3:4:1" (see CellRunner).
const CELL_FRAME = /^\s+at (async )?(?:(.*) \()?(cell-\d+):(\d+):(\d+)\)?$/;
// A frame in the course's own code that a notebook imports through its folder's links (src/, course/,
// fast/): "    at Proxy.score (/…/notebooks/src/score.js:18:40)".
const LIBRARY_FRAME =
  /^\s+at (?:async )?(?:(.*) \()?(?:.*[\\/])?((?:src|course|fast)[\\/][\w.-]+)\.js:\d+:\d+\)?$/;

/** A compiler message as the kernel prints it: "[file ]line:column - message". */
export function diagnosticLine(d: CellDiagnostic): string {
  return `${d.file ? `${d.file} ` : ""}${d.line}:${d.column} - ${d.message}`;
}

/** A type error: the first diagnostic is the evalue, every diagnostic with its source line is the traceback. */
export function typeErrorContent(diagnostics: CellDiagnostic[], code: string): ErrorContent {
  const lines = code.split("\n");
  const traceback = diagnostics.flatMap((d) => {
    const where = diagnosticLine(d);
    const source = d.file ? undefined : lines[d.line - 1];
    if (source === undefined) return [where];
    return [where, `  ${source}`, `  ${" ".repeat(Math.max(0, d.column - 1))}^`];
  });
  const first = diagnostics[0];
  const evalue = first ? diagnosticLine(first) : "";
  return { ename: "TypeScriptError", evalue, traceback };
}

/**
 * A thrown value: name and message of an Error, else its inspection. The traceback keeps the
 * cell's own frames, placed in the cell's TypeScript by `locate`, and frames of the learner's own
 * files; a call into the course's library is one line naming the function the cell called
 * (`at score (library: src/score.ts)`), not the library's insides; frames of tslab's wrapper,
 * other libraries and node are left out, and so is any frame for which `foreign` (the in-browser
 * kernel's: its own script's) says true.
 */
export function thrownContent(
  thrown: unknown,
  locate?: CellLocator,
  foreign: (frame: string) => boolean = () => false,
): ErrorContent {
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) {
    const evalue = inspect(thrown);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const error = thrown as Error & { code?: unknown };
  const ename = isInterrupt(error) ? "Interrupted" : error.name || "Error";
  const evalue = String(error.message ?? "");
  const lines = String(error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line) && !foreign(line));
  const frames = lines.flatMap((line, k) => {
    const library = LIBRARY_FRAME.exec(line);
    if (!library) return frame(line, locate);
    // a run of library frames shows as its outermost one: the function the cell called
    if (k + 1 < lines.length && LIBRARY_FRAME.test(lines[k + 1] as string)) return [];
    const [, fn = "", file = ""] = library;
    const name = fn.replace(/^(?:Proxy|Object|Module|exports)\./, "") || "<anonymous>";
    return [`    at ${name} (library: ${file.replace(/\\/g, "/")}.ts)`];
  });
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames] };
}

function frame(line: string, locate: CellLocator | undefined): string[] {
  const cell = CELL_FRAME.exec(line);
  if (!cell) return FOREIGN_FRAME.test(line) ? [] : [line];
  const [, async = "", fn, script = "", row = "", column = ""] = cell;
  const at = locate?.(script, Number(row), Number(column));
  // Not in the cell's code: tslab's wrapper that called it.
  if (!at) return [];
  const cellName = at.cell ? `<cell ${at.cell}>` : "<cell>";
  const where = at.line ? `${cellName}:${at.line}:${at.column}` : cellName;
  return [fn ? `    at ${async}${fn} (${where})` : `    at ${async}${where}`];
}

// Errors made in another realm fail instanceof but still carry name, message and stack.
function isErrorLike(value: unknown): boolean {
  return typeof value === "object" && value !== null && "message" in value && "stack" in value;
}

// vm's breakOnSigint error (a busy loop) and tslab's rejection of an awaited promise on SIGINT.
function isInterrupt(error: Error & { code?: unknown }): boolean {
  return (
    error.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED" ||
    error.message === "Interrupted asynchronously"
  );
}

/**
 * An error's content with a line of its own after the frames, which says in words what in the cell
 * caused it (the course's `explainThrow`); the content as it was when there is none.
 */
export function withNote(content: ErrorContent, note: string | undefined): ErrorContent {
  return note ? { ...content, traceback: [...content.traceback, note] } : content;
}
