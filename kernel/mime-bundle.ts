// The rich form of a cell's value: mathjs matrices as an HTML table and LaTeX, or the value's own Jupyter.display bundle.
// Plain JavaScript but for node's inspect, which the in-browser kernel's bundle takes from
// node-inspect-extracted (the same code); mathjs comes from the caller.
import { inspect } from "node:util";
import { boundBundle } from "./bounds.js";

export type MimeBundle = Record<string, unknown>;

/** Values may describe their own display, as in Deno's kernel: `[Symbol.for("Jupyter.display")]() { return bundle }`. */
const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

// Rich forms round entries so a softmax column stays readable; text/plain keeps every digit.
const RICH_PRECISION = 4;
// Past this many entries a table or bmatrix is no longer something to read, nor is every entry.
const MAX_RICH_ENTRIES = 2500;
// An abbreviated matrix shows this many leading rows and columns, as util.inspect shows an array's first items.
const SHOWN_ROWS = 10;
const SHOWN_COLUMNS = 10;

export type MathjsModule = typeof import("mathjs");

// mathjs marks its matrix prototypes with isMatrix; only such values need mathjs itself.
function mightBeMatrix(value: unknown): value is object {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { isMatrix?: unknown }).isMatrix === true
  );
}

/**
 * The execute_result data for `value`: text/plain always, plus a rich form when it has one;
 * size-bounded. `loadMathjs` gives the mathjs the cells load, called only for a matrix.
 */
export async function resultBundle(
  value: unknown,
  loadMathjs: () => MathjsModule,
): Promise<MimeBundle> {
  return boundBundle(await unboundedBundle(value, loadMathjs));
}

async function unboundedBundle(
  value: unknown,
  loadMathjs: () => MathjsModule,
): Promise<MimeBundle> {
  const own = await ownBundle(value);
  if (own) return { "text/plain": inspect(value), ...own };
  if (mightBeMatrix(value)) {
    const math = loadMathjs();
    if (math.isMatrix(value)) return matrixBundle(math, value);
  }
  return { "text/plain": inspect(value) };
}

async function ownBundle(value: unknown): Promise<MimeBundle | undefined> {
  if (typeof value !== "object" && typeof value !== "function") return undefined;
  if (value === null) return undefined;
  const method = (value as Record<symbol, unknown>)[JUPYTER_DISPLAY];
  if (typeof method !== "function") return undefined;
  try {
    const bundle: unknown = await method.call(value);
    return typeof bundle === "object" && bundle !== null ? (bundle as MimeBundle) : undefined;
  } catch {
    // A broken display method should not hide the value itself.
    return undefined;
  }
}

/** A matrix's rows; a vector (1-D) is one row, so that a few vectors do not fill a screen. */
function rowsOf(m: { size(): number[]; toArray(): unknown }): unknown[][] | undefined {
  const size = m.size();
  const data = m.toArray() as unknown[];
  if (size.length === 1) return [data];
  if (size.length === 2) return data as unknown[][];
  return undefined;
}

function matrixBundle(math: MathjsModule, m: import("mathjs").Matrix): MimeBundle {
  const size = m.size();
  const count = size.reduce((a, b) => a * b, 1);
  const exact = (x: unknown) => math.format(x);
  if (count > MAX_RICH_ENTRIES) return { "text/plain": abbreviated(m, exact) };
  const rows = rowsOf(m);
  if (!rows) return { "text/plain": math.format(m) };
  const plain =
    size.length === 1
      ? `[${(rows[0] ?? []).map(exact).join(", ")}]`
      : `[${rows.map((row) => `[${row.map(exact).join(", ")}]`).join(",\n ")}]`;
  if (count === 0) return { "text/plain": plain };
  const rounded = (x: unknown) => math.format(x, { precision: RICH_PRECISION });
  return {
    "text/plain": plain,
    "text/html": htmlTable(rows, rounded, shapeOf(m.size())),
    // LaTeX writes a vector as a column, as the course's formulas do
    "text/latex": `$${latexMatrix(size.length === 1 ? (rows[0] ?? []).map((x) => [x]) : rows, rounded)}$`,
  };
}

/**
 * A large matrix's shape and its first rows and columns, the rest counted, as util.inspect
 * abbreviates a long array: "Matrix 1000×1000 [[1, 2, … 990 more], …, … 990 more rows]".
 */
function abbreviated(m: import("mathjs").Matrix, show: (x: unknown) => string): string {
  const size = m.size();
  // valueOf gives a dense matrix's own nested arrays without copying all of them, as toArray would.
  const data = m.valueOf() as unknown[];
  const shape = size.join("×");
  const list = (items: unknown[], each: (x: unknown) => string, limit: number, unit: string) => {
    const shown = items.slice(0, limit).map(each);
    if (items.length > limit) shown.push(`… ${items.length - limit} more${unit}`);
    return shown;
  };
  if (size.length === 1) {
    return `Vector ${shape} [${list(data, show, SHOWN_ROWS * SHOWN_COLUMNS, "").join(", ")}]`;
  }
  // A third dimension is only counted: its entries would not fit a line.
  const entry = (x: unknown) => (Array.isArray(x) ? `[… ${x.length}]` : show(x));
  const row = (r: unknown) =>
    Array.isArray(r) ? `[${list(r, entry, SHOWN_COLUMNS, "").join(", ")}]` : show(r);
  return `Matrix ${shape} [\n ${list(data, row, SHOWN_ROWS, " rows").join(",\n ")}\n]`;
}

/** The edition a course notebook's prelude chose (course/language.ts sets it); English otherwise. */
const LANGUAGE = Symbol.for("attention-from-zero.language");

/** A table's caption, in the notebook's edition, kept on one line. */
function shapeOf(size: number[]): string {
  const zh = (globalThis as Record<PropertyKey, unknown>)[LANGUAGE] === "zh-TW";
  if (size.length === 1) return zh ? `長度 ${size[0]} 的向量` : `vector of ${size[0]}`;
  return zh ? `${size[0]}×${size[1]} 矩陣` : `${size[0]}×${size[1]} matrix`;
}

function htmlTable(rows: unknown[][], show: (x: unknown) => string, caption: string): string {
  const body = rows
    .map((row) => `<tr>${row.map((x) => `<td>${escapeHtml(show(x))}</td>`).join("")}</tr>`)
    .join("");
  const style = "border-left:2px solid;border-right:2px solid;text-align:right";
  return `<table class="matrix" style="${style}"><caption style="white-space:nowrap">${caption}</caption>${body}</table>`;
}

function latexMatrix(rows: unknown[][], show: (x: unknown) => string): string {
  const body = rows.map((row) => row.map(show).join(" & ")).join(" \\\\ ");
  return `\\begin{bmatrix} ${body} \\end{bmatrix}`;
}

// The text of a table cell, not a picture: the kernel shows any notebook's values and imports no
// other folder (test/layout.test.ts), so it keeps this escape rather than course/pictures.ts's.
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
