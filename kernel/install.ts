// `npm run kernel [--user] [--stock]`: registers the kernel with Jupyter, in the project's own
// .jupyter folder (found through JUPYTER_PATH) or, with --user, where this user's Jupyter and
// VS Code look. `--into DIR [--name NAME]` writes the spec into any Jupyter data folder (the tests'
// temporary ones). Every kernel.json of the project is written by spec.ts's writeKernelSpec.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { ROOT } from "./project.js";
import {
  COURSE_KERNEL_NAME,
  defaultChoice,
  type KernelChoice,
  NOTEBOOK_KERNEL,
  writeKernelSpec,
} from "./spec.js";

/** The project's own Jupyter data folder; Jupyter finds kernels here through JUPYTER_PATH. */
export const PROJECT_JUPYTER = join(ROOT, ".jupyter");

/** JUPYTER_PATH with `dir` first, keeping whatever the user had. */
export function jupyterPathWith(dir: string, current = process.env.JUPYTER_PATH): string {
  return current ? `${dir}${delimiter}${current}` : dir;
}

/** Registers the kernel for this user through `jupyter kernelspec install --user`. */
function installForUser(choice: KernelChoice): number {
  // Jupyter itself puts the spec where this user's Jupyter (and VS Code) looks for kernels.
  const staging = mkdtempSync(join(tmpdir(), "attention-kernel-"));
  writeKernelSpec(staging, COURSE_KERNEL_NAME, choice);
  const folder = join(staging, "kernels", COURSE_KERNEL_NAME);
  const r = spawnSync(
    "jupyter",
    ["kernelspec", "install", "--user", "--name", COURSE_KERNEL_NAME, folder],
    { stdio: "inherit" },
  );
  rmSync(staging, { recursive: true, force: true });
  if (r.error || r.status !== 0) {
    console.error(
      "Could not run `jupyter kernelspec install`. Is Jupyter installed? Run `npm start` once to install it into .venv/, or: pip install jupyterlab",
    );
    return 1;
  }
  console.log(
    `Registered the kernel "${COURSE_KERNEL_NAME}" (TypeScript, Attention from Zero) for this user.`,
  );
  return 0;
}

function main(argv: string[]): number {
  const valueOf = (flag: string) => {
    const k = argv.indexOf(flag);
    return k >= 0 ? argv[k + 1] : undefined;
  };
  const choice: KernelChoice = argv.includes("--stock") ? "stock" : defaultChoice();
  if (argv.includes("--user")) return installForUser(choice);
  const into = valueOf("--into");
  if (argv.includes("--into") && !into) {
    console.error("usage: node dist/kernel/install.js --into DIR [--name NAME] [--stock]");
    return 2;
  }
  const file = writeKernelSpec(
    into ?? PROJECT_JUPYTER,
    valueOf("--name") ?? NOTEBOOK_KERNEL,
    choice,
  );
  if (into) {
    console.log(file);
    return 0;
  }
  console.log(`Registered the ${choice} kernel as "${NOTEBOOK_KERNEL}" in ${file}`);
  console.log("Jupyter finds it when started with:");
  console.log(
    process.platform === "win32"
      ? `  set JUPYTER_PATH=${jupyterPathWith(PROJECT_JUPYTER)}`
      : `  export JUPYTER_PATH="${jupyterPathWith(PROJECT_JUPYTER)}"`,
  );
  return 0;
}

if (process.argv[1]?.endsWith(join("kernel", "install.js")))
  process.exitCode = main(process.argv.slice(2));
