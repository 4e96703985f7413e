// Maps a position in the JavaScript tslab ran back to the cell's TypeScript. tslab's converter
// makes no source map, but its output is the cell's own tokens with types removed and some added
// (`exports.` before shared names, `exports.f = f;` after declarations), so aligning the two token
// sequences (longest common subsequence) finds, for a token of the output, the token it came from.
import { pointIndex } from "./codepoints.js";

interface Scanner {
  setText(text: string): void;
  scan(): number;
  getTokenText(): string;
  getTokenPos(): number;
}
/** The part of TypeScript that CellSource uses: its scanner (tslab's copy, which compiled the cell). */
export interface ScannerSource {
  createScanner(target: number, skipTrivia: boolean): Scanner;
  ScriptTarget: { Latest: number };
  SyntaxKind: { EndOfFileToken: number };
}

interface Token {
  text: string;
  pos: number;
}

function tokens(ts: ScannerSource, text: string): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true);
  scanner.setText(text);
  const found: Token[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    found.push({ text: scanner.getTokenText(), pos: scanner.getTokenPos() });
  }
  return found;
}

// Lines tslab's converter adds to a cell: the module marker, the exports' declarations and the
// `exports.f = f;` after each declaration.
const ADDED_LINE =
  /^(Object\.defineProperty\(exports, "__esModule".*|(exports\.[\w$]+ = )+void 0;|exports\.([\w$]+) = \3;)$/;

/** The output's tokens without what the converter added: added lines, `exports.` and `tsLastExpr =`. */
function outputTokens(ts: ScannerSource, output: string): Token[] {
  const all = tokens(ts, output);
  const added = new Set<number>();
  let lineStart = 0;
  for (const line of output.split("\n")) {
    if (ADDED_LINE.test(line)) added.add(lineStart);
    lineStart += line.length + 1;
  }
  const lineOf = (pos: number) => output.lastIndexOf("\n", pos - 1) + 1;
  return all.filter((token, i) => {
    if (added.has(lineOf(token.pos))) return false;
    const next = all[i + 1]?.text;
    const prev = all[i - 1]?.text;
    if (token.text === "exports" && next === ".") return false;
    if (token.text === "." && prev === "exports") return false;
    if (/^tsLastExpr\d*$/.test(token.text) && next === "=") return false;
    if (token.text === "=" && /^tsLastExpr\d*$/.test(prev ?? "")) return false;
    return true;
  });
}

/** Past this many token pairs (a cell of thousands of tokens) the table (2 bytes each) is too big. */
const MAX_TABLE = 16_000_000;

/** For each output token, the index of the source token it matches, or -1. */
function align(out: Token[], src: Token[]): Int32Array {
  const n = out.length;
  const m = src.length;
  const matched = new Int32Array(n).fill(-1);
  if ((n + 1) * (m + 1) > MAX_TABLE) return matched;
  const width = m + 1;
  // A common subsequence is no longer than the cell, which MAX_TABLE keeps under 65,536 tokens.
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        out[i]!.text === src[j]!.text
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  for (let i = 0, j = 0; i < n && j < m;) {
    if (out[i]!.text === src[j]!.text) {
      matched[i++] = j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return matched;
}

/** Line and column (1-based, column in code points) in `text` of UTF-16 offset `offset`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const start = before.lastIndexOf("\n") + 1;
  return { line, column: pointIndex(text.slice(start), offset - start) + 1 };
}

/** One cell as it ran: its TypeScript, and the JavaScript tslab made of it. */
export class CellSource {
  private matched: Int32Array | undefined;
  private outTokens: Token[] = [];
  private srcTokens: Token[] = [];
  private readonly lineStarts: number[];

  /**
   * `prefix`: how many characters tslab's wrapper puts before the output on its first line; `ts`:
   * the TypeScript that compiled the cell, whose scanner splits both texts into tokens.
   */
  constructor(
    readonly source: string,
    private readonly output: string,
    private readonly prefix: number,
    private readonly ts: ScannerSource,
  ) {
    this.lineStarts = [0];
    for (let at = output.indexOf("\n"); at >= 0; at = output.indexOf("\n", at + 1))
      this.lineStarts.push(at + 1);
  }

  /**
   * The cell position of output line `line`, column `column` (1-based, as in a stack trace), or
   * undefined when that position is not the cell's (tslab's wrapper around it), or null when it
   * is the cell's but could not be placed (a cell too large to align).
   */
  locate(line: number, column: number): { line: number; column: number } | null | undefined {
    const start = this.lineStarts[line - 1];
    if (start === undefined || start >= this.output.length) return undefined;
    const offset = start + column - 1 - (line === 1 ? this.prefix : 0);
    if (!this.matched) {
      this.outTokens = outputTokens(this.ts, this.output);
      this.srcTokens = tokens(this.ts, this.source);
      this.matched = align(this.outTokens, this.srcTokens);
    }
    // The token at the offset, or the next one the cell has (`exports.f()` is reported at `exports`).
    let at = this.outTokens.findIndex((t) => t.pos + t.text.length > offset);
    if (at < 0) return undefined;
    while (at < this.outTokens.length && this.matched[at]! < 0) at++;
    const src = this.srcTokens[this.matched[at] ?? -1];
    return src ? lineColumn(this.source, src.pos) : null;
  }
}
