// Where the project's own Python lives: .venv/ at the project root, made from requirements/*.txt.
import { join } from "node:path";
import { ROOT } from "./paths.js";

/** The project-local virtual environment (ignored by git); never the user's global Python. */
export const VENV = join(ROOT, ".venv");
const bin = process.platform === "win32" ? join(VENV, "Scripts") : join(VENV, "bin");
/** The virtual environment's Python, with nbclient, jupyter_client and jupyter_kernel_test once installed. */
export const PYTHON =
  process.env.JUPYTER_PYTHON ?? join(bin, process.platform === "win32" ? "python.exe" : "python");
/** The virtual environment's `jupyter` command. */
export const JUPYTER =
  process.env.JUPYTER ?? join(bin, process.platform === "win32" ? "jupyter.exe" : "jupyter");
