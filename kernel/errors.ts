// Turns a failed cell into Jupyter's error content: ename, evalue and a traceback without the kernel's frames.
import { inspect } from "node:util";
import type { CellDiagnostic } from "./run.js";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

// Frames from tslab, this kernel, node's vm and node internals say nothing about the learner's code.
const KERNEL_FRAME = /node_modules[\\/]tslab[\\/]|[\\/]dist[\\/]kernel[\\/]|\(node:|at node:/;

/** A type error: the first diagnostic is the evalue, every diagnostic with its source line is the traceback. */
export function typeErrorContent(diagnostics: CellDiagnostic[], code: string): ErrorContent {
  const lines = code.split("\n");
  const traceback = diagnostics.flatMap((d) => {
    const where = `${d.file ? `${d.file} ` : ""}${d.line}:${d.column} - ${d.message}`;
    const source = d.file ? undefined : lines[d.line - 1];
    if (source === undefined) return [where];
    return [where, `  ${source}`, `  ${" ".repeat(Math.max(0, d.column - 1))}^`];
  });
  const first = diagnostics[0];
  const evalue = first
    ? `${first.file ? `${first.file} ` : ""}${first.line}:${first.column} - ${first.message}`
    : "";
  return { ename: "TypeScriptError", evalue, traceback };
}

/** A thrown value: name and message of an Error (stack trimmed to the cell's frames), else its inspection. */
export function thrownContent(thrown: unknown): ErrorContent {
  if (!(thrown instanceof Error) && !isErrorLike(thrown)) {
    const evalue = inspect(thrown);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  const error = thrown as Error & { code?: unknown };
  const ename = isInterrupt(error) ? "Interrupted" : error.name || "Error";
  const evalue = String(error.message ?? "");
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line) && !KERNEL_FRAME.test(line))
    // Cell positions are in tslab's compiled JavaScript, not in the cell's TypeScript: name the cell only.
    .map((line) => line.replace(/evalmachine\.<anonymous>(:\d+:\d+)?/g, "<cell>"));
  return { ename, evalue, traceback: [`${ename}: ${evalue}`, ...frames] };
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
