// Where the project's own Python lives: .venv/ at the project root, made from requirements/*.txt.
import { join } from "node:path";
import { ROOT } from "../build/paths.js";

/** The project-local virtual environment (ignored by git); never the user's global Python. */
export const VENV = process.env.ATTENTION_VENV ?? join(ROOT, ".venv");
/** The folder of a virtual environment's commands. */
export function venvBin(venv = VENV): string {
  return process.platform === "win32" ? join(venv, "Scripts") : join(venv, "bin");
}
const exe = (name: string) => join(venvBin(), process.platform === "win32" ? `${name}.exe` : name);
/** The virtual environment's Python, with nbclient, jupyter_client and jupyter_kernel_test once installed. */
export const PYTHON = process.env.JUPYTER_PYTHON ?? exe("python");
/** The virtual environment's `jupyter` command. */
export const JUPYTER = process.env.JUPYTER ?? exe("jupyter");
/** The virtual environment's `jupyter-lab` command. */
export const JUPYTER_LAB = exe("jupyter-lab");
/** The virtual environment's `jupyter-lite` command, from requirements/site.txt. */
export const JUPYTER_LITE = exe("jupyter-lite");
