// The grader's caches are pruned: entries unused for two weeks go, entries used lately stay (a
// remembered verdict read again counts as used), startup snapshots are left to themselves, and
// pruning runs at most once a day.
import { existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ROOT } from "../build/paths.js";
import { pruneCaches, touch, UNUSED_DAYS } from "../grader/cache-pruning.js";
import { recall, remember, VERDICTS } from "../grader/verdict-memory.js";

const root = join(ROOT, "artifacts", "cache-pruning");
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();

/** Writes `file` below root, last used `daysAgo` days before NOW; returns its path. */
function entry(file: string, daysAgo: number): string {
  const path = join(root, file);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, "{}");
  const when = new Date(NOW - daysAgo * DAY);
  utimesSync(path, when, when);
  return path;
}

describe("pruning the grader's caches", () => {
  beforeEach(() => rmSync(root, { recursive: true, force: true }));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("deletes what went unused for two weeks, with the folders it leaves empty, and keeps the rest", () => {
    const old = entry("cells/0123456789abcdef/old.json", UNUSED_DAYS + 1);
    const stale = entry("cells/fedcba9876543210/modules/m.json", UNUSED_DAYS + 30);
    const recent = entry("cells/0123456789abcdef/recent.json", UNUSED_DAYS - 1);
    const verdict = entry("verdicts/ab/abcd.json", 1);
    const snapshot = entry("snapshots/sandbox-0123.blob", UNUSED_DAYS + 30);
    expect(pruneCaches(root, UNUSED_DAYS, NOW)).toBe(2);
    expect(existsSync(snapshot), "snapshots prune themselves").toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(join(root, "cells", "fedcba9876543210")), "an emptied folder").toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(verdict)).toBe(true);
  });

  it("prunes at most once a day", () => {
    expect(pruneCaches(root, UNUSED_DAYS, NOW - 2 * DAY)).toBe(0); // nothing yet: marks the day
    const old = entry("cells/0123456789abcdef/old.json", UNUSED_DAYS + 1);
    expect(pruneCaches(root, UNUSED_DAYS, NOW - 2 * DAY + DAY / 2)).toBe(0);
    expect(existsSync(old), "pruned again within the day").toBe(true);
    expect(pruneCaches(root, UNUSED_DAYS, NOW)).toBe(1);
    expect(existsSync(old)).toBe(false);
  });

  it("an entry used again is kept: touch marks it, and recalling a verdict touches it", () => {
    const used = entry("cells/0123456789abcdef/used.json", UNUSED_DAYS + 5);
    touch(used, new Date(NOW));
    touch(join(root, "gone.json")); // a file already gone is no error
    expect(pruneCaches(root, UNUSED_DAYS, NOW)).toBe(0);
    expect(existsSync(used)).toBe(true);

    const key = `cache-pruning-test-${NOW}`;
    const file = join(VERDICTS, key.slice(0, 2), `${key}.json`);
    remember(key, []);
    const long = new Date(NOW - (UNUSED_DAYS + 5) * DAY);
    utimesSync(file, long, long);
    expect(recall(key)).not.toBeNull();
    const after = Date.now() - 60_000;
    try {
      expect(statSync(file).mtimeMs).toBeGreaterThan(after);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
