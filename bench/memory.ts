// One measurement in a fresh process: peak resident memory of one self-attention call at size n.

import { readFileSync } from "node:fs";
import {
  fastSelfAttention,
  loadWasm,
  streamingSelfAttention,
  wasmSelfAttention,
  wasmStreamingSelfAttention,
} from "../fast/index.js";
import { problem } from "./inputs.js";

/**
 * Peak resident memory of this process in KiB: VmHWM from /proc/self/status, which starts
 * afresh at exec (getrusage's maxRSS would carry over the parent's peak), else maxRSS.
 */
function peakKb(): number {
  try {
    const m = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s*(\d+) kB/m);
    if (m?.[1]) return Number(m[1]);
  } catch {
    // not Linux: fall back to getrusage
  }
  return process.resourceUsage().maxRSS;
}

const [which = "streaming", nArg = "8192", dArg = "64"] = process.argv.slice(2);
const n = Number(nArg);
const d = Number(dArg);
const { I, Wq, Wk, Wv } = problem(n, d);
const before = peakKb(); // KiB, after the inputs exist
const t0 = performance.now();
const call = {
  none: () => I, // the baseline: modules loaded and inputs built, no attention
  fast: () => fastSelfAttention(I, { Wq, Wk, Wv }).O,
  streaming: () => streamingSelfAttention(I, { Wq, Wk, Wv }).O,
  wasm: () => wasmSelfAttention(I, { Wq, Wk, Wv }).O,
  "wasm-streaming": () => wasmStreamingSelfAttention(I, { Wq, Wk, Wv }).O,
}[which];
if (which.startsWith("wasm") && !loadWasm()) throw new Error("dist/wasm/attention.wasm not built");
if (!call)
  throw new Error(`unknown path ${which}: use none, fast, streaming, wasm or wasm-streaming`);
const out = call();
const ms = performance.now() - t0;
let checksum = 0;
for (const v of out.data) checksum += v;
process.stdout.write(
  `${JSON.stringify({ which, n, d, beforeKb: before, peakKb: peakKb(), ms, checksum })}\n`,
);
