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

/** Turns the output `root` into the live explorer; redraws are synchronous, after each input. */
export function startExplorer(root: HTMLElement, c: ExploreConfig, f: PageFunctions): void {
  const still = root.querySelector<HTMLElement>(".afz-still");
  const live = root.querySelector<HTMLElement>(".afz-live");
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
  const ins = live.querySelector(".afz-ins") as HTMLElement;
  const out = live.querySelector(".afz-out") as HTMLElement;
  const redraw = (): void => {
    view = f.chain(s);
    const mine = c.mine ? f.runMine(c.mine, s, lib, mineText) : null;
    out.innerHTML = f.renderOutputs(view, c.text, mine, panel());
  };
  const show = (target: EventTarget | null): void => {
    const el = target instanceof Element ? target.closest("[data-alpha],[data-b]") : null;
    if (!el || !out.contains(el)) return;
    const a = el.getAttribute("data-alpha");
    picked = a
      ? ["alpha", Number(a.split(",")[1]), Number(a.split(",")[0])]
      : ["b", Number(el.getAttribute("data-b")), 0];
    const p = out.querySelector(".afz-panel");
    if (p) p.innerHTML = panel();
  };
  ins.addEventListener("input", (e) => {
    const el = e.target as HTMLInputElement;
    const m = el.getAttribute("data-m") as "I" | "Wq" | "Wk" | "Wv" | null;
    if (!m) return;
    const x = Number.parseFloat(el.value);
    if (!Number.isFinite(x)) return;
    (s[m][Number(el.getAttribute("data-r"))] as number[])[Number(el.getAttribute("data-c"))] =
      Math.max(-3, Math.min(3, x));
    redraw();
  });
  ins.addEventListener("change", (e) => {
    const el = e.target as HTMLInputElement;
    const t = el.getAttribute("data-t") as "scale" | "causal" | null;
    if (t) {
      s[t] = el.checked;
      redraw();
    } else if (el.getAttribute("data-m")) {
      const x = Number.parseFloat(el.value);
      el.value = String(Number.isFinite(x) ? Math.max(-3, Math.min(3, x)) : 0);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
  ins.addEventListener("click", (e) => {
    if (!(e.target instanceof Element) || !e.target.closest("[data-reset]")) return;
    s = clone(c.state);
    ins.innerHTML = f.renderInputs(s, c.text, true);
    redraw();
  });
  out.addEventListener("mouseover", (e) => show(e.target));
  out.addEventListener("focusin", (e) => show(e.target));
  redraw();
  if (still) still.style.display = "none";
  live.hidden = false;
  root.setAttribute("data-live", "1");
}
