// The replies to complete, inspect and is_complete requests, from tslab's converter: plain
// JavaScript, shared by the Node kernel (kernel/handler.ts) and the in-browser one.
import type { CompletionInfo } from "tslab/dist/converter.js";
import converterModule from "tslab/dist/converter.js";
import inspectModule from "tslab/dist/inspect.js";
import { pointIndex, unitIndex } from "./codepoints.js";

/** What answers completion and inspection: a CellRunner, which asks with the session's declarations. */
export interface Completer {
  complete(code: string, cursor: number): CompletionInfo;
  inspect(code: string, cursor: number): Parameters<typeof inspectModule.printQuickInfo>[0];
}

/** A request's cursor_pos: a whole number of code points, else (missing or not a number) the code's end. */
function cursorPosition(value: unknown, code: string): number {
  const end = [...code].length;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) return end;
  return Math.min(value, end);
}

/** cursor_pos counts code points (as JupyterLab sends it); TypeScript's positions are UTF-16. */
function cursorUnit(code: string, cursorPos: unknown): number {
  return unitIndex(code, cursorPosition(cursorPos, code));
}

/** complete_reply: the names that fit at the cursor, and the span (in code points) they replace. */
export function completeReply(runner: Completer, code: string, cursorPos: unknown) {
  const info = runner.complete(code, cursorUnit(code, cursorPos));
  return {
    status: "ok",
    matches: info.candidates,
    cursor_start: pointIndex(code, info.start),
    cursor_end: pointIndex(code, info.end),
    metadata: {},
  };
}

/** inspect_reply: the type and doc comment of the name at the cursor, when there is one. */
export function inspectReply(runner: Completer, code: string, cursorPos: unknown) {
  const info = runner.inspect(code, cursorUnit(code, cursorPos));
  const data = info ? { "text/plain": inspectModule.printQuickInfo(info) } : {};
  return { status: "ok", found: !!info, data, metadata: {} };
}

/** is_complete_reply: complete, or incomplete with the indent of the next line. */
export function isCompleteReply(code: string) {
  const result = converterModule.isCompleteCode(code);
  return result.completed
    ? { status: "complete" }
    : { status: "incomplete", indent: result.indent ?? "" };
}
