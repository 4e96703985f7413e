// The course on the JupyterLite site, in headless Debian Chromium, against the site built once per
// run (test/lite-site.setup.ts) and served from 127.0.0.1: lesson 01 in English and in zh-TW run
// all with no error output; exercise 1.1 answered right and wrong; a type error; an endless loop
// stopped from the toolbar; the typed answer kept across a reload and a download that grades; the
// site opening offline after the first visit; two lessons open at once, each on its own engine;
// lesson 05's explorer live, and explore(f) beside it; a cell run the moment the lesson shows;
// formulas typeset as they come near the screen, and all of them before printing.
// Every request is recorded: none may leave the site.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { words } from "../course/words.js";
import { exerciseList } from "../course/exercise-list.generated.js";
import { selfAttention } from "../src/index.js";
import { I, weights } from "../src/worked-example.js";
import { writeNotebookFolder } from "../build/workspace.js";
import { ROOT } from "../build/paths.js";
import {
  allCellsRun,
  ERROR_OUTPUTS,
  launch,
  openedAndIdle,
  outputOf,
  restartFromToolbar,
  runAllFromMenu,
  runNewCell,
} from "../browser/lab-page.js";
import * as explorer from "../browser/explore-page.js";

const site = inject("liteSite");
if (!site && process.env.CI) throw new Error(`no JupyterLite site: ${inject("liteSiteMissing")}`);
const shots = join(ROOT, "artifacts", "screenshots");
const work = join(ROOT, "artifacts", "lite");
const LESSON = "01-queries-and-keys.ipynb";
const EXPLORER_LESSON = "05-matrix-form-scores.ipynb";
const SECOND_LESSON = "02-normalisation.ipynb";
/** A global of the engine's own, which a lesson on another engine does not see. */
const MINE = "(globalThis as { mine?: string }).mine";
const PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)";
const STARTER = "const q3mine = TODO; // TODO: compute q3 = Wq·a3";
const RIGHT = "const q3mine = query(Wq, a3);";
const WRONG = "const q3mine = query(Wq, inputs[3]);"; // counted from 1: q4

/** Opens a notebook of the site by path and waits until it is the current tab and its kernel idle. */
async function openLesson(page: Page, path: string): Promise<Locator> {
  await page.goto(`${site}lab/?path=${path}`);
  try {
    await openedAndIdle(page, path, 120_000);
  } catch (error) {
    await page.screenshot({ path: join(shots, "lite-not-ready.png") });
    throw error;
  }
  return page.locator(`${PANEL} .jp-Notebook .jp-Cell`);
}

/** Run All, until every code cell has run or one shows an error (Run All stops there). */
async function runAll(page: Page): Promise<void> {
  await runAllFromMenu(page);
  await Promise.race([
    allCellsRun(page, PANEL),
    page
      .locator(`${PANEL} ${ERROR_OUTPUTS.split(", ").join(`, ${PANEL} `)}`)
      .first()
      .waitFor({ timeout: 240_000 }),
  ]);
}

/** Every error output (tracebacks, stderr) in the open notebook. */
function errorsIn(page: Page): Promise<string[]> {
  return page
    .locator(PANEL)
    .evaluate(
      (p, sel) => [...p.querySelectorAll(sel)].map((e) => e.textContent ?? ""),
      ERROR_OUTPUTS,
    );
}

/** Replaces the source of the code cell that contains `old` with `code`, and runs it and the next. */
async function answer(cells: Locator, old: string, code: string): Promise<void> {
  const editor = cells.filter({ has: cells.page().locator(".cm-content", { hasText: old }) });
  await editor.locator(".cm-content").click();
  await cells.page().keyboard.press("Control+a");
  await cells.page().keyboard.type(code);
  await cells.page().keyboard.press("Shift+Enter"); // runs it, selects the check cell
  await cells.page().keyboard.press("Shift+Enter");
}

