// `npm run bench:grade`: wall time of `npm run grade` on the nine notebooks, on one changed notebook, of a --watch re-grade and of a class (figures, not a test).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { generate } from "../build/generate.js";
import type { ExerciseSpec } from "../build/lesson.js";
import { ROOT } from "../build/paths.js";
import { writeNotebookFolder } from "../build/workspace.js";

const GRADE = join(ROOT, "dist", "cli", "grade.js");
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg()[0]?.toFixed(2) ?? "?";

/** What the README gave before grading ran in vitest's own pool (one process per notebook). */
const BEFORE = {
  nine: "5.1 s",
  same: "0.9 s",
  changed: "not measured",
  watch: "2.2 s",
  klass: "about 8 min (estimated)",
};

/** CPU seconds of this process's finished children and theirs (Linux: /proc), or NaN. */
function childrenCpu(): number {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    // cutime and cstime, fields 16 and 17 of stat(5), counted from the state field (3)
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of the gradings timed so far, by label. */
const cpu = new Map<string, number[]>();

/** Wall time of `node dist/cli/grade.js ARGS`, as `npm run grade -- ARGS` runs it; its CPU time under `label`. */
function gradeOnce(args: string[], label = ""): number {
  const c = childrenCpu();
  const t = performance.now();
  spawnSync(process.execPath, [GRADE, ...args], { stdio: "ignore" });
  const wall = performance.now() - t;
  cpu.set(label, [...(cpu.get(label) ?? []), childrenCpu() - c]);
  return wall;
}

/**
 * A learner's edit: a new comment in exercise 3.1's answer cell, never made before (a number of
 * this run's own), so that its cell is compiled and its notebook run, as after a real edit: an
 * edit repeated from an earlier run would find its cell compiled and its verdicts remembered.
 */
function edit(original: string, r: number): string {
  const edited = original.replace(
    /("\/\/ (Exercise 3\.1|練習 3\.1)[^"]*\\n",)/,
    `$1\n    "// try ${RUN}-${r}\\n",`,
  );
  if (edited === original) throw new Error("no answer cell of exercise 3.1 to edit in lesson 3");
  return edited;
}
const RUN = `${Date.now()}`;

/** Seconds from saving a notebook to the end of the re-grade that `--watch` starts for it. */
async function watchRegrades(dir: string, file: string, rounds: number): Promise<number[]> {
  const child = spawn(process.execPath, [GRADE, "--watch", dir], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let out = "";
  const waitFor = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if ((out.match(/Watching:/g) ?? []).length >= count) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  await waitFor(1);
  // a learner reads the first grading before saving: meanwhile the command readies its compiler
  await new Promise((r) => setTimeout(r, 8000));
  const times: number[] = [];
  const original = readFileSync(file, "utf8");
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    writeFileSync(file, edit(original, 100 + r));
    await waitFor(r + 2);
    times.push(performance.now() - t);
  }
  writeFileSync(file, original);
  child.kill();
  return times;
}

/**
 * A class of `n` learners: each in one edition (every other one zh-TW), each exercise answered by
 * its solution, one of its wrong answers or left as the starter, in a fixed pseudo-random mix.
 */
export function writeClass(dir: string, n: number): number {
  rmSync(dir, { recursive: true, force: true });
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  let count = 0;
  for (let k = 0; k < n; k++) {
    const choice = new Map<string, string>();
    const answer = (s: ExerciseSpec) => {
      const had = choice.get(s.id);
      if (had !== undefined) return had;
      const x = next();
      const wrong = s.wrong[Math.floor(next() * s.wrong.length)]?.code;
      const code = x < 0.5 ? s.solution : x < 0.8 && wrong ? wrong : s.starter;
      choice.set(s.id, code);
      return code;
    };
    const zh = k % 2 === 1;
    const folder = join(dir, `learner-${String(k + 1).padStart(3, "0")}`);
    mkdirSync(folder, { recursive: true });
    for (const [file, text] of generate({ answerFor: answer }).notebooks) {
      if (file.startsWith("zh-TW/") !== zh) continue;
      writeFileSync(join(folder, file.replace("zh-TW/", "")), text);
      count++;
    }
  }
  return count;
}

async function main(): Promise<void> {
  const rounds = 3;
  const solved = join(ROOT, "artifacts", "bench-grade", "solved");
  writeNotebookFolder(solved, generate({ solved: true }).notebooks);
  console.log(
    `npm run grade, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${load()} before; median of ${rounds}`,
  );
  console.log(`  ${"".padEnd(58)} ${"now".padStart(8)}   before`);
  const row = (what: string, ms: number, before: string, label = "") => {
    const used = cpu.get(label);
    const c = used ? ` (CPU ${median(used).toFixed(2)} s)` : "";
    console.log(`  ${what.padEnd(58)} ${seconds(ms).padStart(8)}${c}   ${before}`);
  };
  // --class-only: just the class (it takes minutes)
  if (!process.argv.includes("--class-only")) {
    gradeOnce([solved]); // compiles every cell once: the figures below are of compiled cells
    // and builds both of grading's startup snapshots (unless AFZ_SNAPSHOT=off): the sandbox's, as
    // `npm install` does, and the compiler's, as the first grading of a changed cell starts to
    spawnSync(process.execPath, [join(ROOT, "dist", "grader", "warm.js"), "--all"], {
      stdio: "ignore",
    });
    row(
      "the nine notebooks, cells compiled, all run (--again)",
      median(Array.from({ length: rounds }, () => gradeOnce(["--again", solved], "nine"))),
      BEFORE.nine,
      "nine",
    );
    row(
      "the nine notebooks, none changed (verdicts remembered)",
      median(Array.from({ length: rounds }, () => gradeOnce([solved], "same"))),
      BEFORE.same,
      "same",
    );
    const one = join(solved, "03-values-and-output.ipynb");
    const original = readFileSync(one, "utf8");
    const timeEdited = (paths: string[], label: string, from: number) =>
      median(
        Array.from({ length: rounds }, (_, r) => {
          writeFileSync(one, edit(original, from + r));
          return gradeOnce(paths, label);
        }),
      );
    try {
      row(
        "one changed notebook (a new comment in an answer cell)",
        timeEdited([one], "one", 0),
        BEFORE.changed,
        "one",
      );
      row(
        "the nine notebooks, one of them changed so",
        timeEdited([solved], "nine-one", 10),
        BEFORE.changed,
        "nine-one",
      );
    } finally {
      writeFileSync(one, original);
    }
    const regrades = await watchRegrades(solved, one, 5);
    row(
      `--watch: save → re-grade printed (${regrades.map(seconds).join(", ")})`,
      median(regrades),
      BEFORE.watch,
      "watch", // no CPU figure: the watching process is still running
    );
  }
  if (!process.argv.some((a) => a.startsWith("--class"))) {
    console.log("  (a class of 100 learners: npm run bench:grade -- --class)");
  } else {
    const dir = join(ROOT, "artifacts", "bench-grade", "class");
    const count = writeClass(dir, 100);
    console.log(`  a class of 100 learners, ${count} notebooks; load ${load()} before`);
    const args = ["--class", dir, "--out", join(dir, "..", "class-report")];
    // --again: every notebook runs (this class was written, and maybe graded, by an earlier run)
    const wall = gradeOnce([...args, "--again"], "class");
    row("the class, graded, every notebook run (--again)", wall, BEFORE.klass, "class");
    console.log(`  load ${load()}`);
    row(
      "the class again, unchanged (verdicts remembered)",
      gradeOnce(args, "class-same"),
      "",
      "class-same",
    );
  }
  console.log(`  load after: ${load()}`);
}

await main();
