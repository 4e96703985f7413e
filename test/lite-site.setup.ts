// vitest globalSetup: builds the JupyterLite site once per test run and serves it on loopback, for
// every browser test of the site (test/lite-browser.test.ts), which reads its URL with inject("liteSite").
// A run that selects no such test file builds nothing. Without the site's requirements in .venv/
// the URL is empty and those tests are skipped with a note, except in CI, where they fail.
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { JUPYTER_LITE } from "../cli/python.js";
import { buildSite, SITE } from "../cli/site.js";
import { serveStatic } from "../cli/static-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The served site's URL ("http://127.0.0.1:PORT/"), or "" when it could not be built. */
    liteSite: string;
    /** Why there is no site, when liteSite is "". */
    liteSiteMissing: string;
  }
}

/** Whether this run includes a test of the site: a bare run does; a filtered one only if it names one. */
function wanted(): boolean {
  const files = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run");
  return files.length === 0 || files.some((f) => /lite-(browser|site)/.test(f));
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  project.provide("liteSite", "");
  project.provide("liteSiteMissing", "this run selects no test of the site");
  if (!wanted()) return;
  if (!existsSync(JUPYTER_LITE) && !process.env.CI) {
    project.provide("liteSiteMissing", `no ${JUPYTER_LITE}: see .ci/run (requirements/site.txt)`);
    return;
  }
  const ms = buildSite();
  console.log(`[lite] built ${SITE} in ${(ms / 1000).toFixed(1)} s`);
  const site = await serveStatic(SITE);
  project.provide("liteSite", site.url);
  return site.close;
}
