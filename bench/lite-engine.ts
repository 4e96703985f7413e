// `npm run bench:lite-engine`: the in-browser kernel's engine started in node, as a worker runs it
// (figures, not a test): evaluating the bundle, start to ready (the compiler loaded), start to
// warmed (the prelude's imports read), the first cell (a lesson's prelude) and a trivial cell;
// each round in a fresh process, medians printed.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ROOT } from "../build/paths.js";
import { loadEngine } from "../lite/load-engine.js";
import type { FromEngine } from "../lite/protocol.js";

const ENGINE = join(ROOT, "dist", "lite", "engine.js");
const ROUNDS = 5;
const LESSON = "notebooks/05-matrix-form-scores.ipynb";

interface Round {
  load: number;
  ready: number;
  warmed: number;
  prelude: number;
  trivial: number;
}

/** One round in this process: the times of each step, in milliseconds. */
async function once(): Promise<Round> {
  const loaded = loadEngine(ENGINE);
  const posted: FromEngine[] = [];
  let readyAt = Number.NaN;
  const engine = loaded.createEngine((m) => {
    if (m.type === "ready") readyAt = performance.now();
    posted.push(m);
  });
  const nb = JSON.parse(readFileSync(join(ROOT, LESSON), "utf8")) as {
    cells: { cell_type: string; source: string[] }[];
  };
  const prelude = (nb.cells.find((c) => c.cell_type === "code")?.source ?? []).join("");
  const timed = async (work: () => Promise<void>) => {
    const t = performance.now();
    await work();
    return performance.now() - t;
  };
  const started = performance.now();
  const warmed = await timed(() =>
    engine.receive({ type: "start", notebookPath: LESSON, language: "en" }),
  );
  const prel = await timed(() =>
    engine.receive({ type: "execute", id: 1, code: prelude, count: 1, silent: false }),
  );
  const trivial = await timed(() =>
    engine.receive({ type: "execute", id: 2, code: "1 + 1", count: 2, silent: false }),
  );
  const failed = posted.find((m) => m.type === "error");
  if (failed) throw new Error(`a cell failed: ${JSON.stringify(failed)}`);
  return { load: loaded.loadMs, ready: readyAt - started, warmed, prelude: prel, trivial };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

if (process.argv.includes("--once")) {
  process.stdout.write(`${JSON.stringify(await once())}\n`);
  process.exit(0);
}
const rounds: Round[] = [];
const before = loadavg()[0] ?? 0;
for (let i = 0; i < ROUNDS; i++) {
  const run = spawnSync(process.execPath, [process.argv[1] as string, "--once"], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`round ${i + 1} failed:\n${run.stderr}`);
  rounds.push(JSON.parse(run.stdout) as Round);
}
const ms = (key: keyof Round) => {
  const xs = rounds.map((r) => r[key]);
  return `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
};
console.log(`engine bundle: ${(statSync(ENGINE).size / 1024 / 1024).toFixed(2)} MB`);
console.log(`machine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, node ${process.version}`);
console.log(
  `load average before / after: ${before.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)}`,
);
console.log(`median of ${ROUNDS} fresh processes (min–max):`);
console.log(`  evaluate the bundle     ${ms("load")}`);
console.log(`  start → ready           ${ms("ready")}`);
console.log(`  start → warmed          ${ms("warmed")}`);
console.log(`  first cell (prelude)    ${ms("prelude")}`);
console.log(`  a trivial cell (1 + 1)  ${ms("trivial")}`);
