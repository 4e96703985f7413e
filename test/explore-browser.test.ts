// explore() in the real front ends, in headless Chromium: JupyterLab runs a notebook that shows the
// explorer and explore(f) for an f with the softmax along rows; an entry of a1 is set, hovered and
// focused; the same output saved in a notebook reopened untrusted, and in a page with JavaScript off,
// shows its still picture. Notebook 7 runs it too. Screenshots: artifacts/screenshots/explore-*.png.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeCell, type Notebook, serialize } from "../build/ipynb.js";
import { prelude } from "../build/prelude.js";
import { generate } from "../build/generate.js";
import { JUPYTER, JUPYTER_LAB } from "../cli/python.js";
import { exploreHtml } from "../course/explore.js";
import { useLanguage } from "../course/language.js";
import { selfAttention } from "../src/index.js";
import { I, weights } from "../src/worked-example.js";
import { type Server, startServer } from "../browser/jupyter-server.js";
import {
  entry,
  fixed,
  markedAroundMove,
  ROWS_F,
  rowsDiffer,
  shown,
  withEntry,
} from "../browser/explore-page.js";
import {
  allCellsRun,
  CHROMIUM,
  jupyterEnv,
  KERNEL_NAME,
  labReady,
  runAllFromMenu,
  serverArgs,
  startLab,
} from "./lab.js";

if (!labReady && process.env.CI)
  throw new Error(`the explorer's browser test needs ${CHROMIUM} and ${JUPYTER_LAB}: see .ci/run`);

const root = join(import.meta.dirname, "..");
// inside the project, so that the kernel finds node_modules above the notebooks
const work = join(root, "artifacts", "explore-browser");
const shots = join(root, "artifacts", "screenshots");

const META = {
  kernelspec: { display_name: "TypeScript (tslab)", language: "typescript", name: "tslab" },
  language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
};

function notebook(cells: Notebook["cells"]): string {
  return serialize({ cells, metadata: META, nbformat: 4, nbformat_minor: 5 });
}

