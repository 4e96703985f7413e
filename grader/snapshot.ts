// The sandbox's startup snapshot: a V8 heap with the sandbox's code and mathjs built, kept beside the compiled cells and built on first need.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../build/paths.js";
import { sha } from "./compile-cache.js";
import { mathjsFile } from "./realm.js";
import { graderFingerprint } from "./verdict-memory.js";

/** Where snapshots are kept: beside the installed packages, so a fresh install builds its own. */
export const SNAPSHOTS = join(ROOT, "node_modules", ".cache", "attention-from-zero", "snapshots");

/** The compiled entry that a snapshot runs while it is built (grader/sandbox-snapshot.ts). */
const ENTRY = join(ROOT, "dist", "grader", "sandbox-snapshot.js");
/**
 * V8's flags of every sandbox process: a snapshot starts only a process given the flags it was
 * built with, so they are set here for both. 1 GiB is the memory a notebook may use; beyond it the
 * process ends and the cell that allocated is told so.
 */
export const SANDBOX_V8_FLAGS: readonly string[] = ["--max-old-space-size=1024"];
/** Snapshots of another key older than this are removed when a new one is written. */
const STALE_MS = 60 * 60 * 1000;

/**
 * What a snapshot depends on: Node (a blob starts only the binary that built it), the grader's
 * compiled code and mathjs's one-file build.
 */
export function snapshotKey(): string {
  return sha(
    [
      `node ${process.version} ${process.arch} ${process.execPath} ${SANDBOX_V8_FLAGS.join(" ")}`,
      graderFingerprint(),
      readFileSync(mathjsFile(), "utf8"),
    ].join("\n\0"),
  );
}

/**
 * Bundles the entry with its imports into one CommonJS file (a snapshot's entry may require only
 * Node's own modules) and builds the blob from it, written whole or not at all.
 */
function build(blob: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const tmp = mkdtempSync(join(dir, "building-"));
  try {
    const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
    const entry = join(tmp, "sandbox.cjs");
    esbuild.buildSync({
      entryPoints: [ENTRY],
      outfile: entry,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      logLevel: "silent",
      // the one use, mathjsFile(), resolves mathjs from the compiled realm.js as it does unbundled
      define: {
        "import.meta.url": JSON.stringify(pathToFileURL(join(ROOT, "dist", "grader", "realm.js"))),
      },
    });
    const made = join(tmp, "sandbox.blob");
    const r = spawnSync(process.execPath, [
      ...SANDBOX_V8_FLAGS,
      "--snapshot-blob",
      made,
      "--build-snapshot",
      entry,
    ], {
      cwd: tmp,
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 120_000,
    });
    if (r.status !== 0 || !existsSync(made)) {
      const said = (r.stderr ?? "").trim().split("\n").slice(-3).join(" ");
      throw new Error(`node --build-snapshot ended with ${r.signal ?? r.status}: ${said}`);
    }
    renameSync(made, blob);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  for (const name of readdirSync(dir)) {
    const old = join(dir, name);
    const stat = statSync(old, { throwIfNoEntry: false });
    if (old !== blob && name.endsWith(".blob") && stat && Date.now() - stat.mtimeMs > STALE_MS)
      rmSync(old, { force: true });
  }
}

const chosen = new Map<string, string | null>();

/**
 * The startup snapshot sandboxes start from, built in `dir` on first need; null when snapshots
 * are turned off (`AFZ_SNAPSHOT=off`) or could not be built, which is said once (per key: a failed
 * build leaves a note, so later graders start their sandboxes as before without trying again).
 */
export function sandboxSnapshot(dir = SNAPSHOTS): string | null {
  if (process.env.AFZ_SNAPSHOT === "off") return null;
  const known = chosen.get(dir);
  if (known !== undefined) return known;
  let blob: string | null = null;
  let key = "";
  try {
    key = snapshotKey().slice(0, 16);
    blob = join(dir, `sandbox-${key}.blob`);
    if (existsSync(`${blob}.failed`)) blob = null;
    else if (!existsSync(blob)) build(blob, dir);
  } catch (e) {
    blob = null;
    const why = e instanceof Error ? e.message : String(e);
    console.warn(
      `grading starts its sandboxes without a startup snapshot, as before (slower): ${why}`,
    );
    try {
      if (key) writeFileSync(join(dir, `sandbox-${key}.blob.failed`), `${why}\n`);
    } catch {
      // the note only spares later graders the attempt
    }
  }
  chosen.set(dir, blob);
  return blob;
}
