// explore() without a browser: the page's chain against the library, the still picture's numbers,
// the page's stand-in for the prelude running learners' functions, and the output's size.
import fc from "fast-check";
import { matrix, multiply, transpose, type Matrix } from "mathjs";
import { afterEach, describe, expect, it } from "vitest";
import { exploreHtml, mineSpec } from "../course/explore.js";
import { chain, type ExploreState } from "../course/explore/chain.js";
import { runMine, type MineText } from "../course/explore/mine.js";
import { pageLibrary } from "../course/explore/shim.js";
import { differences, fill, shapeWords } from "../course/explore/view.js";
import { useLanguage } from "../course/language.js";
import { exploreWords } from "../course/words.js";
import { selfAttention } from "../src/index.js";
import { I, weights } from "../src/worked-example.js";
import { expectClose, matrixOf } from "./helpers.js";

afterEach(() => useLanguage("en"));

const plain = (M: Matrix) => M.toArray() as number[][];
const start = (scale = false, causal = false): ExploreState => ({
  I: I.map((r) => [...r]),
  Wq: weights.Wq.map((r) => [...r]),
  Wk: weights.Wk.map((r) => [...r]),
  Wv: weights.Wv.map((r) => [...r]),
  scale,
  causal,
});
const library = (s: ExploreState) =>
  selfAttention(s.I, s, {
    scale: s.scale ? "sqrt-dk" : "none",
    mask: s.causal ? "causal" : "none",
  });
const text = (): MineText => ({ w: exploreWords(), fill, shapeWords });
/** The function as the page gets it: re-made from its source alone, with no closure. */
const fromSource = <T>(f: T, name: string): T =>
  new Function(`"use strict"; ${String(f)}; return ${name};`)() as T;

/** The `data-value` of the table named `name` inside `html`'s still picture. */
function stillValue(html: string, name: string): number[][] {
  const still = html.slice(html.indexOf('class="afz-still"'), html.indexOf('class="afz-live"'));
  const m = new RegExp(`data-name="${name}" data-value="([^"]*)"`).exec(still);
  if (!m) throw new Error(`no table ${name} in the still picture`);
  return JSON.parse((m[1] as string).replace(/&quot;/g, '"')) as number[][];
}

/** lesson 7's solution, as a learner writes it */
function myAttention(I: number[][], Wq: number[][], Wk: number[][], Wv: number[][]): Matrix {
  const Qm = multiply(matrix(Wq), matrix(I));
  const Km = multiply(matrix(Wk), matrix(I));
  const Vm = multiply(matrix(Wv), matrix(I));
  const Am = (multiply(transpose(Km), Qm) as Matrix).toArray() as number[][];
  const Ap = Am.map((row) => row.map(() => 0));
  for (let i = 0; i < Am.length; i++) {
    const col = Am.map((row) => row[i] ?? 0);
    const m = Math.max(...col);
    const e = col.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((x, j) => ((Ap[j] as number[])[i] = x / s));
  }
  return multiply(Vm, matrix(Ap)) as Matrix;
}

/** the softmax along rows instead of down columns */
function rowsAttention(I: number[][], Wq: number[][], Wk: number[][], Wv: number[][]): Matrix {
  const A = (multiply(transpose(multiply(Wk, I)), multiply(Wq, I)) as number[][]).map((r) => {
    const m = Math.max(...r);
    const e = r.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  });
  return multiply(matrix(multiply(Wv, I) as number[][]), matrix(A)) as Matrix;
}