describe.skipIf(!labReady)("explore() in JupyterLab and Notebook 7", () => {
  let lab: Server | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const cells = [
      codeCell("prelude", prelude()),
      codeCell("import", 'import { explore } from "./course/explore";'),
      codeCell("plain", "explore();"),
      codeCell("rows", ROWS_F),
      codeCell("mine", "explore(rowsAttention);"),
    ];
    const notebooks = new Map(generate().notebooks);
    notebooks.set("explore.ipynb", notebook(cells));
    // the output as a saved notebook keeps it, with no signature: JupyterLab opens it untrusted
    const saved = codeCell("saved", "explore();");
    saved.execution_count = 1;
    saved.outputs = [
      { output_type: "display_data", data: { "text/html": exploreHtml() }, metadata: {} } as never,
    ];
    notebooks.set("explore-saved.ipynb", notebook([saved]));
    ({ lab, browser } = await startLab(work, notebooks));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  }, 60_000);

  /** Opens a notebook of `server` and runs all its cells. */
  async function runAll(server: Server, path: string, scope: string): Promise<Page> {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${server.base}/${path}?token=${server.token}`);
    await page
      .locator(".jp-NotebookPanel-toolbar .jp-KernelName", { hasText: KERNEL_NAME })
      .waitFor({ timeout: 90_000 });
    await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 90_000 });
    await page.waitForTimeout(1000); // the kernel's first idle
    await runAllFromMenu(page);
    await allCellsRun(page, scope);
    return page;
  }

  it("JupyterLab: set an entry of a1, A' and O follow and equal selfAttention; hover shows a weight's chain; explore(f) marks the entries that differ", async () => {
    if (!lab) throw new Error("no server");
    const page = await runAll(
      lab,
      "lab/tree/notebooks/explore.ipynb",
      ".jp-NotebookPanel:not(.lm-mod-hidden)",
    );
    await page.keyboard.press("Control+b"); // close the file browser: the width a learner reads at
    const live = page.locator(".afz-explore[data-live]");
    await expect.poll(() => live.count(), { timeout: 30_000 }).toBe(2);
    const plain = live.nth(0).locator(".afz-live");
    await live.nth(0).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "explore-lab.png") });

    // the still picture is hidden, the live inputs are there
    expect(await live.nth(0).locator(".afz-still").isVisible()).toBe(false);
    expect(await shown(plain, "A'")).toEqual(fixed(selfAttention(I, weights).Aprime));

    // set a1[0] (the first entry of the token "the") from 1 to 2.5
    const a10 = entry(plain, "I", 0, 0);
    await a10.fill("2.5");
    const moved = withEntry(I, 0, 0, 2.5);
    const want = selfAttention(moved, weights);
    await expect.poll(() => shown(plain, "A'")).toEqual(fixed(want.Aprime));
    expect(await shown(plain, "O")).toEqual(fixed(want.O));
    expect(fixed(want.Aprime)).not.toEqual(fixed(selfAttention(I, weights).Aprime));

    // hover α'1,2: query 1 ("the"), key 2 ("cat"), A'[1][0]; its chain with the real numbers
    await plain.locator('td[data-alpha="1,0"]').hover();
    const chain = plain.locator('.afz-chain[data-chain="0,1"]');
    await chain.waitFor({ timeout: 5_000 });
    const k2 = [1, 0]; // Wk·a2
    const q1 = [2.5 + 0, 0 + 1]; // Wq·a1 with a1 = [2.5, 0, 1]
    const chainText = (await chain.textContent()) ?? "";
    expect(chainText).toContain(`= ${q1[0]}·${k2[0]} + ${q1[1]}·${k2[1]}`);
    expect(chainText).toContain(`= ${fixed(want.Aprime)[1]?.[0]}`);
    expect(chainText).toMatch(/column sum/);
    await page.screenshot({ path: join(shots, "explore-chain.png") });

    // keyboard: focus a column of O, its weighted sum shows
    await page.mouse.move(5, 5); // away from A', which would show its weight again on a layout shift
    await plain.locator('th[data-b="2"]').focus();
    const sum = plain.locator('.afz-sum[data-sum="2"]');
    await sum.waitFor({ timeout: 5_000 });
    expect((await sum.textContent()) ?? "").toContain(
      fixed(want.O)
        .map((r) => r[2])
        .join(", "),
    );

    // explore(rowsAttention): every entry of its O that differs from selfAttention's is marked
    const mine = live.nth(1).locator(".afz-live");
    await mine.scrollIntoViewIfNeeded();
    expect(rowsDiffer(I), "rowsAttention differs from selfAttention").toBeGreaterThan(0);
    expect(await markedAroundMove(mine, 2.5)).toEqual({
      before: rowsDiffer(I),
      after: rowsDiffer(moved),
    });
    await mine.locator(".afz-mine").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "explore-mine.png") });
    await page.close();
  }, 400_000);

  it("JupyterLab: the output saved in a notebook reopened untrusted shows the still picture", async () => {
    if (!lab || !browser) throw new Error("no server");
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${lab.base}/lab/tree/notebooks/explore-saved.ipynb?token=${lab.token}`);
    const out = page.locator(".jp-OutputArea-output .afz-still");
    await out.waitFor({ timeout: 90_000 });
    await page.waitForTimeout(1000);
    expect(await out.isVisible()).toBe(true);
    expect(await page.locator(".afz-explore[data-live]").count()).toBe(0);
    expect(await out.textContent()).toContain("0.5344");
    await page.keyboard.press("Control+b");
    await page.screenshot({ path: join(shots, "explore-untrusted.png") });
    await page.close();
  }, 200_000);

  it("a page with JavaScript off shows the saved output's still picture, with the library's numbers", async () => {
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><meta charset="utf-8"><body>${exploreHtml()}</body>`);
    const still = page.locator(".afz-still");
    expect(await still.isVisible()).toBe(true);
    expect(await page.locator(".afz-live").isVisible()).toBe(false);
    expect(await shown(still, "O")).toEqual(fixed(selfAttention(I, weights).O));
    await page.screenshot({ path: join(shots, "explore-still.png") });
    await context.close();
  });

  it("the zh-TW edition's explorer speaks Chinese, live and in its chain", async () => {
    if (!browser) throw new Error("no browser");
    useLanguage("zh-TW");
    const html = exploreHtml(null, { causal: true });
    useLanguage("en");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(`<!doctype html><meta charset="utf-8"><body>${html}</body>`);
    const live = page.locator(".afz-explore[data-live] .afz-live");
    await live.waitFor();
    await live.locator('td[data-alpha="3,0"]').hover(); // a weight the causal mask hides
    expect(await live.locator(".afz-panel").textContent()).toContain("被遮罩遮住");
    expect(await live.textContent()).toContain("因果遮罩");
    await page.screenshot({ path: join(shots, "explore-zh-TW.png") });
    await page.close();
  });

  it("Notebook 7: the explorer runs, and an entry set in a1 moves O", async () => {
    const nb7 = await startServer(JUPYTER, ["notebook", ...serverArgs(work)], {
      cwd: work,
      env: jupyterEnv(work),
    });
    try {
      const page = await runAll(nb7, "notebooks/notebooks/explore.ipynb", ".jp-NotebookPanel");
      const live = page.locator(".afz-explore[data-live] .afz-live").first();
      await live.waitFor({ timeout: 30_000 });
      await entry(live, "I", 2, 0).fill("-1");
      const moved = withEntry(I, 2, 0, -1);
      await expect.poll(() => shown(live, "O")).toEqual(fixed(selfAttention(moved, weights).O));
      await live.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, "explore-notebook7.png") });
      await page.close();
    } finally {
      await nb7.stop();
    }
  }, 400_000);
});
