// A learner's view, in the real front ends: JupyterLab (and Notebook 7) from the project's .venv/ on
// loopback, driven in headless Chromium. Lesson 5 is opened from the file browser with one exercise
// solved, run all, then completion, interrupt and restart are tried. Screenshots go to
// artifacts/screenshots/.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { JUPYTER, JUPYTER_LAB } from "../cli/python.js";
import type { Server } from "../browser/jupyter-server.js";
import { ERROR_OUTPUTS, outputOf, restartFromToolbar, runNewCell } from "../browser/lab-page.js";
import { startServer } from "../browser/jupyter-server.js";
import {
  allCellsRun,
  CHROMIUM,
  jupyterEnv as jupyterEnvIn,
  KERNEL_NAME,
  labReady as ready,
  runAllFromMenu,
  serverArgs as serverArgsIn,
  startLab,
} from "./lab.js";

const root = join(import.meta.dirname, "..");
if (!ready && process.env.CI)
  throw new Error(`the browser test needs ${CHROMIUM} and ${JUPYTER_LAB}: see .ci/run`);

const LESSON = "05-matrix-form-scores.ipynb";
const SOLVED = "5.1";
/** A value exercise of lesson 5 answered with one of its lesson's wrong answers, for a long ✗ message. */
const WRONG = generate()
  .lessons.flatMap((l) => l.exercises)
  .find((e) => e.id.startsWith("5.") && e.id !== SOLVED && e.kind === "value" && e.wrong.length);
/** A lesson opened and closed without edits, which must stay byte for byte as it was. */
const UNTOUCHED = "01-queries-and-keys.ipynb";
const NOTEBOOK7_LESSON = "03-values-and-output.ipynb";
/** A lesson of the zh-TW edition to open, once the edition has one. */
const ZH_LESSON = [...generate().notebooks.keys()]
  .find((k) => k.startsWith("zh-TW/01-"))
  ?.slice("zh-TW/".length);
// inside the project, so that the kernel finds node_modules above the notebooks
const work = join(root, "artifacts", "browser");
const shots = join(root, "artifacts", "screenshots");
const jupyterEnv = () => jupyterEnvIn(work);
const serverArgs = serverArgsIn(work);

/**
 * Words (runs of letters and digits) of the printed output in `scope` that the page shows broken
 * across two lines, as JupyterLab's output area does to a line too long for it ("numb|ers").
 */
