// `npm run bench:sandbox`: wall and CPU time of a grading sandbox's start to "ready" (mathjs loaded), from its startup snapshot and as before (figures, not a test).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Sandbox } from "../grader/sandbox-process.js";
import { sandboxSnapshot } from "../grader/snapshot.js";

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const load = () => loadavg()[0]?.toFixed(2) ?? "?";
const TICKS = 100; // clock ticks per second of /proc/PID/stat (Linux's USER_HZ)

/** CPU seconds a running process has used (utime + stime), from /proc. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** A first cell that calls the mathjs functions the lessons' prelude imports, on a 2×2 matrix. */
const FIRST_USE = `
  const m = require("mathjs");
  const A = m.matrix([[1, 2], [3, 4]]);
  const S = m.map(m.multiply(m.transpose(A), A), (x) => m.exp(m.divide(x, 100)));
  m.add(m.subtract(S, m.zeros(2, 2)), m.dot(m.column(A, 0), m.column(A, 1)));
  m.size(S); m.max(S); m.sum(S);`;

interface Start {
  /** ms from the start to ready (a realm opened), and to the first cell's end */
  wall: number;
  firstCell: number;
  /** CPU s of the process at ready, and after the first cell */
  cpu: number;
  cpuFirstCell: number;
  from: string;
}

/** One sandbox started to "ready" and then its first cell run: wall and CPU time, and how it started. */
async function startOnce(blob: string | null): Promise<Start> {
  const scratch = mkdtempSync(join(tmpdir(), "afz-bench-sandbox-"));
  const sandbox = new Sandbox(scratch, () => blob);
  try {
    const t = performance.now();
    // the smallest request: a realm opened, after the start it waits for
    const r = await sandbox.ask(
      { type: "open", rootDir: scratch, key: "bench", modules: [] },
      30_000,
    );
    const wall = performance.now() - t;
    if (!("type" in r)) throw new Error(`the sandbox did not start: ${JSON.stringify(r)}`);
    const pid = (sandbox as unknown as { child: { pid: number } }).child.pid;
    const cpu = cpuOf(pid);
    const c = await sandbox.ask(
      { type: "cell", index: 0, cell: { output: FIRST_USE, async: false }, timeoutMs: 30_000 },
      30_000,
    );
    const firstCell = performance.now() - t;
    if (!("type" in c) || c.type !== "cell-done" || !c.outcome.ok)
      throw new Error(`the first cell failed: ${JSON.stringify(c)}`);
    return { wall, firstCell, cpu, cpuFirstCell: cpuOf(pid), from: sandbox.startedFrom ?? "?" };
  } finally {
    sandbox.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const rounds = 7;
  const blob = sandboxSnapshot(); // built now if missing, outside the figures
  console.log(
    `a sandbox's start to ready, ${cpus().length} × ${cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${load()} before; median of ${rounds}, alternating`,
  );
  const runs = new Map<string, Start[]>();
  for (let r = 0; r < rounds; r++)
    for (const b of blob ? [null, blob] : [null]) {
      const one = await startOnce(b);
      runs.set(one.from, [...(runs.get(one.from) ?? []), one]);
    }
  const figure = (xs: Start[], wall: keyof Start, cpu: keyof Start) =>
    `${(median(xs.map((x) => Number(x[wall]))) / 1000).toFixed(3)} s (CPU ${median(xs.map((x) => Number(x[cpu]))).toFixed(2)} s)`;
  console.log(
    `  ${"started from".padEnd(14)} ${"to ready".padEnd(22)} to the end of a first cell using mathjs`,
  );
  for (const [from, xs] of runs)
    console.log(
      `  ${from.padEnd(14)} ${figure(xs, "wall", "cpu").padEnd(22)} ${figure(xs, "firstCell", "cpuFirstCell")}`,
    );
  console.log(`  load after: ${load()}`);
}

await main();