/** Types an endless loop into a new cell, stops it from the toolbar and returns what the cell says. */
async function interruptLoop(page: Page, cells: Locator): Promise<string> {
  await cells.last().click();
  await runNewCell(page, "while (true) {}");
  const loop = cells.filter({ has: page.locator(".cm-content", { hasText: "while (true) {}" }) });
  await loop.locator(".jp-InputPrompt", { hasText: "[*]" }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // the loop is running
  await page
    .locator(`${PANEL} .jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']`)
    .click();
  await loop.locator(".jp-InputPrompt", { hasText: /\[\d+\]/ }).waitFor({ timeout: 30_000 });
  return (await loop.locator(".jp-OutputArea").textContent()) ?? "";
}

describe.skipIf(!site)("the course on the JupyterLite site", () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  const requests: string[] = [];
  /** A browser context (its own storage) whose every request is recorded. */
  const newContext = async () => {
    const c = await browser!.newContext({
      viewport: { width: 1280, height: 1000 },
      acceptDownloads: true,
    });
    c.on("request", (r) => requests.push(r.url()));
    return c;
  };

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(shots, { recursive: true });
    mkdirSync(work, { recursive: true });
    browser = await launch();
    context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      acceptDownloads: true,
    });
    context.on("request", (r) => requests.push(r.url()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("lesson 01 in English: run all, exercise 1.1 right and wrong, a type error, an endless loop stopped", async () => {
    const page = await context.newPage();
    const cells = await openLesson(page, LESSON);
    expect(await page.locator(".jp-Dialog").count(), "no kernel dialog").toBe(0);
    await runAll(page);
    expect(await errorsIn(page), "Run All shows no error").toEqual([]);
    await page.screenshot({ path: join(shots, "lite-01-run-all.png") });

    await answer(cells, STARTER, WRONG);
    expect(await outputOf(cells, 'check("1.1");')).toContain("Wq·a4, the query of the fourth word");
    await answer(cells, WRONG, RIGHT);
    await expect.poll(() => outputOf(cells, 'check("1.1");')).toContain("✓ Exercise 1.1");
    await page.keyboard.press("Control+s"); // saved in the browser's storage
    await page.screenshot({ path: join(shots, "lite-01-check.png") });

    await cells.last().click();
    await runNewCell(page, 'const n: number = "three";');
    const typeError = await outputOf(cells, 'const n: number = "three";');
    // shown as the Node kernel shows it: line:column, the message, the line and a caret; the
    // error's name, TypeScriptError, is in the saved notebook (checked on the download below)
    expect(typeError).toMatch(/^1:7 - Type 'string' is not assignable to type 'number'/);

    const said = await interruptLoop(page, cells);
    expect(said).toContain(words("en").kernelRestarted);
    await page.screenshot({ path: join(shots, "lite-01-interrupt.png") });
    // the fresh kernel runs the next cell
    await runNewCell(page, "6 * 7");
    expect(await outputOf(cells, "6 * 7")).toContain("42");

    // restart from the toolbar: a fresh kernel counts from 1 again
    await restartFromToolbar(page, page.locator(PANEL));
    await runNewCell(page, "[1, 2, 3].length");
    const after = cells.filter({
      has: page.locator(".cm-content", { hasText: "[1, 2, 3].length" }),
    });
    await after.locator(".jp-InputPrompt", { hasText: "[1]" }).waitFor({ timeout: 60_000 });
    expect(await outputOf(cells, "[1, 2, 3].length")).toContain("3");
    await page.keyboard.press("Control+s");
    await page.waitForTimeout(1000);
    await page.close();
  }, 600_000);

  it("the answer is kept across a reload, and a downloaded notebook grades as the original", async () => {
    const page = await context.newPage();
    const cells = await openLesson(page, LESSON);
    await cells.filter({ hasText: RIGHT }).first().waitFor({ timeout: 30_000 });

    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^File$/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".lm-Menu-itemLabel", { hasText: /^Download$/ }).click(),
    ]);
    const folder = join(work, "downloaded");
    writeNotebookFolder(folder, []);
    const file = join(folder, LESSON);
    await download.saveAs(file);
    const original = JSON.parse(readFileSync(join(ROOT, "notebooks", LESSON), "utf8")) as {
      cells: { source: string | string[]; outputs?: { ename?: string; evalue?: string }[] }[];
    };
    const downloaded = JSON.parse(readFileSync(file, "utf8")) as typeof original;
    const text = (c: { source: string | string[] }) => [c.source].flat().join("");
    expect(downloaded.cells.length, "no cell lost").toBeGreaterThanOrEqual(original.cells.length);
    expect(downloaded.cells.map(text)).toContain(RIGHT);
    const errors = downloaded.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.ename);
    expect(errors.map((o) => `${o.ename}: ${o.evalue}`)).toContain(
      "TypeScriptError: 1:7 - Type 'string' is not assignable to type 'number'.",
    );
    // graded beside the notebook the site started from: the same verdicts, but 1.1 now passes
    const originalFolder = join(work, "original");
    writeNotebookFolder(originalFolder, []);
    writeFileSync(join(originalFolder, LESSON), readFileSync(join(ROOT, "notebooks", LESSON)));
    const [mine, theirs] = [file, join(originalFolder, LESSON)].map((path) => {
      const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "grade.js"), path], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 300_000,
      });
      return (r.stdout + r.stderr).split("\n");
    });
    writeFileSync(join(work, "grade.txt"), mine!.join("\n"));
    const verdicts = (lines: string[]) => lines.filter((l) => /^\S+ \d\.\d /.test(l));
    expect(verdicts(mine!)).toEqual(
      verdicts(theirs!).map((l) =>
        / 1\.1 /.test(l) ? "✓ 1.1  q3, the query of the third word" : l,
      ),
    );
    // one line per exercise of the lesson
    expect(verdicts(mine!)).toHaveLength(
      exerciseList.filter((e) => `${e.lesson}.ipynb` === LESSON).length,
    );
    await page.close();
  }, 600_000);

  it("a cell run the moment the lesson shows, before the notebook has joined its kernel, runs (JupyterLab's own executor dropped it)", async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${site}lab/?path=${SECOND_LESSON}`);
    const first = page.locator(`.jp-NotebookPanel .jp-CodeCell`).first();
    // clicked as soon as it is visible, not waiting for the page to settle, as a quick learner does
    await first.locator(".cm-content").waitFor({ state: "visible", timeout: 120_000 });
    await first.locator(".cm-content").click({ force: true });
    await page.keyboard.press("Shift+Enter");
    const prompt = first.locator(".jp-InputPrompt");
    await expect
      .poll(() => prompt.textContent(), { timeout: 60_000, message: "the cell ran" })
      .toMatch(/\[1\]/);
    expect(
      await first
        .locator(".jp-OutputArea")
        .evaluate((o, sel) => o.querySelectorAll(sel).length, ERROR_OUTPUTS),
    ).toBe(0);
    await page.close();
  }, 180_000);

  it("formulas are typeset as they come near the screen, and all of them before the page prints", async () => {
    const page = await (await newContext()).newPage();
    const cells = await openLesson(page, LESSON);
    const formulas = (text: string) =>
      cells.filter({ hasText: text }).locator("mjx-container").count();
    const near = "Both come from the same input vector"; // the lesson's first paragraph
    const far = "buggyScores(i, tokens, Wq, Wk)"; // exercise 1.5, screens below
    await expect.poll(() => formulas(near), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await formulas(far), "a formula far below is not typeset yet").toBe(0);
    await cells.filter({ hasText: far }).scrollIntoViewIfNeeded();
    await expect.poll(() => formulas(far), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.reload();
    await openedAndIdle(page, LESSON, 120_000);
    await cells.filter({ hasText: far }).waitFor({ state: "attached" }); // drawn, off-screen
    expect(await formulas(far)).toBe(0);
    await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
    await expect.poll(() => formulas(far), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.close();
  }, 300_000);

  it("the first page offers both editions and says where the work lives", async () => {
    const page = await (await newContext()).newPage();
    await page.goto(site);
    expect(await page.locator("body").textContent()).toContain("File → Download");
    expect(await page.locator("#open-zh").textContent()).toContain("繁體中文");
    await page.screenshot({ path: join(shots, "lite-landing.png"), fullPage: true });
    await page.close();
  });

  it("zh-TW lesson 01: run all with no error output, and an endless loop stopped in Chinese", async () => {
    const page = await (await newContext()).newPage();
    const cells = await openLesson(page, `zh-TW/${LESSON}`);
    await runAll(page);
    expect(await errorsIn(page), "Run All shows no error").toEqual([]);
    await page.screenshot({ path: join(shots, "lite-zh-TW-01.png") });
    expect(await interruptLoop(page, cells)).toContain(words("zh-TW").kernelRestarted);
    await page.screenshot({ path: join(shots, "lite-zh-TW-interrupt.png") });
    await page.close();
  }, 600_000);

  it("two lessons open at once each run on an engine of their own: globals stay apart, stopping one leaves the other's, and a restored one starts its engine when used", async () => {
    const page = await (await newContext()).newPage();
    const engines = () => page.workers().filter((w) => w.url().endsWith("/engine/engine.js"));
    const first = await openLesson(page, LESSON);
    await first.last().click();
    await runNewCell(page, `${MINE} = "kept in lesson 01";`);
    await runNewCell(page, `${MINE} ?? "none here"`);
    expect(await outputOf(first, `${MINE} ?? "none here"`)).toContain("kept in lesson 01");

    // the second lesson, opened from the file browser as a learner does
    await page
      .locator(".jp-DirListing-item", { hasText: SECOND_LESSON })
      .first()
      .dblclick({ timeout: 30_000 });
    await openedAndIdle(page, SECOND_LESSON, 120_000);
    const second = page.locator(`${PANEL} .jp-Notebook .jp-Cell`);
    await second.last().click();
    await runNewCell(page, `${MINE} ?? "none here"`);
    expect(await outputOf(second, `${MINE} ?? "none here"`)).toContain("none here");
    expect(engines().length, "one engine per open lesson").toBeGreaterThanOrEqual(2);
    // an endless loop in the second lesson stops its engine only
    expect(await interruptLoop(page, second)).toContain(words("en").kernelRestarted);

    await page.locator(".lm-TabBar-tab", { hasText: LESSON }).click();
    await openedAndIdle(page, LESSON, 60_000);
    await first.last().click();
    await runNewCell(page, `${MINE}?.length`);
    expect(await outputOf(first, `${MINE}?.length`)).toContain(String("kept in lesson 01".length));

    // back on the page: JupyterLab restores both lessons, and only the one the address opens
    // starts an engine; the other starts its own when a cell of it runs
    await page.goto(`${site}lab/?path=${LESSON}`);
    await openedAndIdle(page, LESSON, 120_000);
    await page.locator(".lm-TabBar-tab", { hasText: SECOND_LESSON }).waitFor();
    expect(engines().length, "a restored lesson starts no engine").toBe(1);
    await page.locator(".lm-TabBar-tab", { hasText: SECOND_LESSON }).click();
    await openedAndIdle(page, SECOND_LESSON, 60_000);
    const restored = page.locator(`${PANEL} .jp-Notebook .jp-Cell`);
    await restored.last().click();
    await runNewCell(page, "40 + 2");
    // (read as text: the panel JupyterLab restored may still be marked hidden once shown)
    const sum = page.locator(".jp-CodeCell", {
      has: page.locator(".cm-content", { hasText: "40 + 2" }),
    });
    await expect
      .poll(() => sum.last().locator(".jp-OutputArea").textContent(), { timeout: 60_000 })
      .toContain("42");
    expect(engines().length).toBe(2);
    await page.close();
  }, 600_000);

  it("lesson 05's explorer runs live: an entry of a1 set, A' and O equal selfAttention; explore(f) marks the entries that differ", async () => {
    const page = await (await newContext()).newPage();
    const cells = await openLesson(page, EXPLORER_LESSON);
    await runAll(page);
    expect(await errorsIn(page), "Run All shows no error").toEqual([]);
    const live = page.locator(`${PANEL} .afz-explore[data-live]`);
    await expect.poll(() => live.count(), { timeout: 30_000 }).toBe(1);
    // the live explorer, not its still picture
    expect(await live.locator(".afz-still").isVisible()).toBe(false);
    const plain = live.locator(".afz-live");
    expect(await plain.isVisible()).toBe(true);
    const first = explorer.fixed(selfAttention(I, weights).Aprime);
    expect(await explorer.shown(plain, "A'")).toEqual(first);
    // beside the file browser, as the site opens, every picture fits the output's width
    const overflow = await live.evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(overflow, "the explorer is wider than its output").toBeLessThanOrEqual(0);

    // set a1[0] (the first entry of "the") from 1 to 2.5: A' and O follow, as the library has them
    const moved = explorer.withEntry(I, 0, 0, 2.5);
    const want = selfAttention(moved, weights);
    expect(explorer.fixed(want.Aprime)).not.toEqual(first);
    await explorer.entry(plain, "I", 0, 0).fill("2.5");
    await expect.poll(() => explorer.shown(plain, "A'")).toEqual(explorer.fixed(want.Aprime));
    expect(await explorer.shown(plain, "O")).toEqual(explorer.fixed(want.O));
    await plain.locator('td[data-alpha="1,0"]').hover();
    await plain.locator('.afz-chain[data-chain="0,1"]').waitFor({ timeout: 5_000 });
    await live.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "lite-explore.png") });

    // explore(f) with the softmax along rows, in a new cell: the entries of its O that differ are marked
    await cells.last().click();
    await runNewCell(page, `${explorer.ROWS_F.replace(/\n\s*/g, " ")} explore(rowsAttention);`);
    await expect.poll(() => live.count(), { timeout: 60_000 }).toBe(2);
    const mine = live.nth(1).locator(".afz-live");
    expect(explorer.rowsDiffer(I), "rowsAttention differs from selfAttention").toBeGreaterThan(0);
    expect(await explorer.markedAroundMove(mine, 2.5)).toEqual({
      before: explorer.rowsDiffer(I),
      after: explorer.rowsDiffer(moved),
    });
    await mine.locator(".afz-mine").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, "lite-explore-mine.png") });
    await page.close();
  }, 600_000);

  it("after the first visit the site opens offline, with the kernel", async () => {
    const offline = await newContext();
    const page = await offline.newPage();
    await openLesson(page, LESSON);
    // the page adds what it loaded to the offline cache, and marks when it has
    await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      "attention-from-zero:kept-offline",
      { timeout: 60_000 },
    );
    await offline.setOffline(true);
    try {
      const cells = await openLesson(page, LESSON);
      await cells.last().click();
      await runNewCell(page, "6 * 7");
      expect(await outputOf(cells, "6 * 7")).toContain("42");
      await page.screenshot({ path: join(shots, "lite-offline.png") });
    } finally {
      await offline.setOffline(false);
      await page.close();
    }
  }, 300_000);

  it("no request left the site", () => {
    expect(requests.length).toBeGreaterThan(50);
    const away = requests.filter((u) => !u.startsWith(site) && !/^(data|blob):/.test(u));
    expect(away).toEqual([]);
  });
});
