// Beyond the article: scaling the scores and masking pairs (both off by default).
import { isMatrix, type Matrix } from "mathjs";
import { AttentionError } from "./errors.js";

/**
 * How the scores are scaled before the softmax.
 * `"none"` (the article's choice, and the default) leaves them as they are; `"sqrt-dk"` divides
 * them by √d_k as the Transformer paper does; a positive number multiplies them by that factor.
 */
export type Scale = "none" | "sqrt-dk" | number;

/**
 * Which key each query may attend to. `"none"` (default): every pair. `"causal"`: query i sees
 * keys j ≤ i only. A boolean matrix shaped like A (keys × queries): `mask[j][i]` is true when
 * query i may attend to key j, false when that pair must get exactly zero weight.
 */
export type Mask = "none" | "causal" | readonly (readonly boolean[])[] | Matrix;

/** Options of the attention functions; leaving them out reproduces the article exactly. */
export interface AttentionOptions {
  /** Scaling of the scores: "none" (default), "sqrt-dk" or a positive factor. */
  scale?: Scale;
  /** Masking of query/key pairs: "none" (default), "causal" or a boolean keys×queries matrix. */
  mask?: Mask;
}

/**
 * The factor the scores are multiplied by, for a given scale option and key size d_k.
 *
 * Formula: factor = 1 (none), 1/√d_k (sqrt-dk), or the number given.
 * Shapes: d_k a whole number ≥ 1 → a positive number.
 *
 * @example
 * scaleFactor("sqrt-dk", 4) // returns 0.5
 */
export function scaleFactor(scale: Scale | undefined, dk: number): number {
  if (scale === undefined || scale === "none") return 1;
  if (scale === "sqrt-dk") return 1 / Math.sqrt(dk);
  if (typeof scale === "number" && Number.isFinite(scale) && scale > 0) return scale;
  throw new AttentionError(
    `options.scale must be "none", "sqrt-dk" or a finite number > 0; got ${typeof scale === "string" ? JSON.stringify(scale) : String(scale)}`,
  );
}

/**
 * The mask as a keys×queries table of booleans (true = may attend), or null when nothing is masked.
 *
 * Formula: allowed[j][i] = true (none), j ≤ i (causal), or mask[j][i] (explicit).
 * Shapes: nKeys × nQueries, the shape of A = KᵀQ.
 *
 * @example
 * maskTable("causal", 2, 2) // returns [[true, true], [false, true]]
 */
export function maskTable(
  mask: Mask | undefined,
  nKeys: number,
  nQueries: number,
): boolean[][] | null {
  if (mask === undefined || mask === "none") return null;
  if (mask === "causal") {
    if (nKeys !== nQueries) {
      throw new AttentionError(
        `a causal mask needs as many keys as queries; got ${nKeys} keys and ${nQueries} queries`,
      );
    }
    return Array.from({ length: nKeys }, (_, j) =>
      Array.from({ length: nQueries }, (_, i) => j <= i),
    );
  }
  const rows: unknown = isMatrix(mask) ? mask.toArray() : mask;
  if (!Array.isArray(rows)) {
    throw new AttentionError(
      `options.mask must be "none", "causal" or a ${nKeys}×${nQueries} boolean matrix; got ${typeof rows}`,
    );
  }
  const first: unknown = rows[0];
  const cols = Array.isArray(first) ? first.length : -1;
  let ragged = false;
  for (let j = 0; j < rows.length; j++) {
    const r: unknown = rows[j]; // a loop, not some(), so that a missing row counts
    if (!Array.isArray(r) || r.length !== cols) ragged = true;
  }
  if (rows.length !== nKeys || cols !== nQueries || ragged) {
    const got = ragged ? "a ragged or non-matrix value" : `${rows.length}×${cols}`;
    throw new AttentionError(
      `options.mask must be ${nKeys}×${nQueries} (keys × queries, the shape of A = KᵀQ) but is ${got}`,
    );
  }
  const table: boolean[][] = [];
  for (let j = 0; j < nKeys; j++) {
    const row = (rows as unknown[][])[j] as unknown[];
    const out: boolean[] = [];
    for (let i = 0; i < nQueries; i++) {
      const v = row[i];
      if (typeof v !== "boolean") {
        throw new AttentionError(
          `options.mask[${j}][${i}] is ${v === undefined ? "missing" : JSON.stringify(v)}; mask entries must be true (may attend) or false (masked)`,
        );
      }
      out.push(v);
    }
    table.push(out);
  }
  return table;
}
