// Every picture of the course as an SVG string: bars, line plots, heatmaps and the overview of self-attention.
import { toPlain } from "./compare.js";
import { words as edition } from "./words.js";

const FONT = 12;
const COLOURS = ["#3b6fb6", "#d1495b", "#2e933c", "#edae49", "#6a4c93", "#7f7f7f", "#17becf"];

/**
 * Text made safe inside SVG or HTML, in element text and in attribute values.
 *
 * @example
 * escapeXml('a<b & "c"') // returns "a&lt;b &amp; &quot;c&quot;"
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * How wide a label is drawn, a generous estimate: wide (CJK) characters count as one em, others
 * as 0.62 em. Every picture sizes its margins with it, so no label is cut off.
 *
 * @example
 * textWidth("ab", 10) // returns 12.4
 */
export function textWidth(text: string, size = FONT): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) as number) >= 0x2e80 ? 1 : 0.62;
  return Math.round(ems * size * 100) / 100;
}

/** "1 label", "3 labels". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const r1 = (x: number) => Math.round(x * 10) / 10;

function svg(width: number, height: number, cls: string, body: string[], data = ""): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${cls}"${data} width="${w}" height="${h}" ` +
    `viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="${FONT}">` +
    `<rect width="${w}" height="${h}" fill="white"/>${body.join("")}</svg>`
  );
}

function text(x: number, y: number, s: string, attrs = ""): string {
  return `<text x="${r1(x)}" y="${r1(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(s)}</text>`;
}

/** A short label for a number: whole numbers as they are, others to `digits` significant digits. */
function label(v: number, digits = 3): string {
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return String(Number(v.toPrecision(digits)));
}

function finiteVector(values: unknown, call: string): number[] {
  const plain = toPlain(values);
  if (plain === null || typeof plain === "number" || (plain.length > 0 && Array.isArray(plain[0])))
    throw new Error(`${call} needs a vector of numbers (an array or a mathjs vector)`);
  const v = plain as number[];
  if (v.length === 0) throw new Error(`${call} needs at least one value, got an empty vector`);
  const bad = v.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new Error(`${call} needs finite numbers: entry ${bad} is ${v[bad]}`);
  return v;
}

/** Options of bars(): a title above the bars. */
export interface BarOptions {
  title?: string;
}

/**
 * One bar per value with the value above it (below it when negative) and its label underneath,
 * e.g. the four scores of one query, one bar per word.
 *
 * Formula: bar height = |value| · 120 / (max(0, values) − min(0, values)) pixels, from a zero line
 * Shapes: values (n, an array or a mathjs vector), labels (n) → one SVG picture
 *
 * @example
 * bars([2, 1, 0, 1], ["the", "cat", "sat", "down"]).match(/<rect [^/]*fill="#3b6fb6"/g).length // returns 4
 */
export function bars(values: unknown, labels: readonly string[], options: BarOptions = {}): string {
  const v = finiteVector(values, "bars(values, labels)");
  if (labels.length !== v.length)
    throw new Error(
      `bars(values, labels) needs one label per value: got ${count(v.length, "value")} and ${count(labels.length, "label")}`,
    );
  const slot = Math.max(
    48,
    ...labels.map((l) => textWidth(l) + 12),
    ...v.map((x) => textWidth(label(x)) + 12),
  );
  const top = (options.title ? 2 * FONT + 8 : 0) + FONT + 10;
  const span = 120;
  const hi = Math.max(0, ...v);
  const lo = Math.min(0, ...v);
  const scale = span / (hi - lo || 1);
  const zero = top + hi * scale;
  const bottom = zero - lo * scale + (lo < 0 ? FONT + 6 : 0);
  const width = Math.max(v.length * slot, textWidth(options.title ?? "", FONT + 1)) + 20;
  const body: string[] = [];
  if (options.title) body.push(text(10, FONT + 6, options.title, 'font-weight="bold"'));
  v.forEach((x, j) => {
    const mid = 10 + j * slot + slot / 2;
    const h = Math.abs(x) * scale;
    const y = x >= 0 ? zero - h : zero;
    body.push(
      `<rect x="${r1(mid - slot / 2 + 6)}" y="${r1(y)}" width="${r1(slot - 12)}" height="${r1(h)}" fill="#3b6fb6"/>`,
      text(mid, x >= 0 ? y - 4 : y + h + FONT + 2, label(x), 'text-anchor="middle"'),
      text(mid, bottom + FONT + 6, labels[j] as string, 'text-anchor="middle"'),
    );
  });
  body.push(
    `<line x1="10" y1="${r1(zero)}" x2="${r1(10 + v.length * slot)}" y2="${r1(zero)}" stroke="#333"/>`,
  );
  return svg(width, bottom + FONT + 14, "bar-chart", body);
}

