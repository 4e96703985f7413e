// Starts a Jupyter server (JupyterLab or Notebook 7) on loopback with a token, for the browser and
// start-up tests, and stops it with its kernels.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Jupyter's own folders inside `base`, so that nothing of the user's Jupyter setup is read or written. */
export function jupyterFolders(base: string): Record<string, string> {
  const folders: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    JUPYTER_CONFIG_DIR: "config",
    JUPYTER_DATA_DIR: "data",
    JUPYTER_RUNTIME_DIR: "runtime",
    IPYTHONDIR: "ipython",
    JUPYTERLAB_SETTINGS_DIR: "settings",
    JUPYTERLAB_WORKSPACES_DIR: "workspaces",
  }))
    folders[k] = join(base, v);
  return folders;
}

/** A TCP port on loopback that nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export interface Server {
  base: string;
  token: string;
  /** Everything the server printed so far, for messages of failed tests. */
  log: () => string;
  /** `GET|POST base/api/<path>` with the token; the parsed JSON answer. */
  api: (path: string, body?: unknown) => Promise<unknown>;
  stop: () => Promise<void>;
}

/**
 * Runs `command args… --port P --IdentityProvider.token=T` (in its own process group, so that
 * stopping it also stops what it started) and waits until GET /api answers.
 */
export async function startServer(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; port?: number; timeoutMs?: number },
): Promise<Server> {
  const port = options.port ?? (await freePort());
  const token = randomBytes(12).toString("hex");
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const child: ChildProcess = spawn(
    command,
    [...args, `--port=${port}`, `--IdentityProvider.token=${token}`],
    { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const api = async (path: string, body?: unknown) => {
    const r = await fetch(`${base}/api/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `token ${token}`, "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json() as Promise<unknown>;
  };
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const until = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited early:\n${log.slice(-3000)}`);
    try {
      await api("status");
      return { base, token, log: () => log, api, stop };
    } catch {
      if (Date.now() > until) {
        await stop();
        throw new Error(`${command} did not answer at ${base}:\n${log.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** Jupyter's own folders inside `work`, so nothing of the user's setup is read or written. */
export function jupyterEnv(work: string): NodeJS.ProcessEnv {
  return { ...process.env, JUPYTER_PATH: join(work, "jupyter"), ...jupyterFolders(work) };
}

/** JupyterLab settings: no news prompt, and every cell in the page so that it can be checked. */
export function writeLabSettings(work: string): void {
  const settings = {
    "@jupyterlab/apputils-extension/notification": { fetchNews: "false" },
    "@jupyterlab/notebook-extension/tracker": { windowingMode: "none" },
  };
  for (const [id, value] of Object.entries(settings)) {
    const [dir, file] = [
      join(work, "settings", id, ".."),
      `${id.split("/").pop()}.jupyterlab-settings`,
    ];
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(value));
  }
}
