// The entry of the sandbox's startup snapshot (grader/snapshot.ts bundles and builds it): mathjs loaded and built, then each process started from it serves the grader.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import vm from "node:vm";
import { mathjsFile, shareMathjs } from "./realm.js";
import { serve } from "./sandbox-serve.js";

// A snapshot holds only the main context (no vm context of its own), so mathjs is built in it,
// where the notebooks' realms reach it only through the read-only view shareMathjs() hands them.
const file = mathjsFile();
vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
const here = globalThis as { math?: Record<string, unknown> };
const math = here.math;
delete here.math;
if (!math) throw new Error(`${file} defined no global math`);
// build every function now, once for every process started from the snapshot (mathjs builds each
// on first use), so the notebooks find them made
for (const name of Object.keys(math)) void math[name];
shareMathjs(math);

v8.startupSnapshot.setDeserializeMainFunction(() => serve("snapshot"));
