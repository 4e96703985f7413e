// `node dist/grader/snapshot-build.js ENTRY BLOB [V8 FLAG]...`: bundles a snapshot's entry (dist/grader/ENTRY) into one CommonJS file and builds its startup snapshot, written whole or not at all.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import { ROOT } from "../build/paths.js";

/**
 * A module of a package, bundled, still sees its own file's name: TypeScript finds its lib files
 * and tslab its types from `__filename` and `__dirname`, which a bundle would otherwise make the
 * bundle's own.
 */
const ownPaths: Plugin = {
  name: "own-paths",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const paths = `var __filename = ${JSON.stringify(args.path)}, __dirname = ${JSON.stringify(dirname(args.path))};`;
      // after a "use strict" directive, which must stay the module's first statement
      const strict = /^(#![^\n]*\n)?\s*(["'])use strict\2;?/.exec(text)?.[0] ?? "";
      const after = strict ? `${strict};\n` : "";
      return { contents: `${after}${paths}\n${text.slice(strict.length)}`, loader: "js" };
    });
  },
};

async function main(): Promise<void> {
  const [entryName, blob, ...v8Flags] = process.argv.slice(2);
  if (!entryName || !blob) throw new Error("usage: snapshot-build.js ENTRY BLOB [V8 FLAG]...");
  const entry = join(ROOT, "dist", "grader", entryName);
  const tmp = mkdtempSync(join(dirname(blob), `.${basename(blob)}-`));
  try {
    const esbuild = await import("esbuild");
    const bundle = join(tmp, "entry.cjs");
    await esbuild.build({
      entryPoints: [entry],
      outfile: bundle,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "silent",
      plugins: [ownPaths],
      // our modules find the project and resolve packages from here, as they do unbundled
      define: { "import.meta.url": JSON.stringify(pathToFileURL(entry).href) },
    });
    const made = join(tmp, "snapshot.blob");
    const r = spawnSync(
      process.execPath,
      [...v8Flags, "--snapshot-blob", made, "--build-snapshot", bundle],
      { cwd: tmp, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] },
    );
    if (r.status !== 0 || !existsSync(made)) {
      const said = (r.stderr ?? "").trim().split("\n").slice(-4).join(" ");
      throw new Error(
        `node --build-snapshot of ${entryName} ended with ${r.signal ?? r.status}: ${said}`,
      );
    }
    renameSync(made, blob);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (process.env.AFZ_SNAPSHOT_LOCK) rmSync(process.env.AFZ_SNAPSHOT_LOCK, { force: true });
  }
}

main().catch((e: unknown) => {
  const why = e instanceof Error ? e.message : String(e);
  console.error(why);
  // built in the background, nobody reads this: a note beside the blob tells the next grader
  const blob = process.argv[3];
  if (process.env.AFZ_SNAPSHOT_LOCK && blob) writeFileSync(`${blob}.failed`, `${why}\n`);
  process.exit(1);
});
