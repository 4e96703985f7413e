// Run by `npm install`: compiles the shipped notebooks' cells and builds the sandbox's startup snapshot once, so that the first `npm run grade` only runs them.
import { join } from "node:path";
import { ROOT } from "../build/paths.js";
import { closeCompilers } from "./compile-cache.js";
import { compileNotebooks } from "./grade.js";
import { sandboxSnapshot } from "./snapshot.js";

try {
  const t = performance.now();
  compileNotebooks([join(ROOT, "notebooks")]);
  console.log(
    `compiled the notebooks' cells for grading in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const s = performance.now();
  // it says itself why, if it cannot be built
  if (sandboxSnapshot())
    console.log(
      `built the grading sandbox's startup snapshot in ${((performance.now() - s) / 1000).toFixed(1)} s`,
    );
} catch (e) {
  // only a head start: grading compiles whatever is missing itself
  console.log(`could not compile the notebooks ahead (${String(e)}); grading will do it`);
} finally {
  closeCompilers();
  process.exit(0);
}
