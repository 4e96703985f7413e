// explore(): the worked example as one self-contained HTML output that a learner changes: inputs,
// weights, scale and mask, with every matrix following at once, and a learner's own function beside
// the library's. No kernel round trip: the page's script recomputes the chain itself.
//
// A learner's function runs in the page from its compiled JavaScript (Function.prototype.toString,
// which in a notebook is what the cell compiled to) beside a stand-in for the prelude's mathjs and
// library functions (explore/shim.ts). The other way, evaluating it in the kernel on a grid of inputs
// ahead of time, would run the real mathjs but could only offer the inputs computed in advance
// (one entry at a time, a few values each) and would grow the output past its size limit; in the
// page every combination of inputs works, at the price of the stand-in covering only the prelude's
// names (a function that uses another name is told so in the output).
import { selfAttention } from "../src/index.js";
import { maskTable, scaleFactor } from "../src/options.js";
import * as worked from "../src/worked-example.js";
import { toPlain } from "./compare.js";
import { chain, type ExploreState, type ExploreView } from "./explore/chain.js";
import { type ExploreConfig, startExplorer } from "./explore/live.js";
import { type MineSpec, runMine } from "./explore/mine.js";
import { pageLibrary } from "./explore/shim.js";
import {
  differences,
  esc,
  fill,
  idx,
  matrixTable,
  num,
  renderChain,
  renderInputs,
  renderMine,
  renderOutputs,
  renderSum,
  row,
  seq,
  shade,
  shapeWords,
  type MineResult,
  type ViewText,
} from "./explore/view.js";
import { language } from "./language.js";
import { tslabDisplay } from "./notebook.js";
import { exploreWords } from "./words.js";

/** A learner's attention function: lesson 7's (I, Wq, Wk, Wv) → O, or selfAttention's (I, weights, options). */
export type AttentionFunction = (...args: never[]) => unknown;

/** Where the explorer starts: the worked example, with the scale and the mask on or off. */
export interface ExploreStart {
  scale?: boolean;
  causal?: boolean;
}

/** The functions whose sources make the page's script, in the order they are written out. */
const PAGE_FUNCTIONS = [
  chain,
  pageLibrary,
  fill,
  esc,
  num,
  shade,
  seq,
  idx,
  row,
  matrixTable,
  renderInputs,
  shapeWords,
  differences,
  renderMine,
  renderOutputs,
  renderChain,
  renderSum,
  runMine,
  startExplorer,
];

