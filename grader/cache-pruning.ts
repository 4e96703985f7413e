// Keeps the grader's caches (compiled cells, remembered verdicts) from growing without end: what a
// grading has not used for two weeks is deleted, at most once a day. Startup snapshots prune
// themselves.
import { closeSync, openSync, readdirSync, rmdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../build/paths.js";

/** The folder of every cache the grader keeps, beside the installed packages. */
export const CACHES = join(ROOT, "node_modules", ".cache", "attention-from-zero");

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long an entry may go unused before it is deleted. */
export const UNUSED_DAYS = 14;

/** The file whose time says when the caches were last pruned. */
const MARK = ".pruned";

/** Startup snapshots are left alone: they delete their own older blobs (grader/snapshot.ts). */
const SNAPSHOTS = "snapshots";

/**
 * Marks a cache entry as used now (its modification time, which pruning reads: access times are
 * not kept on many file systems). A file gone meanwhile is no error.
 */
export function touch(file: string, now = new Date()): void {
  try {
    utimesSync(file, now, now);
  } catch {
    // pruned or replaced by another grader at the same moment: nothing to keep
  }
}

/** Deletes the files below `dir` unused since `before` (ms), then the folders left empty; counts the files. */
function pruneBelow(dir: string, before: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (name === MARK || name === SNAPSHOTS) continue;
    const full = join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) {
      removed += pruneBelow(full, before);
      try {
        rmdirSync(full); // only when empty
      } catch {
        // still holds entries in use
      }
    } else if (stat.mtimeMs < before) {
      rmSync(full, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * Deletes what the caches in `root` have not used for `days` days, unless they were pruned less
 * than a day ago; returns how many files went (0 when it did not prune).
 */
export function pruneCaches(root = CACHES, days = UNUSED_DAYS, now = Date.now()): number {
  const mark = join(root, MARK);
  const last = statSync(mark, { throwIfNoEntry: false });
  if (last && now - last.mtimeMs < DAY_MS) return 0;
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) return 0;
  const removed = pruneBelow(root, now - days * DAY_MS);
  closeSync(openSync(mark, "a"));
  touch(mark, new Date(now));
  return removed;
}
