// The explorer's markup as HTML strings: its inputs, its matrices, one weight's computation and one
// output's sum. The same functions draw the still picture in Node and every redraw in the page, so
// they call only each other (their sources are put side by side in the page's script).
import type { ExploreWords } from "../words.js";
import type { ExploreState, ExploreView } from "./chain.js";

/** What a learner's function gave on the current inputs: its O (and A'), or why there is none. */
export interface MineResult {
  O?: number[][];
  Aprime?: number[][];
  error?: string;
  note?: string;
}

/** The words of the tokens and the learner's function's name, beside the edition's words. */
export interface ViewText {
  w: ExploreWords;
  tokens: readonly string[];
  /** The learner's function's name, when there is one. */
  mine: string | null;
}

/** `t` with each `{key}` replaced by its value. */
export function fill(t: string, values: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

/** Text made safe in HTML element text and attribute values. */
export function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A number with `digits` decimals, or (digits null) with at most 4 and no trailing zeros; no "-0". */
export function num(x: number, digits: number | null = null): string {
  if (!Number.isFinite(x)) return String(x);
  const fixed = x.toFixed(digits ?? 4);
  const s = digits === null ? fixed.replace(/\.?0+$/, "") : fixed;
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace("-", "−");
}

/** Background and text colour of a heatmap cell for `x` in [lo, hi], as the course's heatmaps shade. */
export function shade(x: number, lo: number, hi: number): string {
  const w = Math.max(0, Math.min(1, (x - lo) / (hi - lo || 1)));
  const bg = `rgb(${Math.round(255 - w * 200)},${Math.round(255 - w * 150)},255)`;
  return `background-color:${bg};color:${w > 0.55 ? "#fff" : "#000"}`;
}

/** How the drawing of one matrix differs from the plain one. */
export interface TableOptions {
  /** Decimals of every entry (null: as few as needed, at most 4). */
  digits?: number | null;
  /** Shade entries from lo to hi. */
  heat?: [number, number] | null;
  /** Extra attributes of entry [j][i]. */
  cell?: ((j: number, i: number) => string) | null;
  /** Extra attributes of column label i. */
  head?: ((i: number) => string) | null;
  /** Entries to mark as differing. */
  diff?: boolean[][] | null;
  /** Entries drawn as inputs (the page) rather than numbers (the still picture). */
  input?: string | null;
}

/** One matrix as a table with a caption, row and column labels, and its values in data-value. */
export function matrixTable(
  name: string,
  caption: string,
  M: number[][],
  rows: readonly string[],
  cols: readonly string[],
  o: TableOptions = {},
): string {
  const head = cols.map((c, i) => `<th${o.head ? ` ${o.head(i)}` : ""}>${esc(c)}</th>`).join("");
  const body = M.map((row, j) => {
    const cells = row.map((x, i) => {
      const attrs: string[] = [];
      const classes: string[] = [];
      if (o.heat) attrs.push(`style="${shade(x, o.heat[0], o.heat[1])}"`);
      if (o.diff?.[j]?.[i]) classes.push("afz-diff");
      if (o.cell) attrs.push(o.cell(j, i));
      if (classes.length > 0) attrs.push(`class="${classes.join(" ")}"`);
      const label = `${cols[i] ?? ""}[${j}]`;
      const content =
        o.input !== null && o.input !== undefined
          ? `<input type="number" min="-3" max="3" step="0.5" value="${x}" data-m="${esc(o.input)}" data-r="${j}" data-c="${i}" aria-label="${esc(`${name} ${label}`)}">`
          : num(x, o.digits ?? null);
      return `<td${attrs.length > 0 ? ` ${attrs.join(" ")}` : ""}>${content}</td>`;
    });
    return `<tr><th>${esc(rows[j] ?? "")}</th>${cells.join("")}</tr>`;
  });
  return (
    `<table class="afz-m${o.input ? " afz-in" : ""}${o.heat ? " afz-heat" : ""}" data-name="${esc(name)}" data-value="${esc(JSON.stringify(M))}">` +
    `<caption>${caption}</caption><tr><th></th>${head}</tr>${body.join("")}</table>`
  );
}

/**
 * Pictures side by side, in a table rather than a flexible box, so that they stay side by side
 * where a notebook strips the output's style (an untrusted notebook); the explorer's style turns
 * the row into a wrapping box, so that on a narrow page the pictures on the right move below
 * instead of out of sight.
 */
export function row(parts: readonly string[]): string {
  return `<table class="afz-row"><tr>${parts.map((p) => `<td class="afz-slot" valign="top">${p}</td>`).join("")}</tr></table>`;
}

/** Labels p1 … pn, each followed by its token's word when given: "q1 the". */
export function seq(p: string, n: number, tokens?: readonly string[]): string[] {
  return Array.from({ length: n }, (_, i) => `${p}${i + 1}${tokens?.[i] ? ` ${tokens[i]}` : ""}`);
}

/** Labels of rows counted from 0 as code counts them: [0] … [n−1]. */
export function idx(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `[${i}]`);
}