/** One line of a plot: a name for the legend and its (x, y) points in order of x. */
export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** A colour of its own; by default the next of the plot's colours. */
  colour?: string;
}

/** Labels and axis kinds of a plot; a log axis suits values that grow by orders of magnitude. */
export interface PlotOptions {
  title?: string;
  /** A second, smaller line under the title (the machine a timing was made on, say). */
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  logY?: boolean;
}

/** Where the ticks of an axis go: powers of ten (and 2, 5 between when few) on a log axis. */
function ticks(lo: number, hi: number, log: boolean, data: number[]): number[] {
  const distinct = [...new Set(data)].sort((a, b) => a - b);
  if (data.length > 0 && distinct.length <= 8) return distinct;
  if (log) {
    const out: number[] = [];
    const few = Math.log10(hi / lo) < 2;
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of few ? [1, 2, 5] : [1]) {
        const t = m * 10 ** e;
        if (t >= lo * 0.999 && t <= hi * 1.001) out.push(Number(t.toPrecision(12)));
      }
    return out.length > 0 ? out : [lo, hi];
  }
  const raw = (hi - lo) / 4 || 1;
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ??
    raw;
  const out: number[] = [];
  const last = Math.ceil(hi / step - 1e-9) * step; // the axis ends on a tick at or above the top
  for (let t = Math.floor(lo / step + 1e-9) * step; t <= last + step * 1e-9; t += step)
    out.push(Number(t.toPrecision(12)));
  return out;
}

function checkSeries(series: readonly Series[], options: PlotOptions): void {
  if (series.length === 0) throw new Error("linePlot(series) needs at least one series, got none");
  for (const s of series) {
    if (s.points.length === 0)
      throw new Error(`linePlot(series): series "${s.name}" has no points`);
    s.points.forEach(([x, y], k) => {
      if (!Number.isFinite(x) || !Number.isFinite(y))
        throw new Error(
          `linePlot(series): series "${s.name}" point ${k} is (${x}, ${y}); every point needs finite x and y`,
        );
      if ((options.logX && x <= 0) || (options.logY && y <= 0))
        throw new Error(
          `linePlot(series): series "${s.name}" point ${k} is (${x}, ${y}), but a log axis needs values above 0`,
        );
    });
  }
}

/**
 * Draws one or more series as lines with dots, axes, ticks and a legend, on linear or log axes.
 *
 * Formula: pixel x = left + (f(x) − f(x_min))/(f(x_max) − f(x_min))·width, f = log10 on a log axis (the same for y)
 * Shapes: s series of (x, y) points → one SVG picture
 *
 * @example
 * linePlot([{ name: "t", points: [[1, 1], [10, 100]] }], { logY: true }).includes(">100<") // returns true
 */
export function linePlot(series: readonly Series[], options: PlotOptions = {}): string {
  checkSeries(series, options);
  const pts = series.flatMap((s) => s.points);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const logX = options.logX === true;
  const logY = options.logY === true;
  let yLo = logY ? Math.min(...ys) : Math.min(0, ...ys);
  let yHi = Math.max(...ys);
  if (logY) [yLo, yHi] = [10 ** Math.floor(Math.log10(yLo)), 10 ** Math.ceil(Math.log10(yHi))];
  const xTicks = ticks(Math.min(...xs), Math.max(...xs), logX, xs);
  const yTicks = ticks(yLo, yHi, logY, []);
  yLo = Math.min(yLo, ...yTicks);
  yHi = Math.max(yHi, ...yTicks);
  const xLo = Math.min(...xTicks, ...xs);
  const xHi = Math.max(...xTicks, ...xs);
  const head = (options.title ? FONT + 14 : 8) + (options.subtitle ? FONT + 6 : 0);
  const left = 30 + Math.max(...yTicks.map((t) => textWidth(label(t)))) + 8;
  const legend = Math.max(...series.map((s) => textWidth(s.name))) + 46;
  const plotW = 380;
  const plotH = 240;
  const width = Math.max(
    left + plotW + legend,
    20 + textWidth(options.title ?? "", FONT + 2),
    20 + textWidth(options.subtitle ?? ""),
  );
  const height = head + plotH + 2 * FONT + 24;
  const f = (v: number, log: boolean) => (log ? Math.log10(v) : v);
  const px = (x: number) =>
    left + ((f(x, logX) - f(xLo, logX)) / (f(xHi, logX) - f(xLo, logX) || 1)) * plotW;
  const py = (y: number) =>
    head + plotH - ((f(y, logY) - f(yLo, logY)) / (f(yHi, logY) - f(yLo, logY) || 1)) * plotH;
  const body: string[] = [];
  if (options.title)
    body.push(text(10, FONT + 6, options.title, `font-size="${FONT + 2}" font-weight="bold"`));
  if (options.subtitle) body.push(text(10, head - 8, options.subtitle, 'fill="#555"'));
  for (const t of yTicks)
    body.push(
      `<line x1="${r1(left)}" y1="${r1(py(t))}" x2="${r1(left + plotW)}" y2="${r1(py(t))}" stroke="#e4e4e4"/>`,
      text(left - 6, py(t) + 4, label(t), 'text-anchor="end"'),
    );
  for (const t of xTicks)
    body.push(text(px(t), head + plotH + FONT + 4, label(t), 'text-anchor="middle"'));
  body.push(
    `<rect x="${r1(left)}" y="${r1(head)}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    text(left + plotW / 2, height - 8, options.xLabel ?? "", 'text-anchor="middle"'),
    text(
      16,
      head + plotH / 2,
      options.yLabel ?? "",
      `text-anchor="middle" transform="rotate(-90 16 ${r1(head + plotH / 2)})"`,
    ),
  );
  series.forEach((s, k) => {
    const colour = s.colour ?? (COLOURS[k % COLOURS.length] as string);
    const xy = s.points.map(([x, y]) => `${r1(px(x))},${r1(py(y))}`);
    body.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${xy.join(" ")}"/>`,
      ...s.points.map(
        ([x, y]) => `<circle cx="${r1(px(x))}" cy="${r1(py(y))}" r="3" fill="${colour}"/>`,
      ),
      `<rect x="${r1(left + plotW + 12)}" y="${head + k * 20}" width="12" height="12" fill="${colour}"/>`,
      text(left + plotW + 30, head + k * 20 + 10, s.name),
    );
  });
  return svg(width, height, "line-plot", body);
}