const CSS = `
.afz-explore{font:13px/1.4 system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC",sans-serif;color:#1f2328;background:#fff;padding:6px 8px}
.afz-explore h3{margin:2px 0 4px!important;font-size:15px;font-weight:600}
.afz-explore .afz-small{color:#57606a;font-size:12px;margin:2px 0 6px}
.afz-explore table{border-collapse:collapse;margin:0!important;table-layout:auto!important;width:auto}
.afz-explore tr,.afz-explore tr:hover{background:transparent!important}
.afz-explore table.afz-row{display:block;margin:8px 0!important}
.afz-explore table.afz-row>tbody{display:block}
.afz-explore table.afz-row>tbody>tr,.afz-explore table.afz-row>tr{display:flex;flex-wrap:wrap;align-items:flex-start;row-gap:10px}
.afz-explore td.afz-slot{border:0;padding:0 18px 0 0;vertical-align:top;text-align:left}
.afz-explore caption{caption-side:top;text-align:left;font-weight:600;padding:0 0 3px;white-space:nowrap;color:#1f2328}
.afz-explore caption .afz-small{font-weight:400}
.afz-explore .afz-m th{font-weight:400;color:#57606a;font-size:12px;padding:1px 5px;white-space:nowrap;border:0;text-align:center}
.afz-explore .afz-m td{border:1px solid #d8dee4;padding:3px 6px;text-align:right;font-variant-numeric:tabular-nums;min-width:30px}
.afz-explore .afz-heat td{text-align:center;min-width:58px;height:26px;cursor:pointer}
.afz-explore td[data-masked]{background-image:repeating-linear-gradient(45deg,transparent 0 5px,rgba(0,0,0,.07) 5px 10px)}
.afz-explore table[data-name="O"] td,.afz-explore th[data-b]{cursor:pointer}
.afz-explore td:focus,.afz-explore th:focus,.afz-explore td[data-alpha]:hover,.afz-explore [data-b]:hover{outline:3px solid #d1495b;outline-offset:-2px}
.afz-explore .afz-in td{padding:1px;border-color:#eef1f4}
.afz-explore .afz-still .afz-in td{padding:3px 8px;background:#f6f8fa}
.afz-explore input[type=number]{width:46px;font:inherit;text-align:right;padding:2px 3px;border:1px solid #afb8c1;border-radius:4px;background:#fff;color:#1f2328}
.afz-explore input[type=number]:focus{outline:2px solid #3b6fb6}
.afz-explore .afz-toggles{display:flex;flex-wrap:wrap;gap:6px 22px;align-items:center;margin:2px 0 4px}
.afz-explore .afz-toggles label{cursor:pointer}
.afz-explore button{font:inherit;padding:2px 10px;border:1px solid #afb8c1;border-radius:4px;background:#f6f8fa;color:#1f2328;cursor:pointer}
.afz-explore .afz-panel{width:390px;border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;background:#f6f8fa;min-height:150px}
.afz-explore .afz-panel p{margin:3px 0}
.afz-explore .afz-panel table td,.afz-explore .afz-panel table th{border:0;text-align:left;padding:2px 6px;font-size:13px;color:#1f2328;background:none}
.afz-explore .afz-panel table td:last-child{white-space:nowrap}
.afz-explore .afz-diff{outline:3px solid #d1495b;outline-offset:-3px;background:#ffe3e6!important;color:#000!important}
.afz-explore .afz-mine{border-top:1px solid #d0d7de;margin-top:8px;padding-top:4px}
.afz-explore .afz-mine h4{margin:4px 0!important;font-size:14px;font-weight:600}
.afz-explore .afz-error{color:#b3261e;font-weight:600}
.afz-explore .afz-ok{color:#1a7f37;font-weight:600}
.afz-explore .afz-note{color:#57606a}
`;

let made = 0;

/** The worked example's inputs as the explorer holds them, copied from the frozen arrays. */
function startState(start: ExploreStart): ExploreState {
  const copy = (M: readonly (readonly number[])[]) => M.map((r) => [...r]);
  return {
    I: copy(worked.I),
    Wq: copy(worked.Wq),
    Wk: copy(worked.Wk),
    Wv: copy(worked.Wv),
    scale: start.scale === true,
    causal: start.causal === true,
  };
}

/** The library's selfAttention on `s`, as the plain arrays the view draws. */
function libraryView(s: ExploreState): ExploreView {
  const scale = s.scale ? "sqrt-dk" : "none";
  const mask = s.causal ? "causal" : "none";
  const r = selfAttention(s.I, { Wq: s.Wq, Wk: s.Wk, Wv: s.Wv }, { scale, mask });
  const grid = (M: unknown) => toPlain(M) as number[][];
  const n = (s.I[0] as number[]).length;
  return {
    Q: grid(r.Q),
    K: grid(r.K),
    V: grid(r.V),
    A: grid(r.A),
    Aprime: grid(r.Aprime),
    O: grid(r.O),
    allowed:
      maskTable(mask, n, n) ??
      (maskTable(
        Array.from({ length: n }, () => Array<boolean>(n).fill(true)),
        n,
        n,
      ) as boolean[][]),
    factor: scaleFactor(scale, s.Wk.length),
  };
}

/** The notebook's variables (tslab's), or an empty record outside a notebook. */
function cellVariables(): Record<string, unknown> {
  const tslab = (globalThis as { __tslab__?: { exports?: Record<string, unknown> } }).__tslab__;
  return tslab?.exports ?? {};
}

/**
 * What the page needs to run `f`: its source, and the sources (functions) or JSON (values) of the
 * notebook's names it uses that the page's stand-in for the prelude does not provide.
 */
