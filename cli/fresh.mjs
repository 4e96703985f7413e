// Before `npm run grade`: compiles the TypeScript when a source is newer than its compiled file, so grading never runs stale code.
import { spawnSync } from "node:child_process";
import process from "node:process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const FOLDERS = ["src", "fast", "course", "build", "cli", "kernel", "grader"];

/** Whether any .ts source under `dir` has no compiled .js in dist/ or one older than itself. */
function stale(dir) {
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    const stat = statSync(join(root, rel));
    if (stat.isDirectory()) {
      if (name !== "wasm" && stale(rel)) return true;
    } else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
      const out = join(root, "dist", rel.replace(/\.ts$/, ".js"));
      if (!existsSync(out) || statSync(out).mtimeMs < stat.mtimeMs) return true;
    }
  }
  return false;
}

if (FOLDERS.some(stale)) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
