// Step 5 of the vector form: the output is the weighted sum of the values, b1 = Σi α'1,i·vi.
import { add, type Matrix, multiply } from "mathjs";
import { AttentionError } from "./errors.js";
import { lengthOf, toVector, type VectorInput } from "./shape.js";

/**
 * Mixes the values by the attention weights: each value vector counts as much as its weight.
 *
 * Formula: b = Σ_j α'_j · v_j
 * Shapes: α' (n), values n vectors of d_v → b (d_v)
 *
 * @example
 * weightedSum([0.5, 0.5], [[2, 0], [0, 4]]) // returns [1, 2]
 */
export function weightedSum(weights: VectorInput, values: readonly VectorInput[]): Matrix {
  const w = toVector(weights, "α'").toArray() as number[];
  if (!Array.isArray(values) || values.length !== w.length) {
    const n = Array.isArray(values) ? values.length : 0;
    throw new AttentionError(
      `b = Σ α'_j·v_j needs one weight per value: got ${w.length} weights and ${n} values`,
    );
  }
  const vs = values.map((v, j) => toVector(v, `v${j + 1}`));
  const dv = lengthOf(vs[0] as Matrix);
  vs.forEach((v, j) => {
    if (lengthOf(v) !== dv) {
      throw new AttentionError(
        `b = Σ α'_j·v_j needs every value of the same length d_v: v1 has ${dv}, v${j + 1} has ${lengthOf(v)}`,
      );
    }
  });
  let b = multiply(w[0] as number, vs[0] as Matrix) as Matrix; // α'_1·v_1 (d_v)
  for (let j = 1; j < vs.length; j++) {
    b = add(b, multiply(w[j] as number, vs[j] as Matrix)) as Matrix; // + α'_j·v_j (d_v)
  }
  return b;
}
