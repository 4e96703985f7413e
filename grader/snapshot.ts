// Startup snapshots (V8 heaps saved after a costly start, which a process starts from): the sandbox's with mathjs built, the compiler's readied for the course; kept beside the compiled cells, built on first need.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { setPriority } from "node:os";
import { basename, join } from "node:path";
import { ROOT } from "../build/paths.js";
import { CACHES } from "./cache-pruning.js";
import { sha } from "./compile-cache.js";
import { mathjsFile } from "./realm.js";
import { graderFingerprint } from "./verdict-memory.js";

/** Where snapshots are kept: beside the installed packages, so a fresh install builds its own. */
export const SNAPSHOTS = join(CACHES, "snapshots");

/** The script that builds one (grader/snapshot-build.ts). */
const BUILDER = join(ROOT, "dist", "grader", "snapshot-build.js");
/**
 * V8's flags of every sandbox process: a snapshot starts only a process given the flags it was
 * built with, so they are set here for both. 1 GiB is the memory a notebook may use; beyond it the
 * process ends and the cell that allocated is told so.
 */
export const SANDBOX_V8_FLAGS: readonly string[] = ["--max-old-space-size=1024"];
/**
 * Snapshots of the same kind (and folder) under another key, older than this, are removed when a
 * new one is written (a grader that still meant to start from one starts as before).
 */
const STALE_MS = 10 * 60 * 1000;
/** A build in the background still going after this long has failed (its lock is stale). */
const BUILD_MS = 10 * 60 * 1000;

const off = () => process.env.AFZ_SNAPSHOT === "off";

/** What every snapshot depends on: Node (a blob starts only the binary that built it) and the grader's compiled code. */
function baseKey(): string {
  return `node ${process.version} ${process.arch} ${process.execPath}\n\0${graderFingerprint()}`;
}

/** A snapshot of `entry` (a compiled file of grader/), its V8 flags and what it is built from. */
interface Kind {
  entry: string;
  v8Flags: readonly string[];
  /** What the entry reads while it is built (AFZ_SNAPSHOT_INPUT). */
  input?: string;
}

/** Builds a snapshot now, in a child process; throws what went wrong. */
function build(kind: Kind, blob: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, [BUILDER, kind.entry, blob, ...kind.v8Flags], {
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, AFZ_SNAPSHOT_INPUT: kind.input ?? "" },
    timeout: 300_000,
  });
  if (r.status !== 0 || !existsSync(blob))
    throw new Error((r.stderr ?? "").trim() || `the build ended with ${r.signal ?? r.status}`);
  // the older snapshots of the same kind (and, for a compiler, the same folder) give way to it
  const kin = basename(blob).slice(0, basename(blob).lastIndexOf("-") + 1);
  for (const name of readdirSync(dir)) {
    const old = join(dir, name);
    if (old === blob || !name.startsWith(kin) || !name.endsWith(".blob")) continue;
    const stat = statSync(old, { throwIfNoEntry: false });
    if (stat && Date.now() - stat.mtimeMs > STALE_MS) rmSync(old, { force: true });
  }
}

/** Starts building a snapshot in a process of its own, at low priority, unless one already is. */
function buildInBackground(kind: Kind, blob: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const lock = `${blob}.building`;
  const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
  if (since !== undefined && Date.now() - since < BUILD_MS) return;
  try {
    rmSync(lock, { force: true });
    writeFileSync(lock, `${process.pid}\n`, { flag: "wx" }); // one builder, whoever comes first
  } catch {
    return;
  }
  const child = spawn(process.execPath, [BUILDER, kind.entry, blob, ...kind.v8Flags], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, AFZ_SNAPSHOT_INPUT: kind.input ?? "", AFZ_SNAPSHOT_LOCK: lock },
  });
  child.on("error", () => rmSync(lock, { force: true }));
  if (child.pid) setPriority(child.pid, 10);
  child.unref();
}

const said = new Set<string>();
/** Says once per process (and per blob, by a note beside it) that a snapshot could not be built. */
function sayFailed(what: string, blob: string, e: unknown): void {
  const why = e instanceof Error ? e.message : String(e);
  if (!said.has(what))
    console.warn(`${what} without a startup snapshot, as before (slower): ${why}`);
  said.add(what);
  try {
    writeFileSync(`${blob}.failed`, `${TOLD}${why}\n`);
  } catch {
    // the note only spares later graders the attempt
  }
}
const TOLD = "told: ";

