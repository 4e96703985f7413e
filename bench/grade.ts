// `npm run bench:grade`: wall time of the whole `npm run grade` command, and of one re-grade in watch mode (figures, not a test).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { CACHE } from "../grader/compile-cache.js";
import { generate } from "../build/generate.js";
import { ROOT } from "../build/paths.js";
import { writeNotebookFolder } from "../build/workspace.js";

const GRADE = join(ROOT, "dist", "cli", "grade.js");
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time of `node dist/cli/grade.js DIR`, as a learner's `npm run grade -- DIR` runs it. */
function gradeOnce(dir: string): number {
  const t = performance.now();
  spawnSync(process.execPath, [GRADE, dir], { stdio: "ignore" });
  return performance.now() - t;
}

type State = "cold" | "compiled" | "unchanged";
/** Empties what grading remembers: everything (cold), or only the verdicts (compiled cells kept). */
function prepare(state: State): void {
  if (state === "cold") rmSync(join(CACHE, ".."), { recursive: true, force: true });
  if (state === "compiled") rmSync(join(CACHE, "..", "verdicts"), { recursive: true, force: true });
}

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
  const times: number[] = [];
  const original = readFileSync(file, "utf8");
  for (let r = 0; r < rounds; r++) {
    // a learner's edit: a new comment in an answer cell, so the notebook's cells differ each time
    const edited = original.replace(
      '"// Exercise 3.1: b1, the output of the first word\\n",',
      `"// Exercise 3.1: b1, the output of the first word\\n",\n    "// try ${r}\\n",`,
    );
    const t = performance.now();
    writeFileSync(file, edited);
    await waitFor(r + 2);
    times.push(performance.now() - t);
  }
  writeFileSync(file, original);
  child.kill();
  return times;
}

async function main(): Promise<void> {
  const rounds = 3;
  const shipped = join(ROOT, "notebooks");
  const solved = join(ROOT, "artifacts", "bench-grade", "solved");
  writeNotebookFolder(solved, generate({ solved: true }).notebooks);
  const n = generate().lessons.length;
  console.log(
    `npm run grade on ${n} notebooks, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${loadavg()[0]?.toFixed(2)}; median of ${rounds}`,
  );
  const states: [State, string][] = [
    ["cold", "nothing remembered (the first grading ever)"],
    ["compiled", "cells compiled before, every notebook run again"],
    ["unchanged", "nothing changed since the last grading"],
  ];
  for (const [name, dir] of [
    ["shipped notebooks", shipped],
    ["solved notebooks", solved],
  ] as const) {
    for (const [state, what] of states) {
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        prepare(state);
        times.push(gradeOnce(dir));
      }
      console.log(`  ${name.padEnd(18)} ${what.padEnd(48)} ${seconds(median(times))}`);
    }
  }
  const regrades = await watchRegrades(solved, join(solved, "03-values-and-output.ipynb"), 5);
  console.log(
    `  --watch: save one notebook → its re-grade printed: median ${seconds(median(regrades))} of ${regrades.length} (${regrades.map(seconds).join(", ")})`,
  );
  console.log(`  load after: ${loadavg()[0]?.toFixed(2)}`);
}

await main();