/** Labels and shading of a heatmap. */
export interface HeatmapOptions {
  /** Labels down the side; for a square matrix by default k1 … kn (keys), with `tokens`. */
  rows?: readonly string[];
  /** Labels across the top; for a square matrix by default q1 … qn (queries), with `tokens`. */
  cols?: readonly string[];
  /** Words added to the default labels: "k1 the", "q1 the". */
  tokens?: readonly string[];
  /** The matrix's name, in bold above it (default A'). */
  title?: string;
  /** A line after the title; for attention weights by default how to read them. */
  note?: string;
  /** The values shaded lightest and darkest (default [0, 1] when every entry is in it, else min and max). */
  range?: readonly [number, number];
  /** A column to outline, e.g. the one a lesson talks about. */
  mark?: number;
}

function numberGrid(M: unknown): number[][] {
  const plain = toPlain(M);
  if (plain === null || typeof plain === "number")
    throw new Error("heatmap(M) needs a matrix of numbers (nested arrays or a mathjs matrix)");
  const g =
    typeof plain[0] === "number" ? (plain as number[]).map((x) => [x]) : (plain as number[][]);
  if (g.length === 0 || (g[0] as number[]).length === 0)
    throw new Error("heatmap(M) needs at least one entry, got an empty matrix");
  g.forEach((row, j) =>
    row.forEach((x, i) => {
      if (!Number.isFinite(x))
        throw new Error(`heatmap(M) needs finite numbers: M[${j}][${i}] is ${x}`);
    }),
  );
  return g;
}

/** The given labels (one per row or column), or the defaults: k1 "the" … for keys, [0] … otherwise. */
function labelsOf(
  given: readonly string[] | undefined,
  n: number,
  prefix: string | null,
  tokens: readonly string[] | undefined,
  what: string,
  size: string,
): string[] {
  if (given && given.length !== n)
    throw new Error(
      `heatmap(M): M is ${size}, so it needs ${count(n, `${what} label`)}, got ${given.length}`,
    );
  if (given) return [...given];
  return Array.from({ length: n }, (_, j) =>
    prefix === null ? `[${j}]` : `${prefix}${j + 1}${tokens?.[j] ? ` ${tokens[j]}` : ""}`,
  );
}

/**
 * A matrix as a grid of shaded cells with each value written in it; by default attention weights
 * A', with keys down the side and queries across the top.
 *
 * Formula: shade of M[j][i] = (M[j][i] − lo) / (hi − lo), clamped to [0, 1]
 * Shapes: M (rows×cols), labels (rows), (cols) → one SVG picture
 *
 * @example
 * heatmap([[0.5, 1], [0.5, 0]], { tokens: ["the", "cat"] }).includes(">q2 cat<") // returns true
 */