describe("explore", () => {
  it("chain(state), from its source alone, equals the library's selfAttention on random inputs, scaled and masked", () => {
    const pageChain = fromSource(chain, "chain");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.record({
            I: matrixOf(3, n),
            Wq: matrixOf(2, 3),
            Wk: matrixOf(2, 3),
            Wv: matrixOf(3, 3),
            scale: fc.boolean(),
            causal: fc.boolean(),
          }),
        ),
        (s) => {
          const v = pageChain(s);
          const r = library(s);
          for (const k of ["Q", "K", "V", "A", "Aprime", "O"] as const)
            expectClose(v[k], plain(r[k]), 1e-12, k);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("exploreHtml() stays under 100 kB, with and without a learner's function", () => {
    expect(Buffer.byteLength(exploreHtml(), "utf8")).toBeLessThan(100_000);
    expect(Buffer.byteLength(exploreHtml(rowsAttention), "utf8")).toBeLessThan(100_000);
  });

  it("exploreHtml(): the still picture's A' and O are the library's, and printed to 4 decimals", () => {
    for (const [scale, causal] of [
      [false, false],
      [true, true],
    ] as const) {
      const html = exploreHtml(null, { scale, causal });
      const r = library(start(scale, causal));
      expectClose(stillValue(html, "A'"), plain(r.Aprime), 0, "A'");
      expectClose(stillValue(html, "O"), plain(r.O), 0, "O");
      for (const x of plain(r.O).flat()) expect(html).toContain(`>${x.toFixed(4)}<`);
    }
    expect(exploreHtml()).toContain(">0.5344<"); // α'1,1 = e²/(e+1)², by hand in lesson 5
  });

  it("runMine() runs lesson 7's solution from its source in the page's stand-in, equal to selfAttention", () => {
    const s = start();
    s.I[0] = [2.5, -1, 0, 3]; // a moved entry, not the worked example
    const spec = mineSpec(myAttention as never);
    const lib = fromSource(pageLibrary, "pageLibrary")();
    const r = runMine(spec, s, lib, text());
    expect(r.error).toBeUndefined();
    expect(differences(r.O as number[][], plain(library(s).O)).count).toBe(0);
  });

  it("runMine() with selfAttention's signature and options: the page's own selfAttention agrees, scaled and masked", () => {
    const s = start(true, true);
    const f = (I: number[][], w: typeof weights, o: object) => selfAttention(I, w, o);
    const spec = { ...mineSpec(f as never), source: "(I, w, o) => selfAttention(I, w, o)" };
    const r = runMine(spec, s, pageLibrary(), text());
    expect(differences(r.O as number[][], plain(library(s).O)).count).toBe(0);
    expect(differences(r.Aprime as number[][], plain(library(s).Aprime)).count).toBe(0);
  });

  it("runMine(): a softmax along rows differs, and differences() counts the entries it marks", () => {
    const s = start();
    const r = runMine(mineSpec(rowsAttention as never), s, pageLibrary(), text());
    const d = differences(r.O as number[][], plain(library(s).O));
    expect(d.count).toBeGreaterThan(0);
    expect(d.diff.flat().filter(Boolean).length).toBe(d.count);
    expect(exploreHtml(rowsAttention)).toMatch(/data-differ="(\d+)"/);
    expect(/data-differ="(\d+)"/.exec(exploreHtml(rowsAttention))?.[1]).toBe(String(d.count));
  });

  it("runMine() reports a throw, a wrong shape and a name the page lacks in words, in each edition", () => {
    const s = start();
    const run = (source: string, arity = 4) =>
      runMine({ name: "f", arity, source, helpers: [] }, s, pageLibrary(), text());
    expect(run("() => { throw new Error('boom'); }").error).toBe("f threw an error: boom");
    expect(run("(I, Wq) => Wq").error).toBe(
      "f should return O, a 3×4 matrix, but returned a 2×3 matrix.",
    );
    expect(run("() => 3").error).toBe(
      "f should return a matrix (or an object with O), but returned a number.",
    );
    expect(run("() => lodashThing(1)").error).toMatch(
      /^f uses lodashThing, which this page cannot run/,
    );
    useLanguage("zh-TW");
    expect(
      runMine(
        { name: "f", arity: 4, source: "(I, Wq) => Wq", helpers: [] },
        s,
        pageLibrary(),
        text(),
      ).error,
    ).toBe("f 應該回傳 O，也就是一個 3×4 的矩陣，但它回傳了一個 2×3 的矩陣。");
  });

  it("exploreHtml() speaks the edition: zh-TW words in the zh-TW edition", () => {
    useLanguage("zh-TW");
    const html = exploreHtml();
    expect(html).toContain("動手探索 Self-attention");
    expect(html).toContain('lang="zh-Hant-TW"');
    expect(html).not.toContain("Explore self-attention");
  });
});
