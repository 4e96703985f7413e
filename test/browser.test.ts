// A learner's view: classic Jupyter Notebook on loopback, a notebook opened in headless Chromium,
// Run All, then the tables and the heatmap must be on the page with no error output. Screenshots
// go to artifacts/screenshots/.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../tools/generate.js";
import { defaultChoice, NOTEBOOK_KERNEL, writeKernelSpec } from "../tools/kernel.js";
import { JUPYTER } from "../tools/python.js";

const root = join(import.meta.dirname, "..");
const CHROMIUM = "/usr/bin/chromium";
const ready = existsSync(CHROMIUM) && existsSync(JUPYTER);
if (!ready && process.env.CI)
  throw new Error(`the browser test needs ${CHROMIUM} and ${JUPYTER}: see .ci/run`);

const NOTEBOOKS = ["05-matrix-form-scores.ipynb", "03-values-and-output.ipynb"];
const work = join(root, "artifacts", "browser");
const shots = join(root, "artifacts", "screenshots");

function freePort(): Promise<number> {
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

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Jupyter did not answer at ${url} within ${ms / 1000} s`);
}

describe.skipIf(!ready)("the course in a browser", () => {
  let server: ChildProcess | undefined;
  let base = "";
  let log = "";
  const token = randomBytes(12).toString("hex");

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    const nbDir = join(work, "notebooks");
    mkdirSync(nbDir, { recursive: true });
    mkdirSync(shots, { recursive: true });
    symlinkSync(join(root, "src"), join(nbDir, "src"));
    symlinkSync(join(root, "course"), join(nbDir, "course"));
    for (const [file, text] of generate().notebooks) writeFileSync(join(nbDir, file), text);
    writeKernelSpec(join(work, "jupyter"), NOTEBOOK_KERNEL, defaultChoice());
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const dirs = {
      JUPYTER_CONFIG_DIR: "config",
      JUPYTER_DATA_DIR: "data",
      JUPYTER_RUNTIME_DIR: "runtime",
      IPYTHONDIR: "ipython",
    };
    const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_PATH: join(work, "jupyter") };
    for (const [k, v] of Object.entries(dirs)) env[k] = join(work, v);
    server = spawn(
      JUPYTER,
      [
        "notebook",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        `--port=${port}`,
        `--NotebookApp.token=${token}`,
        `--notebook-dir=${work}`,
      ],
      { cwd: work, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.stdout?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    server.stderr?.on("data", (d: Buffer) => {
      log += d.toString();
    });
    await waitForServer(`${base}/api?token=${token}`, 60_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${log.slice(-2000)}`);
    });
  }, 90_000);

  afterAll(() => {
    server?.kill("SIGTERM");
  });

  it.each(NOTEBOOKS)(
    "%s: Run All renders tables and pictures with no error output",
    async (name) => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`${base}/notebooks/notebooks/${name}?token=${token}`);
        await page.waitForFunction(
          () => {
            const w = window as unknown as {
              Jupyter?: { notebook?: { kernel?: { is_connected?: () => boolean } } };
            };
            return w.Jupyter?.notebook?.kernel?.is_connected?.() === true;
          },
          undefined,
          { timeout: 60_000 },
        );
        await page.evaluate(() => {
          (
            window as unknown as { Jupyter: { notebook: { execute_all_cells: () => void } } }
          ).Jupyter.notebook.execute_all_cells();
        });
        // Run All is done when the last cell has been run and no cell is still running
        await page.waitForFunction(
          () => {
            const cells = document.querySelectorAll(".cell.code_cell");
            const last = cells[cells.length - 1];
            return (
              document.querySelectorAll(".cell.running").length === 0 &&
              !!last &&
              last.querySelector(".input_prompt")?.textContent?.includes("[*]") === false &&
              document.querySelectorAll(".output_subarea").length > 3
            );
          },
          undefined,
          { timeout: 120_000, polling: 500 },
        );
        await page.waitForTimeout(500);
        await page.screenshot({
          path: join(shots, name.replace(".ipynb", ".png")),
          fullPage: true,
        });
        const heatmap = page.locator("svg.attention-heatmap").first();
        // one picture of the vector-form trace where the lesson shows one, else of a table
        const trace = page.locator("div.attention-trace").first();
        const table =
          (await trace.count()) > 0 ? trace : page.locator("table.attention-matrix").first();
        if ((await table.count()) > 0) {
          await table.scrollIntoViewIfNeeded();
          await table.screenshot({ path: join(shots, name.replace(".ipynb", "-table.png")) });
        }
        if ((await heatmap.count()) > 0)
          await heatmap.screenshot({ path: join(shots, name.replace(".ipynb", "-heatmap.png")) });
        const counts = await page.evaluate(() => ({
          tables: document.querySelectorAll("table.attention-matrix").length,
          traces: document.querySelectorAll("div.attention-trace").length,
          heatmaps: document.querySelectorAll("svg.attention-heatmap").length,
          errors: [...document.querySelectorAll(".output_error, .output_stderr")].map(
            (e) => e.textContent ?? "",
          ),
          checks: [...document.querySelectorAll(".output_stdout")]
            .map((e) => e.textContent ?? "")
            .filter((t) => t.includes("Exercise")),
        }));
        expect(counts.errors, `error output in ${name}\n${log.slice(-2000)}`).toEqual([]);
        expect(counts.tables, "labelled tables on the page").toBeGreaterThan(0);
        if (name.startsWith("05")) expect(counts.heatmaps, "a heatmap of A'").toBeGreaterThan(0);
        if (name.startsWith("03")) expect(counts.traces, "one query's trace").toBeGreaterThan(0);
        expect(counts.checks.length, "every exercise check printed its verdict").toBeGreaterThan(0);
      } finally {
        await browser.close();
      }
    },
    240_000,
  );
});
