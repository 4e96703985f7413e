// `npm start` stopped as a learner stops it leaves no kernel running: without a terminal, SIGINT or
// SIGTERM sent to its process group (as a process manager or an IDE's stop button does) or SIGTERM
// to npm alone; in a terminal, Ctrl-C. Each case starts the real `npm start` on loopback, starts a
// kernel through Jupyter's API, stops npm and looks for the kernel's process.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JUPYTER_LAB } from "../cli/python.js";
import { freePort, jupyterFolders } from "../browser/jupyter-server.js";
import { existsSync } from "node:fs";

const root = join(import.meta.dirname, "..");
const ready = existsSync(JUPYTER_LAB);
if (!ready && process.env.CI) throw new Error(`the npm start signal test needs ${JUPYTER_LAB}`);
const home = mkdtempSync(join(tmpdir(), "attention-signals-"));

/** Jupyter's own folders in a temporary one, so nothing of the user's setup is read or written. */
function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...jupyterFolders(home) };
  delete e.JUPYTER_PATH;
  return e;
}

/** The pids of processes whose command line contains `text`. */
function processesWith(text: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(text))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const STOPS = [
  "SIGINT to its process group",
  "SIGTERM to its process group",
  "SIGTERM to npm",
  "Ctrl-C in a terminal",
] as const;
type Stop = (typeof STOPS)[number];

/** Runs npm start, starts a kernel, stops npm as `how` says; the kernel's pids still alive after. */
async function startAndStop(how: Stop): Promise<{ kernel: number[]; left: number[]; log: string }> {
  const port = await freePort();
  const token = randomBytes(12).toString("hex");
  const jupyterArgs = ["--no-browser", "--ip=127.0.0.1", `--port=${port}`];
  jupyterArgs.push(`--IdentityProvider.token=${token}`);
  const command = ["npm", "start", "--", ...jupyterArgs];
  const terminal = how === "Ctrl-C in a terminal";
  // `script` gives npm a terminal of its own; its input is what the learner types there
  const child: ChildProcess = terminal
    ? spawn("script", ["-qfec", command.join(" "), "/dev/null"], { cwd: root, env: env() })
    : spawn(command[0] as string, command.slice(1), {
        cwd: root,
        env: env(),
        stdio: ["ignore", "pipe", "pipe"],
        detached: true, // a process group of its own, with no terminal
      });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const api = async (path: string, body?: unknown) => {
    const r = await fetch(`http://127.0.0.1:${port}/api/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r.json() as Promise<{ id?: string }>;
  };
  try {
    await until(
      "Jupyter to answer",
      () =>
        api("status").then(
          () => true,
          () => false,
        ),
      120_000,
    );
    const { id } = await api("kernels", { name: "tslab" });
    if (!id) throw new Error("no kernel id");
    await until("the kernel process", () => processesWith(`kernel-${id}.json`).length > 0, 30_000);
    const kernel = processesWith(`kernel-${id}.json`);
    if (terminal) child.stdin?.write("\x03");
    else if (how === "SIGTERM to npm") child.kill("SIGTERM");
    else process.kill(-(child.pid as number), how.startsWith("SIGINT") ? "SIGINT" : "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    // what is still running a few seconds after npm ended
    await until(
      "the kernel to end",
      () => processesWith(`kernel-${id}.json`).length === 0,
      10_000,
    ).catch(() => undefined);
    return { kernel, left: processesWith(`kernel-${id}.json`), log };
  } finally {
    if (child.exitCode === null && child.pid) child.kill("SIGKILL");
  }
}

describe.skipIf(!ready)("npm start, stopped", () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.each<Stop>([...STOPS])(
    "npm start stopped by %s leaves no kernel process",
    async (how) => {
      const { kernel, left, log } = await startAndStop(how);
      expect(kernel.length, log.slice(-2000)).toBeGreaterThan(0);
      // a kernel left behind would be ended here, by its own pid
      for (const pid of left) process.kill(pid, "SIGKILL");
      expect(left, `kernel processes left after ${how}:\n${log.slice(-2000)}`).toEqual([]);
    },
    200_000,
  );
});
