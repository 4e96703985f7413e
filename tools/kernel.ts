// Registers the course's Jupyter kernel: in the project's own .jupyter folder, or for the user.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { courseKernelSpec } from "../kernel/spec.js";
import { ROOT } from "./paths.js";

/** The project's own Jupyter data folder; Jupyter finds kernels here through JUPYTER_PATH. */
export const PROJECT_JUPYTER = join(ROOT, ".jupyter");

/** The kernel name the notebooks ask for. In the project folder it is the course kernel. */
export const NOTEBOOK_KERNEL = "tslab";
/** The name used when registering for the user, so a tslab kernel of the user's own stays as it is. */
export const USER_KERNEL = "attention-from-zero";

export type KernelChoice = "course" | "stock";

/** kernel.json for the course kernel, or for stock tslab started from the project's node_modules. */
export function kernelJson(choice: KernelChoice, root = ROOT): Record<string, unknown> {
  if (choice === "stock") {
    return {
      argv: [
        process.execPath,
        join(root, "node_modules", "tslab", "bin", "tslab"),
        "kernel",
        "--config-path",
        "{connection_file}",
      ],
      display_name: "TypeScript (tslab)",
      language: "typescript",
      interrupt_mode: "signal",
    };
  }
  return { ...courseKernelSpec(root) };
}

/** Writes a kernelspec folder <dataDir>/kernels/<name>/kernel.json and returns its path. */
export function writeKernelSpec(dataDir: string, name: string, choice: KernelChoice): string {
  const dir = join(dataDir, "kernels", name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "kernel.json");
  writeFileSync(file, `${JSON.stringify(kernelJson(choice), null, 2)}\n`);
  return file;
}

/** JUPYTER_PATH with the project's folder first, keeping whatever the user had. */
export function jupyterPathWith(dir: string, current = process.env.JUPYTER_PATH): string {
  return current ? `${dir}${delimiter}${current}` : dir;
}

/** Which kernel to run: the course kernel once it is built, else stock tslab. */
export function defaultChoice(): KernelChoice {
  return existsSync(join(ROOT, "dist", "kernel", "main.js")) ? "course" : "stock";
}

function main(argv: string[]): number {
  const choice: KernelChoice = argv.includes("--stock") ? "stock" : defaultChoice();
  if (argv.includes("--user")) {
    // Let Jupyter itself put the spec where this user's Jupyter (and VS Code) looks for kernels.
    const staging = mkdtempSync(join(tmpdir(), "attention-kernel-"));
    writeKernelSpec(staging, USER_KERNEL, choice);
    const r = spawnSync(
      "jupyter",
      [
        "kernelspec",
        "install",
        "--user",
        "--name",
        USER_KERNEL,
        join(staging, "kernels", USER_KERNEL),
      ],
      {
        stdio: "inherit",
      },
    );
    rmSync(staging, { recursive: true, force: true });
    if (r.error || r.status !== 0) {
      console.error(
        "Could not run `jupyter kernelspec install`. Is Jupyter installed? Install it with: pip install jupyterlab",
      );
      return 1;
    }
    console.log(
      `Registered the kernel "${USER_KERNEL}" (TypeScript, Attention from Zero) for this user.`,
    );
    return 0;
  }
  const file = writeKernelSpec(PROJECT_JUPYTER, NOTEBOOK_KERNEL, choice);
  console.log(`Registered the ${choice} kernel as "${NOTEBOOK_KERNEL}" in ${file}`);
  console.log("Jupyter finds it when started with:");
  console.log(
    process.platform === "win32"
      ? `  set JUPYTER_PATH=${jupyterPathWith(PROJECT_JUPYTER)}`
      : `  export JUPYTER_PATH="${jupyterPathWith(PROJECT_JUPYTER)}"`,
  );
  return 0;
}

if (process.argv[1]?.endsWith(join("tools", "kernel.js")))
  process.exitCode = main(process.argv.slice(2));
