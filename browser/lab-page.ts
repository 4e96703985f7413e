// What the browser tests do on a JupyterLab page (JupyterLab, Notebook 7 or the JupyterLite site),
// as a learner would: Chromium from Debian, Run All from the menu, a new cell typed and run.
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { COURSE_DISPLAY_NAME } from "../kernel/names.js";

export const CHROMIUM = "/usr/bin/chromium";
/** The course kernel's name in the status bar and the toolbar. */
export const KERNEL_NAME = COURSE_DISPLAY_NAME;
/** Output areas that show an error: a traceback or text on stderr. */
export const ERROR_OUTPUTS =
  ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], [data-mime-type='application/vnd.jupyter.error']";
/** Headless Debian Chromium, never a downloaded browser. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
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
}

/** Waits until every code cell of the notebook shows a run count, none "[*]" or empty. */
export async function allCellsRun(page: Page, scope: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const prompts = [...document.querySelectorAll(`${sel} .jp-CodeCell .jp-InputPrompt`)];
      return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent ?? ""));
    },
    scope,
    { timeout: 240_000, polling: 500 },
  );
}

export async function runAllFromMenu(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
}

/** Types `code` into a new cell below the active one (from command mode) and runs it. */
export async function runNewCell(page: Page, code: string): Promise<void> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  await page.keyboard.press("Enter");
  await page.keyboard.type(code);
  await page.keyboard.press("Shift+Enter");
}

/** The output text of the code cell whose source is exactly `code`, once it has run. */
export async function outputOf(cells: Locator, code: string): Promise<string> {
  const cell = cells.filter({ has: cells.page().locator(".cm-content", { hasText: code }) }).last();
  await cell.locator(".jp-InputPrompt", { hasText: /\[\d+\]/ }).waitFor({ timeout: 60_000 });
  return (await cell.locator(".jp-OutputArea").textContent()) ?? "";
}

/**
 * Waits until the notebook `path` is the main area's current tab and its course kernel is idle. A
 * page that restores other notebooks opens `path` after them, and the status bar shows the kernel
 * of the current tab only.
 */
export async function openedAndIdle(page: Page, path: string, timeout = 180_000): Promise<void> {
  const name = path.slice(path.lastIndexOf("/") + 1);
  await page
    .locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current", { hasText: name })
    .waitFor({ timeout });
  await page
    .locator("#jp-main-statusbar", { hasText: `${KERNEL_NAME} | Idle` })
    .waitFor({ timeout });
}

/** Restarts the kernel from the notebook panel's toolbar, confirms, and waits until it is idle. */
export async function restartFromToolbar(page: Page, panel: Locator): Promise<void> {
  await panel.locator(".jp-NotebookPanel-toolbar [data-command='notebook:restart-kernel']").click();
  await page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click();
  await page
    .locator("#jp-main-statusbar", { hasText: `${KERNEL_NAME} | Idle` })
    .waitFor({ timeout: 120_000 });
}
