// `npm run bench:grade`: how long grading every shipped notebook takes (a figure, not a test).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { gradeNotebooks } from "../grader/grade.js";
import { generate } from "./generate.js";
import { ROOT } from "./paths.js";

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const solvedDir = join(ROOT, "artifacts", "bench-grade", "solved");
  mkdirSync(solvedDir, { recursive: true });
  for (const [f, text] of generate({ solved: true }).notebooks)
    writeFileSync(join(solvedDir, f), text);
  const rounds = 5;
  const inProcess: Record<string, number[]> = { starters: [], solutions: [] };
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    for (const [name, dir] of [
      ["starters", join(ROOT, "notebooks")],
      ["solutions", solvedDir],
    ] as const) {
      const t = performance.now();
      count = (await gradeNotebooks([dir])).length;
      inProcess[name]?.push(performance.now() - t);
    }
  }
  const cli: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    spawnSync(process.execPath, [join(ROOT, "dist", "tools", "grade.js"), solvedDir], {
      stdio: "ignore",
    });
    cli.push(performance.now() - t);
  }
  console.log(
    `Grading ${count} exercises in ${generate().lessons.length} notebooks on ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
  );
  console.log(
    `  grader only, starters:     median ${(median(inProcess.starters ?? []) / 1000).toFixed(2)} s of ${rounds}`,
  );
  console.log(
    `  grader only, solutions:    median ${(median(inProcess.solutions ?? []) / 1000).toFixed(2)} s of ${rounds}`,
  );
  console.log(
    `  node dist/tools/grade.js:  median ${(median(cli) / 1000).toFixed(2)} s of 3 (vitest start, type check, run, report)`,
  );
}

await main();
