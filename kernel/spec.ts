// The kernelspec (kernel.json) that registers a kernel with Jupyter, and the one function that
// writes it: for the course kernel, or for stock tslab from the project's node_modules.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { COURSE_DISPLAY_NAME, languageInfo, NOTEBOOK_KERNEL } from "./names.js";
import { ROOT } from "./project.js";

export { NOTEBOOK_KERNEL };

/** The name the course kernel is registered under outside the project (for the user, in tests). */
export const COURSE_KERNEL_NAME = "attention-from-zero";

/** Which kernel a spec starts: the course kernel, or stock tslab. */
export type KernelChoice = "course" | "stock";

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: string;
  metadata?: object;
}

/**
 * The kernelspec a course notebook's metadata names: the course kernel, as `npm start` registers
 * it, so that JupyterLab finds nothing to change when it starts the kernel (and the notebook is not
 * marked modified). Stock tslab registers the same name, "tslab", so the notebooks run there too.
 */
export const NOTEBOOK_KERNELSPEC = {
  display_name: COURSE_DISPLAY_NAME,
  language: "typescript",
  name: NOTEBOOK_KERNEL,
};

const fromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/package.json"));

/** The TypeScript that compiles cells: the copy bundled with tslab, not the project's. */
export const typescriptVersion = (
  fromTslab("@tslab/typescript-for-tslab/package.json") as { version: string }
).version;

/**
 * The language_info the course kernel reports in kernel_info, which JupyterLab copies into a
 * notebook's metadata: the notebooks carry exactly this, so opening one changes nothing.
 */
export const LANGUAGE_INFO = languageInfo(typescriptVersion);

/** The spec for the built kernel in `projectRoot`: this very node binary runs dist/kernel/main.js. */
function courseKernelSpec(projectRoot = ROOT): KernelSpec {
  return {
    argv: [
      process.execPath,
      // An interrupt may terminate a timer's callback midway (watchdog-worker.ts), which leaves
      // node's async-context stack one entry deep; without this node aborts on noticing it.
      "--no-force-async-hooks-checks",
      path.join(path.resolve(projectRoot), "dist", "kernel", "main.js"),
      "{connection_file}",
    ],
    display_name: COURSE_DISPLAY_NAME,
    language: "typescript",
    // interrupt_request on the control channel reaches the kernel's watchdog thread even while a
    // cell keeps the main thread busy; a signal would wait for the main thread (watchdog-worker.ts).
    interrupt_mode: "message",
    metadata: { kernel_name: COURSE_KERNEL_NAME },
  };
}

/** The spec for stock tslab 1.0.22 from the project's node_modules, which takes signals. */
function stockKernelSpec(projectRoot = ROOT): KernelSpec {
  return {
    argv: [
      process.execPath,
      path.join(path.resolve(projectRoot), "node_modules", "tslab", "bin", "tslab"),
      "kernel",
      "--config-path",
      "{connection_file}",
    ],
    display_name: "TypeScript (stock tslab)",
    language: "typescript",
    interrupt_mode: "signal",
  };
}

/** The course kernel once it is built (dist/kernel/main.js), else stock tslab. */
export function defaultChoice(projectRoot = ROOT): KernelChoice {
  return existsSync(path.join(projectRoot, "dist", "kernel", "main.js")) ? "course" : "stock";
}

/** Writes <dataDir>/kernels/<name>/kernel.json for the chosen kernel and returns the file's path. */
export function writeKernelSpec(dataDir: string, name: string, choice: KernelChoice): string {
  const dir = path.join(dataDir, "kernels", name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "kernel.json");
  const spec = choice === "stock" ? stockKernelSpec() : courseKernelSpec();
  writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
  return file;
}
