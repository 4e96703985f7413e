// `npm run bench:explore`: the size of one explore() output, and the time the page takes to redraw
// after an entry is moved, in headless Chromium (figures, not a test; the goals are < 100 kB, < 50 ms).
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { type Matrix, matrix, multiply, transpose } from "mathjs";
import { chromium } from "playwright-core";
import { exploreHtml } from "../course/explore.js";

const MOVES = 60;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

/** A learner's chain that forgets the softmax (O = V·A): a function the page runs in its stand-in. */
function noSoftmax(I: number[][], Wq: number[][], Wk: number[][], Wv: number[][]): Matrix {
  const A = multiply(transpose(matrix(multiply(Wk, I))), matrix(multiply(Wq, I))); // n×n scores
  return multiply(matrix(multiply(Wv, I)), A); // (d_v×n)·(n×n) → d_v×n, unnormalised
}

/** Milliseconds from setting an entry to the end of the redraw, and to the next painted frame. */
interface Timing {
  redraw: number[];
  frame: number[];
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  console.log(
    `explore() on ${cpus()[0]?.model ?? "?"} (${cpus().length} cores), Node ${process.version}`,
  );
  console.log(`load average before: ${load()}`);
  const percentile = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
  try {
    for (const [label, html] of [
      ["explore()", exploreHtml()],
      ["explore(noSoftmax)", exploreHtml(noSoftmax)],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.setContent(`<!doctype html><meta charset="utf-8"><body>${html}</body>`);
      await page.locator(".afz-explore[data-live]").waitFor();
      const t = await page.evaluate(async (moves: number): Promise<Timing> => {
        const field = document.querySelector<HTMLInputElement>(
          '.afz-live input[data-m="I"][data-r="0"][data-c="0"]',
        ) as HTMLInputElement;
        const out: Timing = { redraw: [], frame: [] };
        for (let k = 0; k < moves; k++) {
          const t0 = performance.now();
          field.value = String(((k % 12) - 6) / 2); // −3 … 2.5 in steps of 0.5
          field.dispatchEvent(new Event("input", { bubbles: true }));
          void document.body.offsetHeight; // style and layout of the new tables
          const t1 = performance.now();
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.redraw.push(t1 - t0);
          out.frame.push(performance.now() - t0);
        }
        return out;
      }, MOVES);
      const bytes = Buffer.byteLength(html, "utf8");
      console.log(
        `${label}: output ${(bytes / 1000).toFixed(1)} kB; moving an entry (${MOVES} moves): ` +
          `redraw with layout median ${percentile(t.redraw, 0.5).toFixed(2)} ms (p95 ${percentile(t.redraw, 0.95).toFixed(2)} ms), ` +
          `to the next painted frame median ${percentile(t.frame, 0.5).toFixed(2)} ms (p95 ${percentile(t.frame, 0.95).toFixed(2)} ms)`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`load average after: ${load()}`);
  console.log(execFileSync("uptime", { encoding: "utf8" }).trim());
}

await main();
