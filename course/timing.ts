// Lesson 7's stopwatch and chart: the median time of a function, and an SVG line plot of timings.

/** One line of a plot: a name for the legend and its (x, y) points in order of x. */
export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
}

/** Labels and axis kinds of a plot; a log axis suits timings that grow by orders of magnitude. */
export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  logX?: boolean;
  logY?: boolean;
}

/**
 * How long one call of f takes, in milliseconds: the median of several timed rounds after one
 * untimed warm-up call. The median ignores the odd round slowed down by garbage collection.
 *
 * Formula: median(t_1 … t_r), with t_k = performance.now() after round k − before it
 * Shapes: f (a function of no arguments), rounds r ≥ 1 → a time in milliseconds ≥ 0
 *
 * @example
 * medianTime(() => Math.sqrt(2), 3) >= 0 // returns true
 */
export function medianTime(f: () => unknown, rounds = 5): number {
  f(); // warm-up: the first call also pays for compiling f
  const times: number[] = [];
  for (let k = 0; k < Math.max(1, rounds); k++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1
    ? (times[mid] as number)
    : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}

const COLOURS = ["#3b6fb6", "#d1495b", "#2e933c", "#edae49", "#6a4c93"];
const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const tick = (v: number) =>
  Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toPrecision(2);

/**
 * Draws one or more series as lines with dots, axes, ticks and a legend, as an SVG string
 * (show it in a notebook with showSvg). Non-positive values are left out on a log axis.
 *
 * Formula: pixel x = left + (x − x_min)/(x_max − x_min)·width, the same for y (on log10 values for a log axis)
 * Shapes: series s lines of (x, y) points → one SVG picture, 560×340
 *
 * @example
 * linePlot([{ name: "t", points: [[1, 1], [2, 4]] }]).startsWith("<svg") // returns true
 */
export function linePlot(series: readonly Series[], options: PlotOptions = {}): string {
  const width = 560;
  const height = 340;
  const left = 70;
  const right = 150;
  const top = 40;
  const bottom = 50;
  const fx = (x: number) => (options.logX ? Math.log10(x) : x);
  const fy = (y: number) => (options.logY ? Math.log10(y) : y);
  const usable = (p: readonly [number, number]) =>
    Number.isFinite(fx(p[0])) && Number.isFinite(fy(p[1]));
  const pts = series.flatMap((s) => s.points.filter(usable));
  const xs = pts.map((p) => fx(p[0]));
  const ys = pts.map((p) => fy(p[1]));
  const x0 = Math.min(...xs, Number.POSITIVE_INFINITY);
  const x1 = Math.max(...xs, Number.NEGATIVE_INFINITY);
  const y0 = options.logY ? Math.min(...ys) : Math.min(0, ...ys);
  const y1 = Math.max(...ys, Number.NEGATIVE_INFINITY);
  const spanX = x1 > x0 ? x1 - x0 : 1;
  const spanY = y1 > y0 ? y1 - y0 : 1;
  const px = (x: number) => left + ((fx(x) - x0) / spanX) * (width - left - right);
  const py = (y: number) => height - bottom - ((fy(y) - y0) / spanY) * (height - top - bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="line-plot" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<text x="${left}" y="20" font-weight="bold">${escapeXml(options.title ?? "")}</text>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - right}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="${(left + width - right) / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(options.xLabel ?? "")}</text>`,
    `<text x="16" y="${(top + height - bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(top + height - bottom) / 2})">${escapeXml(options.yLabel ?? "")}</text>`,
  ];
  if (pts.length === 0) return [...parts, "</svg>"].join("");
  const axisValues = (lo: number, hi: number, log: boolean | undefined) =>
    Array.from({ length: 5 }, (_, k) => lo + ((hi - lo) * k) / 4).map((v) => (log ? 10 ** v : v));
  for (const x of new Set(pts.map((p) => p[0]))) {
    parts.push(
      `<text x="${px(x)}" y="${height - bottom + 16}" text-anchor="middle">${tick(x)}</text>`,
    );
  }
  for (const y of axisValues(y0, y0 + spanY, options.logY)) {
    parts.push(
      `<line x1="${left - 4}" y1="${py(y)}" x2="${width - right}" y2="${py(y)}" stroke="#eee"/>`,
      `<text x="${left - 8}" y="${py(y) + 4}" text-anchor="end">${tick(y)}</text>`,
    );
  }
  series.forEach((s, k) => {
    const colour = COLOURS[k % COLOURS.length] as string;
    const line = s.points.filter(usable).map((p) => `${px(p[0])},${py(p[1])}`);
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${line.join(" ")}"/>`,
      ...line.map((xy) => {
        const [cx, cy] = xy.split(",");
        return `<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`;
      }),
      `<rect x="${width - right + 12}" y="${top + k * 20}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${width - right + 30}" y="${top + k * 20 + 10}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
