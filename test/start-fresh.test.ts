// The real `npm start` on a copy of the project without .venv/: it installs the pinned JupyterLab
// into the copy's .venv/, serves the course kernel and opens a session on it; a second start
// reuses .venv/ and downloads nothing (pip is pointed at a dead address to be sure).
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, statSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findPython, oldEnough } from "../cli/venv.js";
import { startServer } from "../browser/jupyter-server.js";
import { projectCopy } from "./project-copy.js";

const root = join(import.meta.dirname, "..");
const python = findPython();
const ready = !!python && oldEnough(python.version);
if (!ready && process.env.CI) throw new Error("the start-up test needs python3 3.11.5 or newer");

/** A copy of the project's files (as git sees them, without ignored ones) with its node_modules. */
function projectWithModules(): string {
  const copy = projectCopy("attention-start-");
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  return copy;
}

/** The environment of a learner's shell: no overrides of where Python or Jupyter live. */
function learnerEnv(copy: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ["ATTENTION_VENV", "JUPYTER", "JUPYTER_PYTHON", "JUPYTER_PATH", "VIRTUAL_ENV"])
    delete env[k];
  for (const [k, v] of Object.entries({
    JUPYTER_CONFIG_DIR: "config",
    JUPYTER_DATA_DIR: "data",
    JUPYTER_RUNTIME_DIR: "runtime",
    JUPYTERLAB_WORKSPACES_DIR: "workspaces",
  }))
    env[k] = join(copy, ".jupyter-home", v);
  return env;
}

/** Connects to a kernel with jupyter_client, runs 6 * 7 and prints the result. */
const ASK_KERNEL = `
import sys
from jupyter_client import BlockingKernelClient
c = BlockingKernelClient(connection_file=sys.argv[1])
c.load_connection_file()
c.start_channels(hb=False)
c.wait_for_ready(timeout=90)
out = []
c.execute_interactive("6 * 7", timeout=60, output_hook=lambda m: out.append(m["content"].get("data", {}).get("text/plain", "")))
print("".join(out))
`;

interface Kernelspecs {
  kernelspecs: Record<string, { spec: { display_name: string } }>;
}
interface Session {
  kernel: { id: string; name: string };
}

/** Starts `npm start -- --no-browser …` in `copy`; checks the kernelspec and a session on it. */
async function startAndOpenSession(copy: string, env: NodeJS.ProcessEnv): Promise<string> {
  const server = await startServer("npm", ["start", "--", "--no-browser"], {
    cwd: copy,
    env,
    timeoutMs: 900_000,
  });
  try {
    const specs = (await server.api("kernelspecs")) as Kernelspecs;
    expect(specs.kernelspecs.tslab?.spec.display_name).toBe("TypeScript (Attention from Zero)");
    const session = (await server.api("sessions", {
      path: "00-start-here.ipynb", // JupyterLab serves notebooks/, the folder of the notebook it opens
      type: "notebook",
      name: "00-start-here.ipynb",
      kernel: { name: "tslab" },
    })) as Session;
    expect(session.kernel.name).toBe("tslab");
    // the kernel answers on its connection file: 6 * 7 comes back as 42
    const connection = join(env.JUPYTER_RUNTIME_DIR ?? "", `kernel-${session.kernel.id}.json`);
    const answer = execFileSync(
      join(copy, ".venv", "bin", "python"),
      ["-c", ASK_KERNEL, connection],
      {
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(answer.trim()).toBe("42");
    return server.log();
  } finally {
    await server.stop();
  }
}

describe.skipIf(!ready)("npm start on a fresh copy of the project", () => {
  let copy = "";
  afterAll(() => {
    if (copy) rmSync(dirname(copy), { recursive: true, force: true });
  }, 180_000);

  it("npm start installs JupyterLab into .venv/, serves the course kernel, then reuses .venv/ without downloading", async () => {
    copy = projectWithModules();
    expect(existsSync(join(copy, ".venv"))).toBe(false);
    let t = Date.now();
    const first = await startAndOpenSession(copy, learnerEnv(copy));
    const firstSeconds = (Date.now() - t) / 1000;
    expect(first).toContain("installs it for this project only");
    expect(first).toMatch(/Successfully installed .*jupyterlab-4\.6\.6/);
    expect(existsSync(join(copy, ".venv", "bin", "jupyter-lab"))).toBe(true);
    expect(first, "the start-up is quiet about node").not.toContain("require is not defined");

    const made = statSync(join(copy, ".venv", "pyvenv.cfg")).mtimeMs;
    const offline = {
      PIP_INDEX_URL: "http://127.0.0.1:9/simple",
      PIP_FIND_LINKS: "",
      HTTP_PROXY: "http://127.0.0.1:9",
      HTTPS_PROXY: "http://127.0.0.1:9",
    };
    t = Date.now();
    const second = await startAndOpenSession(copy, learnerEnv(copy, offline));
    console.info(
      `npm start to a session on the course kernel: ${firstSeconds} s with the install, ${(Date.now() - t) / 1000} s after`,
    );
    expect(second).not.toContain("installs it for this project only");
    expect(second).not.toContain("Collecting");
    expect(second).toContain("the project's own, in .venv/");
    expect(statSync(join(copy, ".venv", "pyvenv.cfg")).mtimeMs).toBe(made);
  }, 1_200_000);
});
