// The explorer in the page: hides the still picture, draws the inputs as number fields, and redraws
// every matrix when one changes; hovering or focusing a weight or an output shows its computation.
// No imports, so that its source (Function.prototype.toString) runs inside a notebook's output.
import type { ExploreState, ExploreView } from "./chain.js";
import type { MineSpec, MineText } from "./mine.js";
import type { MineResult, ViewText } from "./view.js";

/** What the page's script is given: the starting inputs, the words and the learner's function. */
export interface ExploreConfig {
  state: ExploreState;
  text: ViewText;
  mine: MineSpec | null;
}

/** The functions the page shares with Node (chain.ts, shim.ts, view.ts, mine.ts), passed in by name. */
export interface PageFunctions {
  chain: (s: ExploreState) => ExploreView;
  pageLibrary: () => Record<string, unknown>;
  renderInputs: (s: ExploreState, t: ViewText, editable: boolean) => string;
  renderOutputs: (v: ExploreView, t: ViewText, mine: MineResult | null, panel: string) => string;
  renderChain: (s: ExploreState, v: ExploreView, t: ViewText, i: number, j: number) => string;
  renderSum: (v: ExploreView, t: ViewText, i: number) => string;
  runMine: (
    spec: MineSpec,
    s: ExploreState,
    lib: Record<string, unknown>,
    t: MineText,
  ) => MineResult;
  fill: MineText["fill"];
  shapeWords: MineText["shapeWords"];
}

/**
 * The little of the DOM the explorer uses, written out because the notebook's compiler knows no DOM
 * types: an element, with what an input and an event target add.
 */
export interface PageElement {
  innerHTML: string;
  hidden: boolean;
  style: { display: string };
  value: string;
  checked: boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
  contains(other: PageElement): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  addEventListener(type: string, listener: (e: PageEvent) => void): void;
}

/** The little of an event the explorer reads. */
export interface PageEvent {
  target: unknown;
  key?: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  stopPropagation(): void;
}

/** Turns the output `root` into the live explorer; redraws are synchronous, after each input. */
export function startExplorer(root: PageElement, c: ExploreConfig, f: PageFunctions): void {
  const still = root.querySelector(".afz-still");
  const live = root.querySelector(".afz-live");
  if (!live) return;
  const clone = (s: ExploreState): ExploreState => JSON.parse(JSON.stringify(s)) as ExploreState;
  let s = clone(c.state);
  const lib = c.mine ? f.pageLibrary() : {};
  const mineText: MineText = { w: c.text.w, fill: f.fill, shapeWords: f.shapeWords };
  let picked: [string, number, number] = ["alpha", 0, 0];
  let view = f.chain(s);
  const panel = (): string =>
    picked[0] === "b"
      ? f.renderSum(view, c.text, picked[1])
      : f.renderChain(s, view, c.text, picked[1], picked[2]);
  live.innerHTML =
    `<p class="afz-small">${c.text.w.intro}</p>` +
    `<div class="afz-ins">${f.renderInputs(s, c.text, true)}</div><div class="afz-out"></div>`;
  const ins = live.querySelector(".afz-ins") as PageElement;
  const out = live.querySelector(".afz-out") as PageElement;
  const element = (t: unknown): PageElement | null =>
    t !== null && typeof (t as PageElement).closest === "function" ? (t as PageElement) : null;
  const redraw = (): void => {
    view = f.chain(s);
    const mine = c.mine ? f.runMine(c.mine, s, lib, mineText) : null;
    out.innerHTML = f.renderOutputs(view, c.text, mine, panel());
    // on each element: a notebook may stop focus events from bubbling out of its cells
    const targets = out.querySelectorAll("[data-alpha],[data-b]");
    for (let k = 0; k < targets.length; k++) {
      const el = targets[k] as PageElement;
      el.addEventListener("focus", () => show(el));
    }
  };
  const show = (target: unknown): void => {
    const el = element(target)?.closest("[data-alpha],[data-b]") ?? null;
    if (!el || !out.contains(el)) return;
    const a = el.getAttribute("data-alpha");
    picked = a
      ? ["alpha", Number(a.split(",")[1]), Number(a.split(",")[0])]
      : ["b", Number(el.getAttribute("data-b")), 0];
    const p = out.querySelector(".afz-panel");
    if (p) p.innerHTML = panel();
  };
  /** An entry typed into a grid: kept within [−3, 3]; `settle` also writes the kept value back. */
  const entry = (el: PageElement, settle: boolean): void => {
    const m = el.getAttribute("data-m") as "I" | "Wq" | "Wk" | "Wv" | null;
    if (!m) return;
    const typed = Number.parseFloat(el.value);
    if (!Number.isFinite(typed) && !settle) return;
    const x = Number.isFinite(typed) ? Math.max(-3, Math.min(3, typed)) : 0;
    if (settle && String(x) !== el.value) el.value = String(x);
    const row = s[m][Number(el.getAttribute("data-r"))] as number[];
    const col = Number(el.getAttribute("data-c"));
    if (row[col] === x) return; // a field left as it was (on blur): nothing to redraw
    row[col] = x;
    redraw();
  };
  ins.addEventListener("input", (e) => {
    const el = element(e.target);
    if (el) entry(el, false);
  });
  ins.addEventListener("change", (e) => {
    const el = element(e.target);
    const t = el?.getAttribute("data-t") as "scale" | "causal" | null | undefined;
    if (el && t) {
      s[t] = el.checked;
      redraw();
    } else if (el) entry(el, true);
  });
  ins.addEventListener("click", (e) => {
    if (!element(e.target)?.closest("[data-reset]")) return;
    s = clone(c.state);
    ins.innerHTML = f.renderInputs(s, c.text, true);
    redraw();
  });
  out.addEventListener("mouseover", (e) => show(e.target));
  // keys typed in the explorer are its own, not the notebook's shortcuts (which would move between
  // cells on an arrow key); Shift+Enter and keys with Ctrl, Alt or Cmd still reach the notebook
  live.addEventListener("keydown", (e) => {
    if (e.key === "Escape" || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.shiftKey && e.key === "Enter") return;
    e.stopPropagation();
  });
  redraw();
  if (still) still.style.display = "none";
  live.hidden = false;
  root.setAttribute("data-live", "1");
}
