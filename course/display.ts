// Pictures of the math as HTML, LaTeX and SVG strings: labelled matrices, one query's trace, a heatmap.
import type { MathArray, Matrix } from "mathjs";
import type { VectorTrace } from "../src/index.js";
import { entryFormat, toPlain } from "./compare.js";

type Grid = number[][];

/** Anything the display helpers draw: a mathjs matrix or vector, or plain number arrays. */
export type Showable = Matrix | MathArray | readonly (readonly number[])[] | readonly number[];

function grid(M: Showable): Grid {
  const p = toPlain(M);
  if (p === null) throw new Error("display needs a number array or a mathjs matrix");
  if (typeof p === "number") return [[p]];
  if (p.length > 0 && typeof p[0] === "number") return (p as number[]).map((x) => [x]); // a vector is a column
  return p as Grid;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Default labels for the matrices of the article: the columns of I are a1…an, of Q are q1…qn,
 * and so on; A and A' have keys down the side (k1…kn) and queries across the top (q1…qn).
 */
export function labelsFor(
  name: string,
  rows: number,
  cols: number,
): { rows: string[]; cols: string[] } {
  const seq = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
  const column: Record<string, string> = { I: "a", Q: "q", K: "k", V: "v", O: "b" };
  const base = name.replace(/[′']/g, "");
  if (base === "A") return { rows: seq("k", rows), cols: seq("q", cols) };
  const p = column[base];
  return {
    rows: seq("", rows).map((r) => `[${Number(r) - 1}]`),
    cols: p ? seq(p, cols) : seq("", cols).map((c) => `[${Number(c) - 1}]`),
  };
}

export interface TableOptions {
  rows?: readonly string[];
  cols?: readonly string[];
  digits?: number;
}

/**
 * A matrix or vector as an HTML table with its name, size and labelled rows and columns.
 * The table carries its values in data attributes, so tests can read what a notebook showed.
 */
export function matrixHtml(M: Showable, name: string, options: TableOptions = {}): string {
  const g = grid(M);
  const plain = toPlain(M);
  const isVector = Array.isArray(plain) && typeof plain[0] === "number";
  const r = g.length;
  const c = g[0]?.length ?? 0;
  const labels = isVector
    ? { rows: labelsFor(name, r, c).rows, cols: [name] }
    : labelsFor(name, r, c);
  const rows = options.rows ?? labels.rows;
  const cols = options.cols ?? labels.cols;
  const num = entryFormat(g.flat(), options.digits ?? 4); // every entry alike: "1.0000" beside "0.5344"
  const head = `<tr><th></th>${cols.map((l) => `<th>${esc(l)}</th>`).join("")}</tr>`;
  const body = g
    .map(
      (row, i) =>
        `<tr><th>${esc(rows[i] ?? "")}</th>${row.map((x) => `<td>${num(x)}</td>`).join("")}</tr>`,
    )
    .join("");
  return (
    `<table class="attention-matrix" data-name="${esc(name)}" data-value="${esc(JSON.stringify(isVector ? plain : g))}">` +
    `<caption>${esc(name)} (${isVector ? `length ${r}` : `${r}×${c}`})</caption>${head}${body}</table>`
  );
}

/**
 * A matrix as LaTeX: `name = [ … ]` with a bmatrix, for Jupyter's math renderer.
 */
export function matrixLatex(M: Showable, name: string, digits = 4): string {
  const g = grid(M);
  const num = entryFormat(g.flat(), digits);
  const rows = g.map((row) => row.map((x) => num(x)).join(" & ")).join(" \\\\ ");
  const tex = name.replace(/'/g, "'").replace(/^W([qkv])$/, "W_$1");
  return `$$${tex} = \\begin{bmatrix} ${rows} \\end{bmatrix}$$`;
}

/**
 * One query's vector-form trace as HTML: q_i, then a row per key j with k_j, α_i,j, α'_i,j and
 * v_j, then b_i. `words` label the tokens.
 */
export function traceHtml(t: VectorTrace, words?: readonly string[]): string {
  const i = t.i + 1;
  const vec = (v: Matrix) => {
    const xs = v.toArray() as number[];
    return `[${xs.map(entryFormat(xs)).join(", ")}]`;
  };
  const alpha = t.alpha.toArray() as number[];
  const weights = t.alphaPrime.toArray() as number[];
  const [alphaText, weightText] = [entryFormat(alpha), entryFormat(weights)]; // each column alike
  const rows = t.k
    .map((k, j) => {
      const w = weights[j] ?? 0;
      const word = words?.[j] ? ` “${esc(words[j] as string)}”` : "";
      const bar = `<span style="display:inline-block;width:${Math.round(w * 80)}px;height:0.8em;background:#3b6fb6"></span>`;
      return `<tr><th>j=${j + 1}${word}</th><td>${vec(k)}</td><td>${alphaText(alpha[j] ?? 0)}</td><td>${weightText(w)} ${bar}</td><td>${vec(t.v[j] as Matrix)}</td></tr>`;
    })
    .join("");
  return (
    `<div class="attention-trace" data-name="b${i}" data-value="${esc(JSON.stringify(t.b.toArray()))}">` +
    `<p>q<sub>${i}</sub> = W<sub>q</sub>·a<sub>${i}</sub> = ${vec(t.q)}</p>` +
    `<table><tr><th>key</th><th>k<sub>j</sub></th><th>α<sub>${i},j</sub> = q<sub>${i}</sub>·k<sub>j</sub></th>` +
    `<th>α'<sub>${i},j</sub></th><th>v<sub>j</sub></th></tr>${rows}</table>` +
    `<p>b<sub>${i}</sub> = Σ<sub>j</sub> α'<sub>${i},j</sub>·v<sub>j</sub> = ${vec(t.b)}</p></div>`
  );
}

/**
 * A heatmap of attention weights as SVG: keys down the side, queries across the top, each cell
 * shaded by its weight with the weight written in it.
 */
export function heatmapSvg(Aprime: Showable, tokens?: readonly string[], title = "A'"): string {
  const g = grid(Aprime);
  const nk = g.length;
  const nq = g[0]?.length ?? 0;
  const cell = Math.max(28, Math.min(64, Math.floor(480 / Math.max(nk, nq))));
  const left = 90;
  const top = 70;
  const width = left + nq * cell + 20;
  const height = top + nk * cell + 20;
  const label = (prefix: string, j: number) =>
    `${prefix}${j + 1}${tokens?.[j] ? ` ${tokens[j]}` : ""}`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="attention-heatmap" data-name="${esc(title)}" data-value="${esc(JSON.stringify(g))}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<text x="${left}" y="16" font-weight="bold">${esc(title)}: column i = query i's weights (sum 1)</text>`,
    `<text x="${left + (nq * cell) / 2}" y="34" text-anchor="middle">queries →</text>`,
  ];
  for (let i = 0; i < nq; i++) {
    parts.push(
      `<text x="${left + i * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${esc(label("q", i))}</text>`,
    );
  }
  for (let j = 0; j < nk; j++) {
    parts.push(
      `<text x="${left - 6}" y="${top + j * cell + cell / 2 + 4}" text-anchor="end">${esc(label("k", j))}</text>`,
    );
    for (let i = 0; i < nq; i++) {
      const w = Math.max(0, Math.min(1, g[j]?.[i] ?? 0));
      const shade = Math.round(255 - w * 200);
      const fill = `rgb(${shade},${Math.round(255 - w * 150)},255)`;
      const ink = w > 0.55 ? "#fff" : "#000";
      parts.push(
        `<rect x="${left + i * cell}" y="${top + j * cell}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ccc"/>`,
        `<text x="${left + i * cell + cell / 2}" y="${top + j * cell + cell / 2 + 4}" text-anchor="middle" fill="${ink}">${w.toFixed(2)}</text>`,
      );
    }
  }
  parts.push("</svg>");
  return parts.join("");
}