/** Whether a build of `blob` failed; a failure in the background not yet told is told now. */
function failedBefore(what: string, blob: string): boolean {
  const note = `${blob}.failed`;
  if (!existsSync(note)) return false;
  const why = readFileSync(note, "utf8");
  if (!why.startsWith(TOLD)) sayFailed(what, blob, why.trim());
  return true;
}

const sandboxBlobs = new Map<string, string | null>();

/**
 * The startup snapshot sandboxes start from (mathjs built), built in `dir` on first need; null
 * when snapshots are turned off (`AFZ_SNAPSHOT=off`) or it could not be built, which is said once
 * (per key: a failed build leaves a note, so later graders start their sandboxes as before).
 */
export function sandboxSnapshot(dir = SNAPSHOTS): string | null {
  if (off()) return null;
  const known = sandboxBlobs.get(dir);
  if (known !== undefined) return known;
  let blob: string | null = null;
  try {
    const key = sha(
      `${baseKey()}\n\0${SANDBOX_V8_FLAGS.join(" ")}\n\0${readFileSync(mathjsFile(), "utf8")}`,
    );
    blob = join(dir, `sandbox-${key.slice(0, 16)}.blob`);
    if (failedBefore("grading starts its sandboxes", blob)) blob = null;
    else if (!existsSync(blob))
      build({ entry: "sandbox-snapshot.js", v8Flags: SANDBOX_V8_FLAGS }, blob, dir);
  } catch (e) {
    sayFailed("grading starts its sandboxes", blob ?? join(dir, "sandbox"), e);
    blob = null;
  }
  sandboxBlobs.set(dir, blob);
  return blob;
}

const COMPILES = "changed cells compile";

/** The compiler's snapshot for `folder` as its fingerprint `key` says it is: its blob's path. */
export function compilerBlob(folder: string, key: string, dir = SNAPSHOTS): string {
  const k = sha(`${baseKey()}\n\0${folder}\n\0${key}`);
  // named by its folder too, so that a new one replaces only that folder's older one
  return join(dir, `compiler-${sha(folder).slice(0, 8)}-${k.slice(0, 16)}.blob`);
}

/**
 * Builds the compiler's snapshot for `folder` (fingerprint `key`), readied by checking `first` (a
 * notebook's first cell), now or, with `background`, in a process of its own; false when it
 * cannot be (turned off, or a build failed before).
 */
export function buildCompilerSnapshot(
  folder: string,
  key: string,
  first: string,
  background = false,
  dir = SNAPSHOTS,
): boolean {
  if (off()) return false;
  const blob = compilerBlob(folder, key, dir);
  if (existsSync(blob)) return true;
  if (failedBefore(COMPILES, blob)) return false;
  const kind: Kind = {
    entry: "compiler-snapshot.js",
    v8Flags: [],
    input: JSON.stringify({ folder, key, first }),
  };
  if (background) {
    buildInBackground(kind, blob, dir);
    return false;
  }
  try {
    build(kind, blob, dir);
    return true;
  } catch (e) {
    sayFailed(COMPILES, blob, e);
    return false;
  }
}

/**
 * Compiles notebooks' cells into the cache in a process started from the compiler's snapshot,
 * where the declarations every cell needs are already read: true when it did. Without a snapshot
 * yet, it starts building one for next time and returns false (this process compiles them).
 */
export function compileFromSnapshot(
  folder: string,
  key: string,
  sources: readonly string[],
  dir = SNAPSHOTS,
): boolean {
  if (off()) return false;
  try {
    if (!buildCompilerSnapshot(folder, key, sources[0] ?? "", true, dir)) return false;
    const r = spawnSync(process.execPath, ["--snapshot-blob", compilerBlob(folder, key, dir)], {
      input: JSON.stringify({ folder, key, notebooks: [sources] }),
      encoding: "utf8",
      stdio: ["pipe", "ignore", "pipe"],
      timeout: 300_000,
    });
    if (r.status === 0) return true;
    throw new Error(r.stderr || String(r.error ?? r.signal));
  } catch (e) {
    // this process compiles them, as before
    if (!said.has(COMPILES)) console.warn(`${COMPILES} here, not from a snapshot: ${String(e)}`);
    said.add(COMPILES);
    return false;
  }
}