/** The inputs: I, Wq, Wk and Wv as grids of number inputs (editable) or of numbers, and the toggles. */
export function renderInputs(s: ExploreState, t: ViewText, editable: boolean): string {
  const n = (s.I[0] ?? []).length;
  const grid = (name: string, caption: string, M: number[][], cols: readonly string[]) =>
    matrixTable(name, caption, M, idx(M.length), cols, { input: editable ? name : null });
  const box = (key: "scale" | "causal", label: string) =>
    editable
      ? `<label><input type="checkbox" data-t="${key}"${s[key] ? " checked" : ""}> ${esc(label)}</label>`
      : `<div>${s[key] ? "☑" : "☐"} ${esc(label)}</div>`;
  return (
    row([
      grid("I", `${esc(t.w.inputs)}`, s.I, seq("a", n, t.tokens)),
      grid("Wq", "W<sup>q</sup>", s.Wq, idx(s.Wq[0]?.length ?? 0)),
      grid("Wk", "W<sup>k</sup>", s.Wk, idx(s.Wk[0]?.length ?? 0)),
      grid("Wv", "W<sup>v</sup>", s.Wv, idx(s.Wv[0]?.length ?? 0)),
    ]) +
    `<div class="afz-toggles">${box("scale", t.w.scale)}${box("causal", t.w.causal)}` +
    (editable ? `<button type="button" data-reset="1">${esc(t.w.reset)}</button>` : "") +
    `</div>`
  );
}

/** Why `x` is not a d_v×n matrix: its shape in words. */
export function shapeWords(x: unknown, w: ExploreWords): string {
  if (typeof x === "number") return w.shapeNumber;
  if (Array.isArray(x) && x.every((r) => typeof r === "number"))
    return fill(w.shapeVector, { n: x.length });
  if (Array.isArray(x) && Array.isArray(x[0]))
    return fill(w.shapeMatrix, { r: x.length, c: (x[0] as unknown[]).length });
  return x === null ? "null" : typeof x;
}

/** Which entries of `got` differ from `want` (beyond rounding), how many, and the largest gap. */
export function differences(
  got: number[][],
  want: number[][],
): { diff: boolean[][]; count: number; gap: number } {
  let count = 0;
  let gap = 0;
  const diff = want.map((row, j) =>
    row.map((x, i) => {
      const g = got[j]?.[i];
      const d = typeof g === "number" ? Math.abs(g - x) : Infinity;
      const off = !(d <= 1e-9 * Math.max(1, Math.abs(x)));
      if (off) count++;
      if (off) gap = Math.max(gap, d);
      return off;
    }),
  );
  return { diff, count, gap };
}

