// `npm run grade` as vitest running the notebooks: junit, a copy elsewhere, Run All's order, GitHub Classroom, a class, and hostile code.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import type { ExerciseSpec } from "../build/lesson.js";
import { linkLibraries } from "../build/workspace.js";

const root = join(import.meta.dirname, "..");
/** The exercise ids of the lessons whose numbers are given, in order. */
const idsOf = (...lessons: number[]) =>
  generate()
    .lessons.flatMap((l) => l.exercises.map((e) => e.id))
    .filter((id) => lessons.includes(Number(id.split(".")[0])));
const grade = join(root, "dist", "cli", "grade.js");
const work = join(root, "artifacts", "grade-vitest");

/** Writes the notebooks whose names start with one of `only` (both editions), each answered by `answer`. */
function write(
  dir: string,
  answer: (s: ExerciseSpec) => string,
  only: readonly string[],
  editions: readonly ("" | "zh-TW/")[] = [""],
  rename: (file: string) => string = (f) => f,
): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of generate({ answerFor: answer }).notebooks) {
    const edition = file.startsWith("zh-TW/") ? "zh-TW/" : "";
    const name = file.slice(edition.length);
    if (!editions.includes(edition) || !only.some((o) => name.startsWith(o))) continue;
    mkdirSync(join(dir, edition), { recursive: true });
    writeFileSync(join(dir, edition, rename(name)), text);
  }
}

interface Report {
  score: { passed: number; total: number };
  exercises: { id: string; verdict: string; message: string; file: string }[];
}

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [grade, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 400_000,
  });
}

/** A mix: the first exercise of each lesson solved, the second wrong (its first wrong answer), the rest untouched. */
const mixed = (s: ExerciseSpec) =>
  s.id.endsWith(".1")
    ? s.solution
    : s.id.endsWith(".2")
      ? (s.wrong[0]?.code ?? s.starter)
      : s.starter;

