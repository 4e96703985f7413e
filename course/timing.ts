// Lesson 7's stopwatch: the median or fastest time of a function, and the vector form, matrix form and others timed on growing inputs.
import { attendOne, columnsOf, selfAttention } from "../src/index.js";
import type { Series } from "./pictures.js";
import { uniformMatrix } from "./random.js";
import { words } from "./words.js";

/** One round: f called until minMs has passed (at least once), the mean time per call in ms. */
function roundTime(f: () => unknown, minMs: number): number {
  const start = performance.now();
  let calls = 0;
  let elapsed: number;
  do {
    f();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / calls;
}

/**
 * How long one call of f takes, in milliseconds: the median of several timed rounds after one
 * untimed warm-up call. The median ignores the odd round slowed down by garbage collection. With
 * `minMs`, each round calls f again until that long has passed and counts the mean per call, so a
 * call far shorter than the clock's step is still measured.
 *
 * Formula: median(t_1 … t_r), t_k = (time of round k) / (calls in round k)
 * Shapes: f (a function of no arguments), rounds r ≥ 1 → a time in milliseconds ≥ 0
 *
 * @example
 * medianTime(() => Math.sqrt(2), 3, 1) >= 0 // returns true
 */
export function medianTime(f: () => unknown, rounds = 5, minMs = 0): number {
  f(); // warm-up: the first call also pays for compiling f
  const times: number[] = [];
  for (let k = 0; k < Math.max(1, rounds); k++) {
    times.push(roundTime(f, minMs));
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 === 1
    ? (times[mid] as number)
    : ((times[mid - 1] as number) + (times[mid] as number)) / 2;
}

/**
 * How long one call of f takes at best, in milliseconds: the fastest of several rounds, each
 * calling f until `minMs` has passed and counting the mean per call. On a busy machine other work
 * only ever slows a round down, so the fastest round is the closest to the call's own time.
 *
 * Formula: min(t_1 … t_r), t_k = (time of round k) / (calls in round k)
 * Shapes: f (a function of no arguments), rounds r ≥ 1, minMs ≥ 0 → a time in milliseconds ≥ 0
 *
 * @example
 * fastestTime(() => Math.sqrt(2), 3, 1) >= 0 // returns true
 */
export function fastestTime(f: () => unknown, rounds = 5, minMs = 5): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < Math.max(1, rounds); k++) {
    best = Math.min(best, roundTime(f, minMs));
  }
  return best;
}

/** One way to compute O from I (d×n) and the weights, to be timed. */
export type Form = (
  I: number[][],
  weights: { Wq: number[][]; Wk: number[][]; Wv: number[][] },
) => unknown;

/**
 * Times the vector form (attendOne for every token) and the matrix form (selfAttention), and any
 * other forms given by name, on random inputs of n tokens for each n of `sizes` (d = 16,
 * d_k = d_v = 8). Every form is first warmed up at every size, so the optimiser has compiled it
 * before the clock starts; then each time is the fastest of 5 rounds of at least 5 ms each.
 *
 * Formula: time(form, n) = fastestTime(() => form(I_n, W), 5, 5), I_n a random 16×n matrix
 * Shapes: sizes (s numbers), forms → one Series per form, with s points (n, milliseconds)
 *
 * @example
 * timeForms([2]).map((s) => s.name).join(", ") // returns "vector form, matrix form"
 */
export function timeForms(sizes: readonly number[], others: Record<string, Form> = {}): Series[] {
  const bad = sizes.find((n) => !Number.isInteger(n) || n < 1);
  if (sizes.length === 0 || bad !== undefined)
    throw new Error(
      `timeForms(sizes) needs whole numbers of tokens ≥ 1, got [${sizes.join(", ")}]`,
    );
  const d = 16;
  const weights = {
    Wq: uniformMatrix(8, d, 1),
    Wk: uniformMatrix(8, d, 2),
    Wv: uniformMatrix(8, d, 3),
  };
  const forms: Record<string, Form> = {
    [words().vectorForm]: (I, W) => columnsOf(I).map((_, i, tokens) => attendOne(i, tokens, W).b),
    [words().matrixForm]: (I, W) => selfAttention(I, W).O,
    ...others,
  };
  const inputs = sizes.map((n) => uniformMatrix(d, n, 10 + n)); // d×n: n random tokens as columns
  for (const form of Object.values(forms))
    for (const I of inputs) fastestTime(() => form(I, weights), 1, 5);
  return Object.entries(forms).map(([name, form]) => ({
    name,
    points: inputs.map(
      (I, k) => [sizes[k] as number, fastestTime(() => form(I, weights), 5, 5)] as const,
    ),
  }));
}
