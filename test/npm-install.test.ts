// A learner's first command: `npm install` in a fresh copy of the project (from npm's cache, as a
// second install on the same machine would) ends without npm's warning about install scripts,
// because package.json's allowScripts says what each dependency's install script may do.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectCopy } from "./project-copy.js";

const root = join(import.meta.dirname, "..");
describe("npm install in a fresh copy", () => {
  let copy = "";
  afterAll(() => {
    if (copy) rmSync(dirname(copy), { recursive: true, force: true });
  });

  it("declares every dependency's install script in allowScripts, and npm warns about none", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      allowScripts?: Record<string, boolean>;
    };
    // tslab's zeromq ships prebuilt binaries: its install script (a rebuild) is not needed.
    expect(pkg.allowScripts?.zeromq).toBe(false);
    copy = projectCopy("attention-install-");
    const r = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: copy,
      encoding: "utf8",
      env: { ...process.env, npm_config_loglevel: "warn" },
      timeout: 300_000,
    });
    const said = `${r.stdout}\n${r.stderr}`;
    expect(r.status, said).toBe(0);
    expect(said).not.toMatch(/install-scripts|allowScripts|install script/i);
    // the denied script did not run, and zeromq loads from its prebuilt binary all the same
    expect(existsSync(join(copy, "node_modules", "zeromq", "build", "Release")), said).toBe(false);
    const load = spawnSync("node", ["-e", "require('zeromq'); console.log('ok')"], {
      cwd: join(copy, "node_modules", "tslab"),
      encoding: "utf8",
    });
    expect(load.stdout.trim(), load.stderr).toBe("ok");
  }, 400_000);
});
