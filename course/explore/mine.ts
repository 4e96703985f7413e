// A learner's function run in the page: its compiled source evaluated beside the page's stand-in
// for the prelude (shim.ts), called on the explorer's inputs, its result checked for shape. No
// imports, so that its source (Function.prototype.toString) runs inside a notebook's output.
import type { ExploreWords } from "../words.js";
import type { ExploreState } from "./chain.js";
import type { MineResult } from "./view.js";

/** A learner's function as the page gets it: its source and those of the names it uses. */
export interface MineSpec {
  /** Its name, as the explorer calls it. */
  name: string;
  /** How many parameters it declares: 4 is lesson 7's (I, Wq, Wk, Wv); fewer, selfAttention's (I, weights, options). */
  arity: number;
  /** Function.prototype.toString of the function: the JavaScript its cell compiled to. */
  source: string;
  /** The notebook's other functions (source) and values (JSON) that it uses, by name. */
  helpers: { name: string; source?: string; json?: string }[];
}

/** The words and shape descriptions runMine needs, passed in so that the page shares them. */
export interface MineText {
  w: ExploreWords;
  fill: (t: string, values: Record<string, string | number>) => string;
  shapeWords: (x: unknown, w: ExploreWords) => string;
}

/**
 * Runs a learner's function on the explorer's inputs and returns its O and A' as plain arrays, or
 * the reason there are none (it threw, it returned another shape, it uses a name the page lacks).
 * `lib` is the stand-in for the prelude's names; `call` runs the function itself, in the page
 * from its source, in Node the function object.
 */
export function runMine(
  spec: MineSpec,
  s: ExploreState,
  lib: Record<string, unknown>,
  t: MineText,
  given?: (...args: unknown[]) => unknown,
): MineResult {
  const name = spec.name;
  const say = (key: keyof ExploreWords, values: Record<string, string | number> = {}) =>
    t.fill(t.w[key], { name, ...values });
  const ident = /^[A-Za-z_$][\w$]*$/;
  let f: (...args: unknown[]) => unknown;
  try {
    if (given) f = given;
    else {
      const env: Record<string, unknown> = { ...lib };
      const names = Object.keys(env).filter((k) => ident.test(k));
      const make = (source: string): unknown => {
        const aliases = [...new Set(source.match(/\b[A-Za-z_$][\w$]*_\d+_*(?=\.)/g) ?? [])].filter(
          (a) => !(a in env),
        );
        const args = ["exports", ...names, ...aliases];
        const body = `"use strict"; return (${source});`;
        const values = [env, ...names.map((k) => env[k]), ...aliases.map(() => env)];
        return new Function(...args, body)(...values);
      };
      for (const h of spec.helpers)
        env[h.name] = h.json !== undefined ? JSON.parse(h.json) : undefined;
      for (const h of spec.helpers) if (h.source !== undefined) env[h.name] = make(h.source);
      f = make(spec.source) as (...args: unknown[]) => unknown;
    }
  } catch (e) {
    return { error: say("mineThrew", { error: e instanceof Error ? e.message : String(e) }) };
  }
  const copy = (M: number[][]) => M.map((r) => r.slice());
  const n = (s.I[0] ?? []).length;
  const dv = s.Wv.length;
  const note = spec.arity === 4 && (s.scale || s.causal) ? say("mineNoOptions") : undefined;
  let out: unknown;
  try {
    out =
      spec.arity === 4
        ? f(copy(s.I), copy(s.Wq), copy(s.Wk), copy(s.Wv))
        : f(
            copy(s.I),
            { Wq: copy(s.Wq), Wk: copy(s.Wk), Wv: copy(s.Wv) },
            { scale: s.scale ? "sqrt-dk" : "none", mask: s.causal ? "causal" : "none" },
          );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const missing = /^(\S+) is not defined$/.exec(message);
    return {
      note,
      error: missing
        ? say("mineCannot", { what: missing[1] as string })
        : say("mineThrew", { error: message }),
    };
  }
  const plain = (x: unknown): unknown => {
    const v =
      x !== null &&
      typeof x === "object" &&
      typeof (x as { toArray?: unknown }).toArray === "function"
        ? (x as { toArray: () => unknown }).toArray()
        : x;
    return Array.isArray(v) ? v.map(plain) : v;
  };
  const isGrid = (x: unknown, rows: number, cols: number): x is number[][] =>
    Array.isArray(x) &&
    x.length === rows &&
    x.every((r) => Array.isArray(r) && r.length === cols && r.every((e) => typeof e === "number"));
  if (
    out !== null &&
    typeof out === "object" &&
    typeof (out as { then?: unknown }).then === "function"
  )
    return { note, error: say("mineAsync") };
  const whole =
    out !== null && typeof out === "object" && !Array.isArray(out) && "O" in out
      ? (out as { O: unknown; Aprime?: unknown })
      : { O: out };
  const O = plain(whole.O);
  if (!Array.isArray(O)) return { note, error: say("mineNotArray", { got: t.shapeWords(O, t.w) }) };
  if (!isGrid(O, dv, n))
    return {
      note,
      error: say("mineShape", {
        want: t.fill(t.w.shapeMatrix, { r: dv, c: n }),
        got: t.shapeWords(O, t.w),
      }),
    };
  const Aprime = "Aprime" in whole ? plain(whole.Aprime) : undefined;
  return { note, O, Aprime: isGrid(Aprime, n, n) ? Aprime : undefined };
}