/** The learner's function's results beside the library's, every differing entry marked. */
export function renderMine(v: ExploreView, t: ViewText, mine: MineResult): string {
  const name = t.mine ?? "";
  const n = v.O[0]?.length ?? 0;
  const parts = [`<div class="afz-mine"><h4>${esc(fill(t.w.mineHead, { name }))}</h4>`];
  if (mine.note) parts.push(`<p class="afz-note">${esc(mine.note)}</p>`);
  if (mine.error || !mine.O) {
    parts.push(`<p class="afz-error" role="alert">${esc(mine.error ?? "")}</p></div>`);
    return parts.join("");
  }
  const dO = differences(mine.O, v.O);
  const dA = mine.Aprime ? differences(mine.Aprime, v.Aprime) : null;
  const count = dO.count + (dA?.count ?? 0);
  const total = v.O.length * n + (dA ? n * n : 0);
  const gap = Math.max(dO.gap, dA?.gap ?? 0);
  parts.push(
    `<p class="${count > 0 ? "afz-error" : "afz-ok"}" data-differ="${count}">${esc(
      count > 0
        ? fill(t.w.mineDiffer, { count, total, gap: num(gap) })
        : fill(t.w.mineSame, { name }),
    )}</p>`,
  );
  const tables: string[] = [];
  if (mine.Aprime && dA)
    tables.push(
      matrixTable("mine A'", `A' (${esc(t.w.yours)})`, mine.Aprime, seq("k", n), seq("q", n), {
        digits: 4,
        heat: [0, 1],
        diff: dA.diff,
      }),
    );
  tables.push(
    matrixTable("mine O", `O (${esc(t.w.yours)})`, mine.O, idx(mine.O.length), seq("b", n), {
      digits: 4,
      diff: dO.diff,
    }),
  );
  parts.push(row(tables), `</div>`);
  return parts.join("");
}

/** Q, K, V, A, A' (a heatmap) and O, in the article's notation, and the learner's results. */
export function renderOutputs(
  v: ExploreView,
  t: ViewText,
  mine: MineResult | null,
  panel: string,
): string {
  const n = v.O[0]?.length ?? 0;
  const scaled = v.factor !== 1 ? " · 1/√d<sub>k</sub>" : "";
  const cell = (j: number, i: number) =>
    `tabindex="0" data-alpha="${j},${i}"${v.allowed[j]?.[i] ? "" : ' data-masked="1"'}`;
  return (
    row([
      matrixTable("Q", "Q = W<sup>q</sup>·I", v.Q, idx(v.Q.length), seq("q", n)),
      matrixTable("K", "K = W<sup>k</sup>·I", v.K, idx(v.K.length), seq("k", n)),
      matrixTable("V", "V = W<sup>v</sup>·I", v.V, idx(v.V.length), seq("v", n)),
      matrixTable("A", `A = K<sup>T</sup>Q${scaled}`, v.A, seq("k", n), seq("q", n)),
    ]) +
    row([
      matrixTable(
        "A'",
        `A' <span class="afz-small">${esc(t.w.weightsNote)}</span>`,
        v.Aprime,
        seq("k", n, t.tokens),
        seq("q", n, t.tokens),
        {
          digits: 4,
          heat: [0, 1],
          cell,
        },
      ),
      matrixTable("O", "O = V·A'", v.O, idx(v.O.length), seq("b", n, t.tokens), {
        digits: 4,
        cell: (_j, i) => `data-b="${i}"`,
        head: (i) => `tabindex="0" data-b="${i}"`,
        diff: null,
      }),
      `<div class="afz-panel" aria-live="polite">${panel}</div>`,
    ]) +
    (mine ? renderMine(v, t, mine) : "")
  );
}