describe("npm run grade: vitest runs the notebooks", () => {
  it("--reporter=junit lists one test case per exercise, named by its id", () => {
    const dir = join(work, "junit");
    write(dir, mixed, ["01-", "02-"]);
    const r = run(["--reporter=junit", dir]);
    // vitest's junit names a test "<notebook> > <exercise id> <title>"
    const cases = [...r.stdout.matchAll(/<testcase [^>]*name="([^"]+)"/g)].map(
      (m) => m[1]?.match(/&gt; (\d+\.\d+) /)?.[1],
    );
    const ids = idsOf(1, 2);
    expect(ids.length).toBeGreaterThan(4);
    expect(cases, r.stderr).toEqual(ids);
    // every exercise but the two solved ones (x.1) fails: two wrong, the rest untouched
    expect(r.stdout.match(/<failure/g)?.length).toBe(ids.length - 2);
    expect(r.status).toBe(1);
  }, 300_000);

  it("a copy of the notebooks in a temporary folder elsewhere, without src/ or course/ beside it, grades exactly as the original", () => {
    const original = join(work, "original");
    write(original, mixed, ["00-", "03-", "08-"]);
    linkLibraries(original); // as the course's own notebooks/ folder has them
    const copy = join(tmpdir(), `afz-copy-${process.pid}`);
    rmSync(copy, { recursive: true, force: true });
    cpSync(original, copy, { recursive: true, filter: (f) => !/[\\/](src|course|fast)$/.test(f) });
    try {
      expect(existsSync(join(copy, "src"))).toBe(false);
      const a = JSON.parse(run(["--json", original]).stdout) as Report;
      const b = JSON.parse(run(["--json", copy]).stdout) as Report;
      const strip = (x: Report) =>
        x.exercises.map(({ id, verdict, message }) => ({ id, verdict, message }));
      expect(strip(b)).toEqual(strip(a));
      expect(new Set(a.exercises.map((e) => e.verdict))).toEqual(new Set(["pass", "fail", "todo"]));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 300_000);

  it("each exercise is checked where Run All checks it: 0.2's answer patching Array.prototype.map leaves 0.1 passing", () => {
    const dir = join(work, "order");
    write(
      dir,
      (s) =>
        s.id === "0.2"
          ? `Array.prototype.map = function () { return []; } as never;\n${s.solution}`
          : s.solution,
      ["00-"],
    );
    const r = JSON.parse(run(["--json", dir]).stdout) as Report;
    const v = new Map(r.exercises.map((e) => [e.id, e]));
    expect(v.get("0.1")?.verdict, v.get("0.1")?.message).toBe("pass");
    // the patch is the learner's own: their later exercises see it, as their notebook does
    expect(v.get("0.3")?.verdict).not.toBe("pass");
  }, 300_000);

  it("--classroom prints the autograding result: version 1, status, max_score, a test per exercise with name, status, score and message", () => {
    const dir = join(work, "classroom");
    write(dir, mixed, ["04-", "05-"]);
    const r = run(["--classroom", dir]);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      version: number;
      status: string;
      max_score: number;
      tests: { name: string; status: string; score: number; message: string }[];
    };
    expect(result.version).toBe(1);
    expect(result.status).toBe("fail");
    const ids = idsOf(4, 5);
    expect(result.max_score).toBe(ids.length);
    expect(result.tests.map((t) => t.name.split(" ")[0])).toEqual(ids);
    const solved = ids.map((id) => id.endsWith(".1"));
    expect(result.tests.map((t) => t.score)).toEqual(solved.map((s) => (s ? 1 : 0)));
    expect(result.tests.map((t) => t.status)).toEqual(solved.map((s) => (s ? "pass" : "fail")));
    for (const t of result.tests.filter((x) => x.status !== "pass"))
      expect(t.message).toMatch(/^\[(fail|todo)\] ./);
  }, 300_000);

  it("--class grades one subfolder per learner, any edition and file name, and writes the CSV and the page", () => {
    const dir = join(work, "class");
    rmSync(dir, { recursive: true, force: true });
    write(join(dir, "ada"), (s) => s.solution, ["01-"]);
    write(
      join(dir, "bo"),
      (s) => s.starter,
      ["01-"],
      ["zh-TW/"],
      (f) => `my-${f}`,
    );
    write(join(dir, "cy"), mixed, ["01-"], ["", "zh-TW/"]);
    const out = join(work, "class-report");
    rmSync(out, { recursive: true, force: true });
    const r = run(["--class", dir, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const csv = readFileSync(join(out, "class.csv"), "utf8").trim().split("\n");
    const head = csv[0]?.split(",") ?? [];
    const row = (who: string) => {
      const cells = csv.find((l) => l.startsWith(`${who},`))?.split(",") ?? [];
      return Object.fromEntries(head.map((h, k) => [h, cells[k]]));
    };
    expect(csv).toHaveLength(4);
    expect([row("ada")["1.1"], row("ada")["1.2"], row("ada")["1.3"], row("ada").score]).toEqual([
      "pass",
      "pass",
      "pass",
      String(idsOf(1).length),
    ]);
    expect([row("bo")["1.1"], row("bo").score]).toEqual(["todo", "0"]);
    expect([row("cy")["1.1"], row("cy")["1.2"], row("cy")["1.3"], row("cy").score]).toEqual([
      "pass",
      "fail",
      "todo",
      "1",
    ]);
    const page = readFileSync(join(out, "class.html"), "utf8");
    expect(page).toContain("Pass rate per exercise");
    expect(page).toMatch(
      /<td>1\.1<\/td><td>[^<]+<\/td><td><div class="bar" style="width:134px"><\/div> 67% \(2\/3\)/,
    );
    expect(page).toMatch(/<tr><td>1<\/td><td>1\.2<\/td><td>\S/); // cy's wrong 1.2, diagnosed
    const all = generate().lessons.flatMap((l) => l.exercises).length;
    expect(r.stdout).toMatch(new RegExp(`ada\\s+${idsOf(1).length}/${all}`));
  }, 300_000);
});

describe("a stranger's code: each hostile answer costs only its own exercise", () => {
  const outside = join(work, "outside-marker");
  // a stand-in for ~/.ssh/id_rsa: a file outside the course that the grader itself can read
  const secret = join(work, "home", ".ssh", "id_rsa");
  const hostile: Record<string, string> = {
    write: `import { writeFileSync } from "fs";\nwriteFileSync(${JSON.stringify(outside)}, "x");\nconst myProduct = TODO;`,
    ssh: `import { readFileSync } from "fs";\nconst key = readFileSync(${JSON.stringify(secret)}, "utf8");\nconst myProduct = TODO;`,
    spawn: `import { execSync } from "child_process";\nexecSync(${JSON.stringify(`touch ${outside}`)});\nconst myProduct = TODO;`,
    loop: "while (Date.now() > 0) {}\nconst myProduct = TODO;",
    allocate:
      "const hoard: number[][] = [];\nwhile (hoard.length >= 0) hoard.push(new Array(1e6).fill(1));\nconst myProduct = TODO;",
    exit: "process.exit(3);\nconst myProduct = TODO;",
    globals:
      "Array.prototype.map = function () { return []; } as never;\nMath.exp = () => 1;\n(globalThis as { structuredClone?: unknown }).structuredClone = () => 0;\nconst myProduct = TODO;",
  };

  it("writing outside, reading ~/.ssh, spawning, looping, allocating, exiting and patching globals: no file outside, no process behind, no other verdict changed", () => {
    const dir = join(work, "hostile");
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { force: true });
    mkdirSync(join(work, "home", ".ssh"), { recursive: true });
    writeFileSync(secret, "not a real key");
    // each does its harm, then answers 0.1 right: only a harm that is stopped fails it
    for (const [who, code] of Object.entries(hostile))
      write(
        join(dir, who),
        (s) =>
          s.id === "0.1"
            ? `${code.replace("const myProduct = TODO;", "")}\n${s.solution}`
            : s.solution,
        ["00-", "02-"],
      );
    write(join(dir, "zz-honest"), (s) => s.solution, ["00-", "02-"]);
    const temp = join(work, "tmp");
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    // --again: every submission runs, none is given verdicts remembered from an earlier run
    const r = run(
      ["--class", dir, "--out", join(work, "hostile-report"), "--timeout", "3", "--again"],
      { TMPDIR: temp },
    );
    expect(r.status, r.stderr).toBe(0);
    const csv = readFileSync(join(work, "hostile-report", "class.csv"), "utf8")
      .trim()
      .split("\n");
    const head = csv[0]?.split(",") ?? [];
    const col = (id: string) => head.indexOf(id);
    for (const who of [...Object.keys(hostile), "zz-honest"]) {
      const cells = csv.find((l) => l.startsWith(`${who},`))?.split(",") ?? [];
      const own = cells[col("0.1")];
      if (who === "zz-honest") expect(own).toBe("pass");
      else if (who !== "globals") expect(["error", "timeout"], who).toContain(own);
      // the notebook next to it, and the honest learner, are untouched by it
      for (const id of ["2.1", "2.2", "2.3"]) expect(cells[col(id)], `${who} ${id}`).toBe("pass");
      if (who !== "globals") expect(cells[col("0.2")], `${who} 0.2`).toBe("pass");
    }
    expect(existsSync(outside)).toBe(false);
    expect(readdirSync(temp)).toEqual([]); // the scratch folders are gone too
    const left = spawnSync("pgrep", ["-f", temp], { encoding: "utf8" }).stdout.trim();
    expect(left).toBe("");
  }, 400_000);
});
