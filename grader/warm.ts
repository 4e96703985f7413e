// Run by `npm install`: builds the grading sandbox's startup snapshot and compiles the shipped notebooks' cells once, so that the first `npm run grade` only runs them. With `--all` (the benchmark), the compiler's snapshot too.
import { join } from "node:path";
import { ROOT } from "../build/paths.js";
import { closeCompilers, compileHereOnly } from "./compile-cache.js";
import { buildGradingSnapshots, compileNotebooks } from "./grade.js";
import { sandboxSnapshot } from "./snapshot.js";

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const notebooks = [join(ROOT, "notebooks")];
try {
  const s = performance.now();
  // The sandbox's snapshot takes a second or two. The compiler's (about 8 s of CPU) would make a
  // learner's install that much longer: the first grading that compiles a changed cell builds it
  // in the background instead, for the next. Each one that cannot be built says why.
  const all = process.argv.includes("--all");
  const built = all ? buildGradingSnapshots(notebooks) : sandboxSnapshot() !== null;
  if (!all) compileHereOnly(); // no compiler's snapshot is started in the background either
  if (built) console.log(`readied grading's startup snapshot in ${seconds(s)}`);
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