/** How α'_{i,j} (query i, key j, 0-based; A'[j][i]) is computed, with the real numbers. */
export function renderChain(
  s: ExploreState,
  v: ExploreView,
  t: ViewText,
  i: number,
  j: number,
): string {
  const w = t.w;
  const sub = (a: number, b: number) => `<sub>${a + 1},${b + 1}</sub>`;
  const head = `<p><b>α'${sub(i, j)}</b>${esc(fill(w.chainHead, { i: i + 1, j: j + 1, qw: t.tokens[i] ?? "", kw: t.tokens[j] ?? "", r: j, c: i }))}</p>`;
  if (!v.allowed[j]?.[i])
    return `<div class="afz-chain" data-chain="${i},${j}">${head}<p>${esc(fill(w.masked, { i: i + 1, j: j + 1 }))}</p><p>α'${sub(i, j)} = 0</p></div>`;
  const paren = (x: number) => (x < 0 ? `(${num(x)})` : num(x));
  const q = v.Q.map((r) => r[i] as number);
  const k = v.K.map((r) => r[j] as number);
  const dotv = q.reduce((a, x, r) => a + x * (k[r] as number), 0);
  const col = v.A.map((r) => r[i] as number);
  const ok = v.allowed.map((r) => r[i] === true);
  const m = Math.max(...col.filter((_, t2) => ok[t2]));
  const e = col.map((x, t2) => (ok[t2] ? Math.exp(x - m) : 0));
  const total = e.reduce((a, b) => a + b, 0);
  const a = col[j] as number;
  const row = (label: string, work: string, value: string) =>
    `<tr><th>${label}</th><td>= ${work}</td><td>= <b>${value}</b></td></tr>`;
  const rows = [
    row(
      `α${sub(i, j)} = q<sub>${i + 1}</sub>·k<sub>${j + 1}</sub>`,
      q.map((x, r) => `${paren(x)}·${paren(k[r] as number)}`).join(" + "),
      num(dotv),
    ),
  ];
  if (v.factor !== 1) rows.push(row(esc(w.scaled), `${paren(dotv)} × ${num(v.factor)}`, num(a)));
  rows.push(
    row(`exp(α${sub(i, j)} − m)`, `exp(${paren(a)} − ${paren(m)})`, num(e[j] as number)),
    row(esc(w.columnSum), e.map((x, t2) => (ok[t2] ? num(x) : "0")).join(" + "), num(total)),
    row(
      `α'${sub(i, j)} (${esc(w.quotient)})`,
      `${num(e[j] as number)} / ${num(total)}`,
      num((e[j] as number) / total, 4),
    ),
  );
  return (
    `<div class="afz-chain" data-chain="${i},${j}">${head}<table>${rows.join("")}</table>` +
    `<p class="afz-small">${esc(fill(w.shifted, { m: num(m) }))}</p></div>`
  );
}

/** Column i of O (0-based) as b_i = Σ_j α'_{i,j}·v_j, with the real numbers. */
export function renderSum(v: ExploreView, t: ViewText, i: number): string {
  const vec = (x: number[]) => `[${x.map((e) => num(e)).join(", ")}]`;
  const n = v.Aprime.length;
  const terms = Array.from({ length: n }, (_, j) => {
    const a = v.Aprime[j]?.[i] as number;
    const vj = v.V.map((r) => r[j] as number);
    return `<tr><th>α'<sub>${i + 1},${j + 1}</sub>·v<sub>${j + 1}</sub></th><td>${j === 0 ? "" : "+ "}${num(a)} · ${vec(vj)}</td><td>= ${vec(vj.map((x) => a * x))}</td></tr>`;
  });
  const b = v.O.map((r) => r[i] as number);
  return (
    `<div class="afz-sum" data-sum="${i}"><p><b>b<sub>${i + 1}</sub> = Σ<sub>j</sub> α'<sub>${i + 1},j</sub>·v<sub>j</sub></b>${esc(fill(t.w.sumHead, { i: i + 1, c: i }))}</p>` +
    `<table>${terms.join("")}<tr><th>b<sub>${i + 1}</sub></th><td></td><td>= <b>[${b.map((e) => num(e, 4)).join(", ")}]</b></td></tr></table></div>`
  );
}
