// The grading sandbox started from its startup snapshot: really used, still one realm per notebook and the permission model's limits, and the start as before when there is no snapshot.
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CompiledCell } from "../grader/realm.js";
import { Sandbox } from "../grader/sandbox-process.js";
import type { SandboxReply } from "../grader/sandbox.js";
import { SNAPSHOTS, sandboxSnapshot } from "../grader/snapshot.js";
import { fileInPlaceOfFolder, warnings } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const work = join(root, "artifacts", "sandbox-snapshot");
const LIMIT = 20_000;
const opened: Sandbox[] = [];
afterAll(() => {
  for (const s of opened) s.close();
  rmSync(work, { recursive: true, force: true });
});

/** A sandbox with its own scratch folder, started from `snapshot` (the real one by default). */
function sandbox(name: string, snapshot?: () => string | null): Sandbox {
  const scratch = join(work, name);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const s = snapshot ? new Sandbox(scratch, snapshot) : new Sandbox(scratch);
  opened.push(s);
  return s;
}

/** Opens a fresh realm (a notebook's), with no course modules. */
async function open(s: Sandbox): Promise<void> {
  const r = await s.ask({ type: "open", rootDir: s.scratch, key: "none", modules: [] }, LIMIT);
  expect(r).toEqual({ type: "opened" });
}

/** Runs hand-written JavaScript as a cell of the open realm: whether it ran, or its error. */
async function cell(s: Sandbox, js: string): Promise<{ ok: boolean; error?: string }> {
  const c: CompiledCell = { output: js, async: false };
  const r = await s.ask({ type: "cell", index: 0, cell: c, timeoutMs: LIMIT }, LIMIT);
  const outcome = (r as Extract<SandboxReply, { type: "cell-done" }>).outcome;
  if (!outcome) throw new Error(`no answer from the sandbox: ${JSON.stringify(r)}`);
  return { ok: outcome.ok, ...(outcome.error ? { error: outcome.error } : {}) };
}

const USES_MATHJS = `
  const m = require("mathjs");
  const O = m.multiply(m.matrix([[1, 2], [3, 4]]), m.matrix([[1], [1]]));
  if (m.format(O) !== "[[3], [7]]") throw new Error("mathjs gave " + m.format(O));`;
const PATCHES = `Array.prototype.map = () => "patched"; globalThis.leaked = 1;`;
const SEES_PATCH = `if (globalThis.leaked !== 1 || [1].map((x) => x)[0] === 1) throw new Error("not patched");`;
const SEES_NO_PATCH = `if (globalThis.leaked !== undefined || [1].map((x) => x)[0] !== 1) throw new Error("patched");`;

describe("a sandbox started from the startup snapshot", () => {
  it("sandboxSnapshot() builds the snapshot, and a sandbox starts from it, its mathjs working", async () => {
    const blob = sandboxSnapshot();
    expect(blob).toMatch(new RegExp(`^${SNAPSHOTS}/sandbox-[0-9a-f]{16}\\.blob$`));
    const s = sandbox("used");
    await open(s);
    expect(s.startedFrom).toBe("snapshot");
    expect(await cell(s, USES_MATHJS)).toEqual({ ok: true });
  }, 120_000);

  it("a new snapshot replaces only older ones of its own kind: a compiler's stays", () => {
    const dir = join(work, "kinds");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const older = join(dir, "sandbox-0000000000000000.blob");
    const compiler = join(dir, "compiler-00000000-0000000000000000.blob");
    for (const f of [older, compiler]) {
      writeFileSync(f, "");
      utimesSync(f, hourAgo, hourAgo);
    }
    const blob = sandboxSnapshot(dir);
    expect(blob && existsSync(blob)).toBe(true);
    expect(existsSync(older), "the older sandbox snapshot").toBe(false);
    expect(existsSync(compiler), "a compiler's snapshot").toBe(true);
  }, 120_000);

  it("each notebook's realm is still its own: a global patched by one is not seen by the next", async () => {
    const s = sandbox("realms");
    await open(s);
    expect(s.startedFrom).toBe("snapshot");
    expect(await cell(s, PATCHES)).toEqual({ ok: true });
    expect(await cell(s, SEES_PATCH)).toEqual({ ok: true }); // the same notebook sees its own patch
    await open(s); // the next notebook
    expect(await cell(s, SEES_NO_PATCH)).toEqual({ ok: true });
    // mathjs is shared, read-only: no notebook can replace one of its functions for the next
    expect((await cell(s, `require("mathjs").multiply = () => 0;`)).ok).toBe(true);
    await open(s);
    expect(await cell(s, USES_MATHJS)).toEqual({ ok: true });
  });

  it("the permission model still holds: no write outside the scratch folder, no process started", async () => {
    const s = sandbox("limits");
    await open(s);
    expect(s.startedFrom).toBe("snapshot");
    const outside = join(work, "outside.txt");
    const write = await cell(
      s,
      `require("node:fs").writeFileSync(${JSON.stringify(outside)}, "x");`,
    );
    expect(write.error).toMatch(/ERR_ACCESS_DENIED|Access to this API has been restricted/);
    const spawn = await cell(s, `require("node:child_process").spawnSync("true");`);
    expect(spawn.error).toMatch(/ERR_ACCESS_DENIED|Access to this API has been restricted/);
    const inside = await cell(s, `require("node:fs").writeFileSync("inside.txt", "x");`);
    expect(inside).toEqual({ ok: true });
  });
});

describe("without a snapshot, a sandbox starts as before", () => {
  it("sandboxSnapshot(): a snapshot that cannot be built is said once, and none is used", () => {
    const notAFolder = fileInPlaceOfFolder(work);
    const said = warnings(() => {
      expect(sandboxSnapshot(notAFolder)).toBeNull();
      expect(sandboxSnapshot(notAFolder)).toBeNull();
    });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/without a startup snapshot.*not-a-folder/);
  });

  it("a sandbox given no snapshot, or one that does not start, loads mathjs itself and still isolates", async () => {
    const broken = join(work, "broken.blob");
    mkdirSync(work, { recursive: true });
    writeFileSync(broken, "not a snapshot");
    for (const [name, snapshot] of [
      ["none", () => null],
      ["broken", () => broken],
    ] as const) {
      const s = sandbox(name, snapshot);
      await open(s);
      expect(s.startedFrom, name).toBe("file");
      expect(await cell(s, USES_MATHJS)).toEqual({ ok: true });
      expect(await cell(s, PATCHES)).toEqual({ ok: true });
      await open(s);
      expect(await cell(s, SEES_NO_PATCH)).toEqual({ ok: true });
    }
  });
});
