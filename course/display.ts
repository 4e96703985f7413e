// The math as HTML and LaTeX strings: labelled matrices and one query's trace (pictures are in pictures.ts).
import type { MathArray, Matrix } from "mathjs";
import type { VectorTrace } from "../src/index.js";
import { entryFormat, toPlain } from "./compare.js";
import { language } from "./language.js";
import { escapeXml as esc } from "./pictures.js";

/** The few words a table or a trace shows, in the notebook's edition. */
const TABLE_WORDS = {
  en: { length: (n: number) => `length ${n}`, key: "key", aside: (s: string) => ` (${s})` },
  "zh-TW": { length: (n: number) => `長度 ${n}`, key: "key", aside: (s: string) => `（${s}）` },
};

type Grid = number[][];

/** Anything the display helpers draw: a mathjs matrix or vector, or plain number arrays. */
export type Showable = Matrix | MathArray | readonly (readonly number[])[] | readonly number[];

/** M's rows; a vector is one column (`vector: "column"`, as the course writes it) or one row. */
function grid(M: Showable, vector: "column" | "row" = "column"): Grid {
  const p = toPlain(M);
  if (p === null) throw new Error("display needs a number array or a mathjs matrix");
  if (typeof p === "number") return [[p]];
  if (p.length > 0 && typeof p[0] === "number")
    return vector === "row" ? [p as number[]] : (p as number[]).map((x) => [x]);
  return p as Grid;
}

/**
 * Default labels for the matrices of the article: the columns of I are a1…an, of Q are q1…qn,
 * and so on; A and A' have keys down the side (k1…kn) and queries across the top (q1…qn). The
 * name's first word decides, so "A' (causal)" is labelled as A' is.
 */
export function labelsFor(
  name: string,
  rows: number,
  cols: number,
): { rows: string[]; cols: string[] } {
  const seq = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);
  const column: Record<string, string> = { I: "a", Q: "q", K: "k", V: "v", O: "b" };
  // "A' (causal)" and "A'，因果遮罩" are labelled as A' is: the name's first word names the matrix
  const first = /^[A-Za-z]+['′]?(?=$|[\s,，:：(（])/.exec(name)?.[0] ?? name;
  const base = first.replace(/[′']/g, "");
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
 * A matrix or vector as an HTML table with its name, size and labelled rows and columns; a vector
 * is one row, its entries labelled [0], [1], …, so that four keys take four lines, not a screen.
 * The table carries its values in data attributes, so tests can read what a notebook showed.
 */
export function matrixHtml(M: Showable, name: string, options: TableOptions = {}): string {
  const g = grid(M, "row");
  const plain = toPlain(M);
  const isVector = Array.isArray(plain) && typeof plain[0] === "number";
  const r = g.length;
  const c = g[0]?.length ?? 0;
  const labels = isVector
    ? { rows: [name], cols: labelsFor(name, c, 1).rows }
    : labelsFor(name, r, c);
  const rows = options.rows ?? labels.rows;
  const cols = options.cols ?? labels.cols;
  const num = entryFormat(g.flat(), options.digits ?? 4); // every entry alike: "1.0000" beside "0.5344"
  const w = TABLE_WORDS[language()];
  const head = `<tr><th></th>${cols.map((l) => `<th>${esc(l)}</th>`).join("")}</tr>`;
  const body = g
    .map(
      (row, i) =>
        `<tr><th>${esc(rows[i] ?? "")}</th>${row.map((x) => `<td>${num(x)}</td>`).join("")}</tr>`,
    )
    .join("");
  return (
    `<table class="attention-matrix" data-name="${esc(name)}" data-value="${esc(JSON.stringify(isVector ? plain : g))}">` +
    // the caption on one line: never "(length" and "2)" on two
    `<caption style="white-space:nowrap">${esc(name)}${w.aside(isVector ? w.length(c) : `${r}×${c}`)}</caption>${head}${body}</table>`
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
    `<table><tr><th>${TABLE_WORDS[language()].key}</th><th>k<sub>j</sub></th><th>α<sub>${i},j</sub> = q<sub>${i}</sub>·k<sub>j</sub></th>` +
    `<th>α'<sub>${i},j</sub></th><th>v<sub>j</sub></th></tr>${rows}</table>` +
    `<p>b<sub>${i}</sub> = Σ<sub>j</sub> α'<sub>${i},j</sub>·v<sub>j</sub> = ${vec(t.b)}</p></div>`
  );
}
