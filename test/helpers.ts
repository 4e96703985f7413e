// Shared test helpers: comparing mathjs results with plain arrays, random attention inputs, and what a command warns.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { isMatrix } from "mathjs";
import { expect, vi } from "vitest";

/** Asserts every entry of `got` is within `tol` of `want`, naming the first entry that is not. */
export function expectClose(got: unknown, want: unknown, tol = 1e-12, path = "value"): void {
  const g = isMatrix(got) ? got.toArray() : got;
  const w = isMatrix(want) ? want.toArray() : want;
  if (Array.isArray(w)) {
    expect(Array.isArray(g), `${path} should be an array`).toBe(true);
    const ga = g as unknown[];
    expect(ga.length, `${path} length`).toBe(w.length);
    w.forEach((wi, i) => {
      expectClose(ga[i], wi, tol, `${path}[${i}]`);
    });
    return;
  }
  const diff = Math.abs((g as number) - (w as number));
  expect(diff <= tol, `${path}: got ${String(g)}, want ${String(w)} (tolerance ${tol})`).toBe(true);
}

const entry = fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true });
export const matrixOf = (rows: number, cols: number) =>
  fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });

/** Random self-attention problems: n 1..maxN tokens, d, d_k and d_v 1..maxD (independent). */
export const attentionShapes = (maxN: number, maxD: number) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: maxN }),
      d: fc.integer({ min: 1, max: maxD }),
      dk: fc.integer({ min: 1, max: maxD }),
      dv: fc.integer({ min: 1, max: maxD }),
    })
    .chain(({ n, d, dk, dv }) =>
      fc.record({
        n: fc.constant(n),
        I: matrixOf(d, n),
        Wq: matrixOf(dk, d),
        Wk: matrixOf(dk, d),
        Wv: matrixOf(dv, d),
      }),
    );

/** Random self-attention problems: n 1..12 tokens, d, d_k and d_v 1..8 (independent). */
export const attentionCase = attentionShapes(12, 8);

/** The columns of a plain d×n matrix, as n vectors. */
export function columns(M: number[][]): number[][] {
  return (M[0] ?? []).map((_, j) => M.map((row) => row[j] as number));
}

/** A path under `dir` where a file lies in place of a folder: nothing can be written below it. */
export function fileInPlaceOfFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "not-a-folder");
  writeFileSync(file, "a file where a folder should be");
  return file;
}

/** Runs `work` with console.warn captured: what it warned, one text per call. */
export function warnings(work: () => void): string[] {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    work();
    return warn.mock.calls.map((c) => String(c[0]));
  } finally {
    warn.mockRestore();
  }
}
