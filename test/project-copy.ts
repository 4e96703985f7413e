// A copy of the project for tests that run its commands as a learner would, without touching it.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const root = join(import.meta.dirname, "..");

/**
 * The project's files as git sees them (tracked and new, not ignored ones: no node_modules, no
 * dist/, no .venv/), copied into `<a new temporary folder>/project`, whose path it returns.
 */
export function projectCopy(prefix: string): string {
  const copy = join(mkdtempSync(join(tmpdir(), prefix)), "project");
  const files = execFileSync("git", ["ls-files", "-z", "-co", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file), { verbatimSymlinks: true });
  }
  return copy;
}
