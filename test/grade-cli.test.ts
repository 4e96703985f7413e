// `npm run grade` as a learner runs it: exit codes, the JSON report, and watch mode.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { linkLibraries } from "../build/workspace.js";

const root = join(import.meta.dirname, "..");
const grade = join(root, "dist", "cli", "grade.js");
const work = join(root, "artifacts", "grade-cli");
/** How many exercises lesson 1 has. */
const LESSON_1 = generate().lessons.find((l) => l.slug.startsWith("01-"))?.exercises.length ?? 0;

function variant(name: string, solved: boolean, only?: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  linkLibraries(dir);
  for (const [file, text] of generate({ solved }).notebooks) {
    // the English edition: the zh-TW one is graded in test/zh-tw.test.ts
    if (!file.includes("/") && (!only || file.startsWith(only)))
      writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** The processes `pid` started that are still running. */
function childrenOf(pid: number | undefined): number[] {
  const r = spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" });
  return r.stdout.split("\n").filter(Boolean).map(Number).sort();
}

/** Whether a process is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Report {
  score: { passed: number; total: number };
  exercises: { id: string; lesson: string; verdict: string; message: string }[];
}

describe("npm run grade", () => {
  it(
    "npm run grade --json: every solution passes, exit 0, a report with id, lesson, verdict and message",
    { timeout: 300_000 },
    () => {
      const r = spawnSync(process.execPath, [grade, "--json", variant("solved", true)], {
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.score.total).toBeGreaterThan(0);
      expect(report.score.passed).toBe(report.score.total);
      for (const e of report.exercises)
        expect(Object.keys(e)).toEqual(
          expect.arrayContaining(["id", "lesson", "verdict", "message"]),
        );
    },
  );

  it("npm run grade on the starters: exit 1, every exercise todo, the summary names the next exercise; --report writes the file", () => {
    const file = join(work, "report.json");
    const r = spawnSync(process.execPath, [grade, variant("starter", false), "--report", file], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Score: 0/");
    expect(r.stdout).toMatch(/Next: exercise 0\.1 /);
    expect(r.stdout).toMatch(/grade: 0 done, 0 wrong, \d+ still to do/);
    const report = JSON.parse(readFileSync(file, "utf8")) as Report;
    expect(new Set(report.exercises.map((e) => e.verdict))).toEqual(new Set(["todo"]));
  });

  it("npm run grade on a zh-TW folder speaks Traditional Chinese from its first line to its tags and score", () => {
    const dir = join(work, "edition", "zh-TW");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    linkLibraries(dir);
    const slug = "01-queries-and-keys.ipynb";
    writeFileSync(join(dir, slug), generate().notebooks.get(`zh-TW/${slug}`) ?? "");
    const r = spawnSync(process.execPath, [grade, dir], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout.trimStart()).toMatch(/^正在評分你的筆記本…/);
    expect(r.stdout).toMatch(/… 1\.1 .*\[未完成\]/);
    expect(r.stdout).toContain("還沒完成，請把練習 1.1 裡的 TODO 換成你的答案");
    expect(r.stdout).toContain(`得分：通過 0/${LESSON_1} 題`);
    expect(r.stdout).toContain(`評分：完成 0 題，答錯 0 題，還有 ${LESSON_1} 題待做`);
    expect(r.stdout).not.toMatch(/Grading|\[todo\]|Score:|grade:/);
  });

  it(
    "npm run grade -t 2.1 is vitest's filter: only exercise 2.1 is graded; --timeout refuses a non-number",
    { timeout: 300_000 },
    () => {
      const r = spawnSync(
        process.execPath,
        [grade, "--json", "-t", "2.1", variant("filter", true)],
        {
          encoding: "utf8",
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.exercises.map((e) => [e.id, e.verdict])).toEqual([["2.1", "pass"]]);
      const bad = spawnSync(process.execPath, [grade, "--timeout", "soon"], { encoding: "utf8" });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--timeout takes a number of seconds above 0, got "soon"');
    },
  );

  it("npm run grade --watch grades again when a notebook is saved, in the worker kept from the run before; stopped, it leaves no process behind", async () => {
    const dir = variant("watch", false, "01-");
    const child = spawn(process.execPath, [grade, "--watch", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const waitFor = async (pattern: RegExp, ms: number) => {
      const until = Date.now() + ms;
      while (!pattern.test(out) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      return pattern.test(out);
    };
    const settle = () => new Promise((r) => setTimeout(r, 1500));
    let processes: number[];
    try {
      expect(await waitFor(/Watching/, 200_000), out).toBe(true);
      expect(out).toContain(`grade: 0 done, 0 wrong, ${LESSON_1} still to do`);
      await settle();
      const workers = childrenOf(child.pid);
      expect(workers.length, "a worker is kept after the run").toBeGreaterThan(0);
      const solved = generate({ solved: true }).notebooks.get("01-queries-and-keys.ipynb") ?? "";
      writeFileSync(join(dir, "01-queries-and-keys.ipynb"), solved);
      const allDone = new RegExp(`grade: ${LESSON_1} done, 0 wrong, 0 still to do`);
      expect(await waitFor(allDone, 200_000), out).toBe(true);
      expect(out).toContain("changed: grading again");
      await settle();
      expect(childrenOf(child.pid), "the same worker graded again").toEqual(workers);
      processes = [...workers, ...workers.flatMap(childrenOf)]; // the workers and their sandboxes
      expect(processes.length).toBeGreaterThan(workers.length);
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill();
      await exited;
    }
    const until = Date.now() + 10_000;
    while (processes.some(alive) && Date.now() < until) await settle();
    expect(processes.filter(alive)).toEqual([]);
  }, 450_000);
});
