// Run by `npm install`: builds grading's startup snapshots and compiles the shipped notebooks' cells once, so that the first `npm run grade` only runs them.
import { join } from "node:path";
import { ROOT } from "../build/paths.js";
import { closeCompilers } from "./compile-cache.js";
import { buildGradingSnapshots, compileNotebooks } from "./grade.js";

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const notebooks = [join(ROOT, "notebooks")];
try {
  const s = performance.now();
  // first, so that the cells below compile with the compiler readied there; each one that
  // cannot be built says why
  if (buildGradingSnapshots(notebooks))
    console.log(`readied grading's startup snapshots in ${seconds(s)}`);
  const t = performance.now();
  compileNotebooks(notebooks);
  console.log(`compiled the notebooks' cells for grading in ${seconds(t)}`);
} catch (e) {
  // only a head start: grading compiles whatever is missing itself
  console.log(`could not compile the notebooks ahead (${String(e)}); grading will do it`);
} finally {
  closeCompilers();
  process.exit(0);
}
