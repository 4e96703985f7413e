// What the browser tests of explore() read on a page and expect of it, in JupyterLab, Notebook 7
// and the JupyterLite site alike: an f with the softmax along rows (as a notebook cell, and the
// same in Node), the entries of a shown matrix, and the library's numbers as the explorer prints them.
import { type Matrix, matrix, multiply, transpose } from "mathjs";
import type { Locator } from "playwright-core";
import { selfAttention } from "../src/index.js";
import { weights } from "../src/worked-example.js";

/** A cell that defines an f with the softmax along rows: the learner's bug the explorer should mark. */
export const ROWS_F = `function rowsAttention(I: number[][], Wq: number[][], Wk: number[][], Wv: number[][]): Matrix {
  const A = (multiply(transpose(multiply(matrix(Wk), matrix(I))), multiply(matrix(Wq), matrix(I))) as Matrix).toArray() as number[][];
  const Ap = A.map((row) => {
    const m = Math.max(...row);
    const e = row.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  });
  return multiply(multiply(matrix(Wv), matrix(I)), matrix(Ap)) as Matrix;
}`;

/** ROWS_F's function in Node, on the worked example's weights, for the entries a test expects marked. */
export function rowsAttention(x: number[][]): number[][] {
  const A = (
    multiply(
      transpose(multiply(matrix(weights.Wk), matrix(x))),
      multiply(matrix(weights.Wq), matrix(x)),
    ) as Matrix
  ).toArray() as number[][];
  const Ap = A.map((row) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  });
  return (
    multiply(multiply(matrix(weights.Wv), matrix(x)), matrix(Ap)) as Matrix
  ).toArray() as number[][];
}

/** How many entries of O rowsAttention gets wrong on the inputs `x` (what the explorer marks). */
export function rowsDiffer(x: number[][]): number {
  const lib = (selfAttention(x, weights).O.toArray() as number[][]).flat();
  return rowsAttention(x)
    .flat()
    .filter((v, k) => Math.abs(v - (lib[k] as number)) > 1e-9).length;
}

/** The worked example's inputs `I` with the entry at row `r`, column `c` set to `value`. */
export function withEntry(
  I: readonly (readonly number[])[],
  r: number,
  c: number,
  value: number,
): number[][] {
  const moved = I.map((row) => [...row]);
  (moved[r] as number[])[c] = value;
  return moved;
}

/** The text of every entry of the explorer's table named `name` inside `scope`, row by row. */
export async function shown(scope: Locator, name: string): Promise<string[][]> {
  return scope
    .locator(`table[data-name="${name}"]`)
    .evaluate((t) =>
      [...t.querySelectorAll("tr")]
        .slice(1)
        .map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    );
}

/** A matrix's entries as the explorer prints them: four decimals and a true minus sign. */
export function fixed(M: Matrix | number[][]): string[][] {
  return ((Array.isArray(M) ? M : M.toArray()) as number[][]).map((r) =>
    r.map((x) => x.toFixed(4).replace("-", "−")),
  );
}

/** The number field of entry [r][c] of the explorer's input `m` ("I", "Wq", "Wk" or "Wv"). */
export function entry(scope: Locator, m: string, r: number, c: number): Locator {
  return scope.locator(`input[data-m="${m}"][data-r="${r}"][data-c="${c}"]`);
}

/**
 * In an explorer of explore(f): how many entries of f's O are marked as differing, before and after
 * a1[0] is set to `value` (once the library's O is redrawn).
 */
export async function markedAroundMove(
  scope: Locator,
  value: number,
): Promise<{ before: number; after: number }> {
  const marked = () => scope.locator('table[data-name="mine O"] td.afz-diff').count();
  const O = scope.locator('table[data-name="O"]');
  const before = await marked();
  const drawn = await O.getAttribute("data-value");
  await entry(scope, "I", 0, 0).fill(String(value));
  await scope
    .page()
    .waitForFunction(([table, old]) => table?.getAttribute("data-value") !== old, [
      await O.elementHandle(),
      drawn,
    ] as const);
  return { before, after: await marked() };
}