export function heatmap(M: unknown, options: HeatmapOptions = {}): string {
  const g = numberGrid(M);
  const nr = g.length;
  const nc = (g[0] as number[]).length;
  const size = `${nr}×${nc}`;
  const square = nr === nc && !options.rows && !options.cols;
  const rows = labelsOf(options.rows, nr, square ? "k" : null, options.tokens, "row", size);
  const cols = labelsOf(options.cols, nc, square ? "q" : null, options.tokens, "column", size);
  const all = g.flat();
  const [lo, hi] =
    options.range ??
    (all.every((x) => x >= 0 && x <= 1) ? [0, 1] : [Math.min(...all), Math.max(...all)]);
  const title = options.title ?? "A'";
  const note = options.note ?? (square ? edition().weightsNote : "");
  const cell = Math.max(44, ...cols.map((c) => textWidth(c) + 10));
  const left = 16 + Math.max(...rows.map((r) => textWidth(r)));
  const top = 2 * FONT + 28 + (note ? FONT + 6 : 0);
  const width = Math.max(
    left + nc * cell + 16,
    16 + textWidth(title, FONT + 1),
    16 + textWidth(note),
  );
  const height = top + nr * cell + 16;
  const body: string[] = [text(10, FONT + 6, title, 'font-weight="bold"')];
  if (note) body.push(text(10, 2 * FONT + 12, note));
  cols.forEach((c, i) =>
    body.push(text(left + i * cell + cell / 2, top - 8, c, 'text-anchor="middle"')),
  );
  g.forEach((row, j) => {
    body.push(
      text(left - 6, top + j * cell + cell / 2 + 4, rows[j] as string, 'text-anchor="end"'),
    );
    row.forEach((x, i) => {
      const w = Math.max(0, Math.min(1, (x - lo) / (hi - lo || 1)));
      const fill = `rgb(${Math.round(255 - w * 200)},${Math.round(255 - w * 150)},255)`;
      body.push(
        `<rect x="${r1(left + i * cell)}" y="${r1(top + j * cell)}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ccc"/>`,
        text(
          left + i * cell + cell / 2,
          top + j * cell + cell / 2 + 4,
          Number.isInteger(x) ? String(x) : x.toFixed(2),
          `text-anchor="middle" fill="${w > 0.55 ? "#fff" : "#000"}"`,
        ),
      );
    });
  });
  if (options.mark !== undefined)
    body.push(
      `<rect x="${r1(left + options.mark * cell)}" y="${top}" width="${cell}" height="${nr * cell}" fill="none" stroke="#d1495b" stroke-width="3"/>`,
    );
  const data = ` data-name="${escapeXml(title)}" data-value="${escapeXml(JSON.stringify(g))}"`;
  return svg(width, height, "attention-heatmap", body, data);
}

/**
 * The picture self-attention starts from: inputs a1 … an (with their words) go up into one
 * self-attention box, and outputs b1 … bn come out of it; lines inside show that every output
 * looks at every input.
 *
 * @example
 * overview(["the", "cat"]).includes(">b2<") // returns true
 */
export function overview(words: readonly string[]): string {
  if (words.length === 0) throw new Error("overview(words) needs at least one word, got none");
  const slot = Math.max(64, ...words.map((w) => textWidth(`“${w}”`) + 14));
  const title = edition().overviewBox;
  const width = Math.max(words.length * slot, textWidth(title, FONT + 2) + 40) + 40;
  const x = (i: number) => 20 + (width - 40 - words.length * slot) / 2 + i * slot + slot / 2;
  const boxTop = 56;
  const boxBottom = 136;
  const body: string[] = [
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#333"/></marker></defs>`,
    `<rect x="20" y="${boxTop}" width="${width - 40}" height="${boxBottom - boxTop}" rx="8" fill="#eef3fb" stroke="#3b6fb6" stroke-width="2"/>`,
  ];
  words.forEach((_, j) =>
    words.forEach((__, i) =>
      body.push(
        `<line x1="${r1(x(j))}" y1="${boxBottom}" x2="${r1(x(i))}" y2="${boxTop}" stroke="#9db4da" stroke-width="1"/>`,
      ),
    ),
  );
  body.push(
    text(
      width / 2,
      (boxTop + boxBottom) / 2 + 5,
      title,
      `text-anchor="middle" font-size="${FONT + 2}" font-weight="bold" paint-order="stroke" stroke="#eef3fb" stroke-width="6"`,
    ),
  );
  words.forEach((w, i) => {
    body.push(
      `<line x1="${r1(x(i))}" y1="${boxBottom + 26}" x2="${r1(x(i))}" y2="${boxBottom + 2}" stroke="#333" marker-end="url(#arrow)"/>`,
      text(x(i), boxBottom + 42, `a${i + 1}`, 'text-anchor="middle" font-weight="bold"'),
      text(x(i), boxBottom + 58, `“${w}”`, 'text-anchor="middle" fill="#555"'),
      `<line x1="${r1(x(i))}" y1="${boxTop - 2}" x2="${r1(x(i))}" y2="${boxTop - 24}" stroke="#333" marker-end="url(#arrow)"/>`,
      text(x(i), boxTop - 30, `b${i + 1}`, 'text-anchor="middle" font-weight="bold"'),
    );
  });
  return svg(width, boxBottom + 70, "attention-overview", body);
}