export function mineSpec(f: AttentionFunction, name = f.name || "f"): MineSpec {
  const provided = new Set(Object.keys(pageLibrary()));
  const vars = cellVariables();
  const helpers: MineSpec["helpers"] = [];
  const seen = new Set<string>();
  const scan = (source: string) => {
    for (const m of source.matchAll(/\bexports\.([A-Za-z_$][\w$]*)/g)) {
      const key = m[1] as string;
      if (seen.has(key) || provided.has(key) || !(key in vars)) continue;
      seen.add(key);
      const v = vars[key];
      if (typeof v === "function") {
        helpers.push({ name: key, source: String(v) });
        scan(String(v));
      } else {
        try {
          const json = JSON.stringify(toPlain(v) ?? v);
          if (json !== undefined) helpers.push({ name: key, json });
        } catch {
          // a value the page cannot hold: the function is told that it uses a name the page lacks
        }
      }
    }
  };
  const source = String(f);
  scan(source);
  return { name, arity: f.length, source, helpers };
}

/**
 * The explorer as one HTML output: a still picture of the starting numbers (what a viewer that runs
 * no scripts shows), and a script that replaces it with the live explorer.
 */
export function exploreHtml(mine?: AttentionFunction | null, start: ExploreStart = {}): string {
  const w = exploreWords();
  const s = startState(start);
  const spec = mine ? mineSpec(mine) : null;
  const text: ViewText = { w, tokens: [...worked.words], mine: spec?.name ?? null };
  const view = libraryView(s);
  let mineNow: MineResult | null = null;
  if (mine && spec) {
    const fns = { w, fill, shapeWords };
    mineNow = runMine(spec, s, {}, fns, mine as unknown as (...args: unknown[]) => unknown);
  }
  const still =
    `<div class="afz-still"><p class="afz-small">${esc(w.still)}</p>` +
    renderInputs(s, text, false) +
    renderOutputs(view, text, mineNow, renderChain(s, view, text, 0, 0)) +
    `</div>`;
  const id = `afz-${Date.now().toString(36)}-${(made++).toString(36)}`;
  const config: ExploreConfig = { state: s, text, mine: spec };
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  const script =
    `(function(){"use strict";var id=${JSON.stringify(id)};var config=${json};\n` +
    PAGE_FUNCTIONS.map((fn) => String(fn)).join("\n") +
    `\nfunction go(root){if(!root||root.getAttribute("data-live"))return;startExplorer(root,config,` +
    `{chain:chain,pageLibrary:pageLibrary,renderInputs:renderInputs,renderOutputs:renderOutputs,` +
    `renderChain:renderChain,renderSum:renderSum,runMine:runMine,fill:fill,shapeWords:shapeWords});}\n` +
    `var me=document.currentScript;var root=(me&&me.closest&&me.closest(".afz-explore"))||document.getElementById(id);` +
    `if(root){go(root);}else{var tries=0;var timer=setInterval(function(){var r=document.getElementById(id);` +
    `if(r||++tries>200){clearInterval(timer);go(r);}},25);}})();`;
  return (
    `<div class="afz-explore" id="${id}" lang="${language() === "zh-TW" ? "zh-Hant-TW" : "en"}">` +
    `<style>${CSS.trim()}</style><h3>${esc(w.title)}</h3>${still}<div class="afz-live" hidden></div>` +
    `<script>${script.replace(/<\/(script)/gi, "<\\/$1")}</script></div>`
  );
}

/** A few lines of text for where no notebook shows HTML (a terminal, or while grading). */
function asText(mine: AttentionFunction | null | undefined, start: ExploreStart): string {
  const v = libraryView(startState(start));
  const rows = (M: number[][]) => M.map((r) => r.map((x) => num(x, 4)).join("  ")).join("\n");
  const lines = [`${exploreWords().title}: A' =`, rows(v.Aprime), "O =", rows(v.O)];
  if (mine) lines.push(`(${mine.name || "f"})`);
  return lines.join("\n");
}

/**
 * Shows the explorer: the worked example's tokens a1 … a4 and weights Wq, Wk, Wv as fields to
 * change, toggles for the 1/√d_k scale and the causal mask, and Q, K, V, A, A' and O following at
 * once; hovering a weight of A' shows how it is computed, a column of O its weighted sum. Given your
 * own attention function, `explore(myAttention)`, it runs yours beside the library's selfAttention on
 * the same inputs and marks every entry where they differ.
 */
export function explore(mine?: AttentionFunction | null, start: ExploreStart = {}): void {
  const d = tslabDisplay();
  if (d) d.html(exploreHtml(mine, start));
  else console.log(asText(mine, start));
}
