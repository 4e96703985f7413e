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

/** One sandbox started to "ready": its wall time (ms) and its CPU time (s), and how it started. */
async function startOnce(blob: string | null): Promise<{ wall: number; cpu: number; from: string }> {
  const scratch = mkdtempSync(join(tmpdir(), "afz-bench-sandbox-"));
  const sandbox = new Sandbox(scratch, () => blob);
  try {
    const t = performance.now();
    // the smallest request: a realm opened, after the start it waits for
    const r = await sandbox.ask({ type: "open", rootDir: scratch, key: "bench", modules: [] }, 30_000);
    const wall = performance.now() - t;
    if (!("type" in r)) throw new Error(`the sandbox did not start: ${JSON.stringify(r)}`);
    const pid = (sandbox as unknown as { child: { pid: number } }).child.pid;
    return { wall, cpu: cpuOf(pid), from: sandbox.startedFrom ?? "?" };
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
  const runs = new Map<string, { wall: number[]; cpu: number[] }>();
  for (let r = 0; r < rounds; r++)
    for (const b of blob ? [null, blob] : [null]) {
      const one = await startOnce(b);
      const row = runs.get(one.from) ?? { wall: [], cpu: [] };
      row.wall.push(one.wall);
      row.cpu.push(one.cpu);
      runs.set(one.from, row);
    }
  for (const [from, { wall, cpu }] of runs)
    console.log(
      `  from ${from.padEnd(9)} ${(median(wall) / 1000).toFixed(3)} s wall, ${median(cpu).toFixed(2)} s CPU`,
    );
  console.log(`  load after: ${load()}`);
}

await main();
