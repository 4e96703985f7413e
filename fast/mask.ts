// The mask and scale options for the fast path: read with the readable path's own option checks.
import { type AttentionOptions, maskTable } from "../src/options.js";
import type { Allowed } from "./kernels.js";

/**
 * Reads options.mask for n tokens as the fast path uses it. "causal" stays a rule (j ≤ i)
 * instead of an n×n table; an explicit mask is checked by maskTable, with its messages.
 *
 * Formula: allowed[j][i] = true (none), j ≤ i (causal), or mask[j][i] (explicit)
 * Shapes: n tokens → a rule, or a table of n×n flags (keys × queries)
 *
 * @example
 * allowedPairs({ mask: "causal" }, 3).kind // returns "causal"
 */
export function allowedPairs(options: AttentionOptions, n: number): Allowed {
  const { mask } = options;
  if (mask === "causal") return { kind: "causal" };
  const table = maskTable(mask, n, n);
  if (table === null) return { kind: "all" };
  const flags = new Uint8Array(n * n);
  for (let j = 0; j < n; j++) {
    const row = table[j] as boolean[];
    for (let i = 0; i < n; i++) flags[j * n + i] = row[i] ? 1 : 0;
  }
  return { kind: "table", flags };
}
