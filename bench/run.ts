// `npm run bench`: times mathjs, the fast paths and numpy side by side, then writes bench/results.md and .svg.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  fastSelfAttention,
  loadWasm,
  streamingSelfAttention,
  toRows,
  wasmBackendName,
  wasmSelfAttention,
  wasmStreamingSelfAttention,
} from "../fast/index.js";
import { buildWasm } from "../fast/build-wasm.js";
import { selfAttention } from "../src/index.js";
import { PYTHON } from "../cli/python.js";
import { problem } from "./inputs.js";
import { type Machine, type MemoryRow, type Row, svgPlot, table } from "./report.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BENCH = join(ROOT, "bench");
/** Each timed sample repeats the call until it lasts about this long, then divides. */
const SAMPLE_MS = 20;
/** mathjs takes tens of seconds per call from here on, so it is left out. */
const MATHJS_MAX_N = 512;

/** `npm run bench -- --quick`: small sizes only, to check the set-up in seconds. */
const QUICK = process.argv.includes("--quick");

const allSizes: { n: number; d: number; rounds: number }[] = [
  { n: 4, d: 3, rounds: 9 },
  { n: 4, d: 64, rounds: 9 },
  { n: 128, d: 64, rounds: 9 },
  { n: 512, d: 64, rounds: 7 },
  { n: 2048, d: 64, rounds: 5 },
];
const sizes = QUICK ? allSizes.filter((s) => s.n <= 128) : allSizes;

/** A line-based numpy worker: send "n d reps", get back the mean ms of those reps. */
class Numpy {
  private lines: AsyncIterableIterator<string>;
  private constructor(
    private proc: ChildProcessWithoutNullStreams,
    public version: string,
    lines: AsyncIterableIterator<string>,
  ) {
    this.lines = lines;
  }
  /** Starts a worker; `threads` pins BLAS to that many threads, else numpy's default. */
  static async start(threads?: number): Promise<Numpy | null> {
    if (!existsSync(PYTHON)) return null;
    const check = spawnSync(PYTHON, ["-c", "import numpy"]);
    if (check.status !== 0) return null;
    const proc = spawn(PYTHON, [join(BENCH, "numpy_attention.py")], {
      env:
        threads === undefined
          ? process.env
          : {
              ...process.env,
              OPENBLAS_NUM_THREADS: String(threads),
              OMP_NUM_THREADS: String(threads),
              MKL_NUM_THREADS: String(threads),
            },
    });
    const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    const hello = JSON.parse(String(first.value)) as { numpy: string };
    return new Numpy(proc, hello.numpy, lines);
  }
  async run(n: number, d: number, reps: number): Promise<{ ms: number; checksum: number }> {
    this.proc.stdin.write(`${n} ${d} ${reps}\n`);
    const next = await this.lines.next();
    return JSON.parse(String(next.value)) as { ms: number; checksum: number };
  }
  stop(): void {
    this.proc.stdin.end();
  }
}

interface Impl {
  name: string;
  /** Runs `reps` calls and returns the mean ms per call and the sum of O's entries. */
  run: (reps: number) => Promise<{ ms: number; checksum: number }>;
  reps: number;
  samples: number[];
  checksum: number;
}

function jsImpl(name: string, call: () => Float64Array | number[][]): Impl {
  const impl: Impl = {
    name,
    reps: 1,
    samples: [],
    checksum: Number.NaN,
    run: async (reps) => {
      let out: Float64Array | number[][] = [];
      const t0 = performance.now();
      for (let r = 0; r < reps; r++) out = call();
      const ms = (performance.now() - t0) / reps;
      return { ms, checksum: sum(out) };
    },
  };
  return impl;
}

function sum(out: Float64Array | number[][]): number {
  let s = 0;
  if (out instanceof Float64Array) for (const v of out) s += v;
  else for (const row of out) for (const v of row) s += v;
  return s;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function timeSize(
  n: number,
  d: number,
  rounds: number,
  numpy: Numpy | null,
  numpy1: Numpy | null,
): Promise<Row> {
  const p = problem(n, d);
  const W = { Wq: p.Wq, Wk: p.Wk, Wv: p.Wv };
  const rowsW = { Wq: toRows(p.Wq), Wk: toRows(p.Wk), Wv: toRows(p.Wv) };
  const rowsI = toRows(p.I);
  const impls: Impl[] = [];
  if (n <= MATHJS_MAX_N) {
    impls.push(jsImpl("mathjs", () => selfAttention(rowsI, rowsW).O.toArray() as number[][]));
  }
  impls.push(jsImpl("fast", () => fastSelfAttention(p.I, W).O.data));
  impls.push(jsImpl("streaming", () => streamingSelfAttention(p.I, W).O.data));
  if (wasmBackendName() === "wasm") {
    impls.push(jsImpl("wasm", () => wasmSelfAttention(p.I, W).O.data));
    impls.push(jsImpl("wasm-streaming", () => wasmStreamingSelfAttention(p.I, W).O.data));
  }
  if (numpy) {
    impls.push({
      name: "numpy",
      reps: 1,
      samples: [],
      checksum: Number.NaN,
      run: (reps) => numpy.run(n, d, reps),
    });
  }
  if (numpy1) {
    impls.push({
      name: "numpy-1",
      reps: 1,
      samples: [],
      checksum: Number.NaN,
      run: (reps) => numpy1.run(n, d, reps),
    });
  }
  // Warm up (JIT, caches) and choose how many calls make one sample.
  for (const impl of impls) {
    await impl.run(1);
    const { ms, checksum } = await impl.run(1);
    impl.checksum = checksum;
    impl.reps = Math.max(1, Math.min(100_000, Math.ceil(SAMPLE_MS / Math.max(ms, 1e-4))));
  }
  // Interleaved rounds: every implementation once per round, in a rotating order.
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < impls.length; k++) {
      const impl = impls[(k + round) % impls.length] as Impl;
      impl.samples.push((await impl.run(impl.reps)).ms);
    }
  }
  const ms: Record<string, number> = {};
  const checks: Record<string, number> = {};
  for (const impl of impls) {
    ms[impl.name] = median(impl.samples);
    checks[impl.name] = impl.checksum;
  }
  const line = impls.map((i) => `${i.name} ${median(i.samples).toPrecision(3)} ms`).join(", ");
  console.log(`n = ${n}, d = ${d} (${rounds} rounds): ${line}`);
  return { n, d, rounds, ms, checksums: checks };
}