async function brokenWords(scope: Locator): Promise<string[]> {
  return scope.evaluate((p) => {
    const broken: string[] = [];
    for (const pre of p.querySelectorAll(
      ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stdout'] pre",
    )) {
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? "").matchAll(/[A-Za-z0-9_]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, m.index ?? 0);
          range.setEnd(node, (m.index ?? 0) + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  });
}

describe.skipIf(!ready)("the course in JupyterLab and Notebook 7", () => {
  let lab: Server | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const notebooks = generate({
      answerFor: (s) =>
        s.id === SOLVED
          ? s.solution
          : s.id === WRONG?.id
            ? (s.wrong[s.wrong.length - 1]?.code ?? s.starter)
            : s.starter,
    }).notebooks;
    ({ lab, browser } = await startLab(work, notebooks));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  }, 60_000);

  it("JupyterLab: a lesson from the file browser runs on the course kernel, with completion, interrupt and restart", async () => {
    if (!lab || !browser) throw new Error("no server");
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const shot = (name: string) => page.screenshot({ path: join(shots, `lab-${name}.png`) });
    await page.goto(`${lab.base}/lab?token=${lab.token}`);

    // open the lesson from the file browser, as a learner does
    await page
      .locator(".jp-DirListing-item[title^='Name: notebooks']")
      .dblclick({ timeout: 90_000 });
    await page
      .locator(`.jp-DirListing-item[title^='Name: ${LESSON}']`)
      .dblclick({ timeout: 60_000 });
    const panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
    const cells = panel.locator(".jp-Notebook .jp-Cell");
    // the notebook asks for "tslab", which is the course kernel here: chosen without a dialog
    await page
      .locator("#jp-main-statusbar", { hasText: `${KERNEL_NAME} | Idle` })
      .waitFor({ timeout: 90_000 });
    expect(await page.locator(".jp-Dialog").count(), "no kernel dialog").toBe(0);
    expect(await panel.locator(".jp-NotebookPanel-toolbar .jp-KernelName").textContent()).toBe(
      KERNEL_NAME,
    );
    await shot("05-opened");

    await runAllFromMenu(page);
    await allCellsRun(page, ".jp-NotebookPanel:not(.lm-mod-hidden)");
    const seen = await panel.evaluate(
      (p, errorSelector) => ({
        outputs: [...p.querySelectorAll(".jp-OutputArea-output")].map((e) => e.textContent ?? ""),
        errors: [...p.querySelectorAll(errorSelector)].map((e) => e.textContent ?? ""),
        formulas: p.querySelectorAll(".jp-MarkdownOutput mjx-container").length,
        rawDollars: [...p.querySelectorAll(".jp-MarkdownOutput")].filter((m) =>
          /\$\$|\\frac/.test(m.textContent ?? ""),
        ).length,
      }),
      ERROR_OUTPUTS,
    );
    expect(seen.errors, `error output\n${lab.log().slice(-2000)}`).toEqual([]);
    expect(seen.outputs.some((t) => t.includes(`✓ Exercise ${SOLVED}`))).toBe(true);
    expect(seen.outputs.some((t) => /… Exercise 5\.2: [^\n]*\nHint: /.test(t))).toBe(true);
    expect(seen.formulas, "LaTeX rendered by MathJax").toBeGreaterThan(10);
    expect(seen.rawDollars, "no formula left as TeX source").toBe(0);
    const heatmap = panel.locator("svg.attention-heatmap");
    await expect.poll(() => heatmap.count()).toBe(1);
    await heatmap.scrollIntoViewIfNeeded();
    expect(await heatmap.isVisible()).toBe(true);
    await shot("05-heatmap");
    const check = cells.filter({ hasText: `✓ Exercise ${SOLVED}` }).last();
    await check.scrollIntoViewIfNeeded();
    await shot("05-checks");

    // a failing check() at 1280 px: its lines break between words, never inside one
    if (!WRONG) throw new Error("lesson 5 has no value exercise with a wrong answer");
    const failing = cells.filter({ hasText: `✗ Exercise ${WRONG.id}` }).last();
    await failing.scrollIntoViewIfNeeded();
    expect(await failing.locator(".jp-OutputArea-output").textContent()).toContain("Hint:");
    await failing.screenshot({ path: join(shots, "lab-check-wrapped.png") });
    expect(await brokenWords(panel), "words broken across lines").toEqual([]);

    // the answer cell's names comment is wrapped to the cell: no line runs past its right edge
    const answer = cells.filter({ hasText: "You may use the prelude's names" }).last();
    await answer.scrollIntoViewIfNeeded();
    const overflow = await answer
      .locator(".cm-scroller")
      .evaluate((e) => e.scrollWidth - e.clientWidth);
    await answer.screenshot({ path: join(shots, "lab-names-comment.png") });
    expect(overflow, "the names comment overflows the cell").toBeLessThanOrEqual(0);

    // a vector shows as one row, its caption on one line
    const vector = panel.locator("table.attention-matrix[data-name^='α1']").first();
    await vector.scrollIntoViewIfNeeded();
    expect(await vector.locator("tr").count(), "a header row and one row of entries").toBe(2);
    const caption = await vector.locator("caption").evaluate((c) => c.getClientRects().length);
    expect(caption, "the caption on one line").toBe(1);
    await vector.locator("xpath=ancestor::div[contains(@class,'jp-Cell')][1]").screenshot({
      path: join(shots, "lab-vector-row.png"),
    });

    // the lesson's Chinese terms and the heatmap in one picture: fold the code cells between them
    const terms = panel.locator(".jp-MarkdownOutput", { hasText: "矩陣做法" });
    expect(await terms.count()).toBe(1);
    const code = panel.locator(".jp-MarkdownCell", {
      has: page.locator("h2", { hasText: "The code" }),
    });
    await code.hover(); // the fold button shows on hover
    await code.locator(".jp-collapseHeadingButton").click();
    await page.keyboard.press("Control+b"); // close the file browser for a wider page
    await page.setViewportSize({ width: 1280, height: 1950 });
    await panel
      .locator(".jp-MarkdownOutput h1")
      .evaluate((h) => h.scrollIntoView({ block: "start" }));
    await page.waitForTimeout(500); // let the scroll settle before the picture
    expect(await terms.isVisible()).toBe(true);
    const box = await heatmap.boundingBox();
    expect(box && box.y + box.height, "the heatmap is in the picture").toBeLessThan(1950);
    await panel.screenshot({ path: join(shots, "lab-05-terms-and-heatmap.png") });
    await page.setViewportSize({ width: 1280, height: 1000 });

    // completion: Math.ab and Tab
    await cells.last().click();
    await page.keyboard.press("Escape");
    await page.keyboard.press("b");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Math.ab");
    await page.keyboard.press("Tab");
    const completer = page.locator(".jp-Completer-item", { hasText: "abs" });
    await completer.first().waitFor({ timeout: 30_000 });
    await shot("completion");
    await page.keyboard.press("Enter");
    const active = panel.locator(".jp-Cell.jp-mod-active .cm-content");
    await expect.poll(() => active.textContent(), { timeout: 10_000 }).toBe("Math.abs");

    // interrupt an endless loop from the toolbar; what ran before is still there
    await runNewCell(page, "const kept = 42;");
    await page.keyboard.type("while (true) {}");
    await page.keyboard.press("Shift+Enter");
    const loop = cells.filter({ has: page.locator(".cm-content", { hasText: "while (true) {}" }) });
    await loop.locator(".jp-InputPrompt", { hasText: "[*]" }).waitFor({ timeout: 30_000 });
    await panel
      .locator(".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']")
      .click();
    expect(await outputOf(cells, "while (true) {}")).toContain("Interrupted");
    await page.keyboard.type("kept + 1");
    await page.keyboard.press("Shift+Enter");
    expect(await outputOf(cells, "kept + 1")).toContain("43");
    await shot("interrupt");

    // a loop that starts after a timer's await stops within 2 s, and the variables are kept
    const afterTimer = "await new Promise((r) => setTimeout(r, 100)); while (true) {}";
    await page.keyboard.type(afterTimer);
    await page.keyboard.press("Shift+Enter");
    const timerLoop = cells.filter({ has: page.locator(".cm-content", { hasText: afterTimer }) });
    await timerLoop.locator(".jp-InputPrompt", { hasText: "[*]" }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000); // the loop is running
    const asked = Date.now();
    await panel
      .locator(".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']")
      .click();
    await timerLoop.locator(".jp-InputPrompt", { hasText: /\[\d+\]/ }).waitFor({ timeout: 10_000 });
    const took = Date.now() - asked;
    expect(await outputOf(cells, afterTimer)).toContain("Interrupted");
    expect(took, "ms from interrupt to the cell's end").toBeLessThan(2000);
    await page.keyboard.type("kept + 2");
    await page.keyboard.press("Shift+Enter");
    expect(await outputOf(cells, "kept + 2")).toContain("44");

    // restart from the toolbar: a fresh kernel counts from 1 again
    await restartFromToolbar(page, panel);
    await runNewCell(page, "6 * 7");
    const after = cells.filter({ has: page.locator(".cm-content", { hasText: "6 * 7" }) });
    await after.locator(".jp-InputPrompt", { hasText: "[1]" }).waitFor({ timeout: 60_000 });
    expect(await outputOf(cells, "6 * 7")).toContain("42");
    await shot("restart");
    await page.close();
  }, 600_000);

  it("JupyterLab: a lesson opened and closed without edits is unchanged on disk, and never marked modified", async () => {
    if (!lab || !browser) throw new Error("no server");
    for (const file of [UNTOUCHED, ...(ZH_LESSON ? [`zh-TW/${ZH_LESSON}`] : [])]) {
      const path = join(work, "notebooks", file);
      const before = readFileSync(path);
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${lab.base}/lab/tree/notebooks/${file}?token=${lab.token}`);
      await page
        .locator("#jp-main-statusbar", { hasText: `${KERNEL_NAME} | Idle` })
        .waitFor({ timeout: 90_000 });
      await page.waitForTimeout(2000); // kernel_info has come back and been applied
      const tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current");
      expect(await tab.getAttribute("class"), `${file} marked modified`).not.toContain(
        "jp-mod-dirty",
      );
      await page.locator(".lm-MenuBar-itemLabel", { hasText: /^File$/ }).click();
      await page.locator(".lm-Menu-itemLabel", { hasText: /^Close Tab$/ }).click();
      await page.waitForTimeout(1000);
      expect(await page.locator(".jp-Dialog").count(), `${file}: a save dialog on close`).toBe(0);
      expect(readFileSync(path).equals(before), `${file} changed on disk`).toBe(true);
      await page.close();
    }
  }, 300_000);

  it("Notebook 7: a lesson runs all on the course kernel with no error output", async () => {
    if (!browser) throw new Error("no browser");
    const nb7 = await startServer(JUPYTER, ["notebook", ...serverArgs], {
      cwd: work,
      env: jupyterEnv(),
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${nb7.base}/notebooks/notebooks/${NOTEBOOK7_LESSON}?token=${nb7.token}`);
      await page
        .locator(".jp-NotebookPanel-toolbar .jp-KernelName", { hasText: KERNEL_NAME })
        .waitFor({ timeout: 90_000 });
      await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 90_000 });
      await runAllFromMenu(page);
      await allCellsRun(page, ".jp-NotebookPanel");
      const seen = await page.evaluate(
        (errorSelector) => ({
          errors: [...document.querySelectorAll(errorSelector)].map((e) => e.textContent ?? ""),
          traces: document.querySelectorAll("div.attention-trace").length,
          checks: [...document.querySelectorAll(".jp-OutputArea-output")].filter((e) =>
            /Exercise 3\.\d/.test(e.textContent ?? ""),
          ).length,
        }),
        ERROR_OUTPUTS,
      );
      await page.locator("div.attention-trace").first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, "notebook7-03.png") });
      expect(seen.errors, `error output\n${nb7.log().slice(-2000)}`).toEqual([]);
      expect(seen.traces, "one query's trace").toBeGreaterThan(0);
      expect(seen.checks, "every exercise check printed its verdict").toBeGreaterThan(0);
      await page.close();
    } finally {
      await nb7.stop();
    }
  }, 400_000);

  it.skipIf(!ZH_LESSON)(
    "JupyterLab: a zh-TW lesson shows its Chinese text, and check() answers in Chinese",
    async () => {
      if (!lab || !browser) throw new Error("no server");
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(`${lab.base}/lab/tree/notebooks/zh-TW/${ZH_LESSON}?token=${lab.token}`);
      await page
        .locator("#jp-main-statusbar", { hasText: `${KERNEL_NAME} | Idle` })
        .waitFor({ timeout: 90_000 });
      const scope = ".jp-NotebookPanel:not(.lm-mod-hidden)";
      await runAllFromMenu(page);
      await allCellsRun(page, scope);
      const seen = await page.locator(scope).evaluate(
        (p, errorSelector) => ({
          prose: [...p.querySelectorAll(".jp-MarkdownOutput")]
            .map((m) => m.textContent ?? "")
            .join(""),
          outputs: [...p.querySelectorAll(".jp-OutputArea-output")].map((e) => e.textContent ?? ""),
          errors: [...p.querySelectorAll(errorSelector)].map((e) => e.textContent ?? ""),
        }),
        ERROR_OUTPUTS,
      );
      await page.screenshot({ path: join(shots, "lab-zh-TW.png") });
      expect(seen.errors, `error output\n${lab.log().slice(-2000)}`).toEqual([]);
      expect(seen.prose).toMatch(/向量|矩陣/);
      expect(seen.outputs.some((t) => /… 練習 \d+\.\d+：還沒完成/.test(t))).toBe(true);
      expect(seen.outputs.some((t) => t.includes("提示："))).toBe(true);
      await page.close();
    },
    400_000,
  );

  it("fc-list finds a CJK font for the lessons' Chinese terms", () => {
    const r = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
    expect(r.stdout, "install fonts-noto-cjk").toMatch(/CJK/);
  });
});