function memory(which: string, n: number, d: number): MemoryRow | null {
  const script = join(ROOT, "dist", "bench", "memory.js");
  const r = spawnSync(process.execPath, [script, which, String(n), String(d)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) {
    console.log(`memory (${which}) failed: ${r.stderr}`);
    return null;
  }
  const m = JSON.parse(r.stdout) as { beforeKb: number; peakKb: number; ms: number };
  return { name: which, n, d, beforeMb: m.beforeKb / 1024, peakMb: m.peakKb / 1024, ms: m.ms };
}

function numpyMemory(n: number, d: number, baseline = false): MemoryRow | null {
  const r = spawnSync(PYTHON, [join(BENCH, "numpy_attention.py")], {
    input: `memory ${n} ${d}${baseline ? " none" : ""}\n`,
    encoding: "utf8",
  });
  if (r.status !== 0) return null;
  const last = r.stdout.trim().split("\n").pop() ?? "{}";
  const m = JSON.parse(last) as { before_kb: number; peak_kb: number; ms: number };
  return {
    name: baseline ? "numpy-baseline" : "numpy",
    n,
    d,
    beforeMb: m.before_kb / 1024,
    peakMb: m.peak_kb / 1024,
    ms: m.ms,
  };
}

function machine(numpy: Numpy | null): Machine {
  let cpu = cpus()[0]?.model ?? "unknown CPU";
  if (existsSync("/proc/cpuinfo")) {
    const m = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m);
    if (m?.[1]) cpu = m[1].trim();
  }
  return {
    cpu,
    cores: cpus().length,
    node: process.version,
    numpy: numpy ? `numpy ${numpy.version} (${PYTHON})` : null,
    date: new Date().toISOString().slice(0, 10),
    load: loadavg()[0] ?? 0,
  };
}

async function main(): Promise<void> {
  try {
    const ms = await buildWasm(); // npm install built it already, unless fast/wasm/ changed since
    if (ms !== null)
      console.log(`built dist/wasm/attention.wasm from fast/wasm/kernels.as.ts in ${ms} ms`);
  } catch (e) {
    console.log(`WebAssembly kernels not built, skipping them: ${(e as Error).message}`);
  }
  if (!loadWasm())
    console.log("WebAssembly kernels unavailable: wasmSelfAttention uses TypeScript");
  const numpy = await Numpy.start();
  const numpy1 = numpy ? await Numpy.start(1) : null;
  if (!numpy) console.log(`numpy not found (${PYTHON} -c "import numpy" failed): skipping numpy`);
  const info = machine(numpy);
  console.log(
    `${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.numpy ?? "no numpy"}, load ${info.load.toFixed(1)}`,
  );
  const rows: Row[] = [];
  for (const s of sizes) rows.push(await timeSize(s.n, s.d, s.rounds, numpy, numpy1));
  numpy?.stop();
  numpy1?.stop();
  info.loadAfter = loadavg()[0] ?? 0;
  const mem: MemoryRow[] = [];
  const N = QUICK ? 1024 : 8192;
  const paths = ["none", "fast", "streaming"];
  if (wasmBackendName() === "wasm") paths.push("wasm", "wasm-streaming");
  for (const which of paths) {
    const m = memory(which, N, 64);
    if (m) mem.push(m);
  }
  if (numpy) {
    for (const baseline of [true, false]) {
      const m = numpyMemory(N, 64, baseline);
      if (m) mem.push(m);
    }
  }
  for (const m of mem) console.log(`n = ${N}: ${m.name} peak ${m.peakMb.toFixed(0)} MiB`);
  writeFileSync(join(BENCH, "results.md"), table(info, rows, mem, MATHJS_MAX_N));
  writeFileSync(join(BENCH, "results.svg"), svgPlot(info, rows));
  console.log("wrote bench/results.md and bench/results.svg");
}

await main();
