// Builds the WebAssembly kernels: compiles fast/wasm/kernels.as.ts with the AssemblyScript compiler
// from npm into dist/wasm/attention.wasm. Run by `npm install` (prepare) and `npm run build`:
// `node dist/fast/build-wasm.js` says "up to date" when the file is newer than its source.
import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { WASM_FILE } from "./wasm.js";

const ROOT = join(dirname(WASM_FILE), "..", "..");
/** The AssemblyScript source of the kernels. */
const WASM_SOURCE = join(ROOT, "fast", "wasm", "kernels.as.ts");

/**
 * Whether `file` exists and was written after `source` last changed, so building it again
 * would give the same bytes.
 *
 * @example
 * isUpToDate(`${WASM_FILE}.missing`, WASM_FILE) // returns false
 */
export function isUpToDate(file: string, source: string): boolean {
  const built = statSync(file, { throwIfNoEntry: false });
  return !!built && built.mtimeMs > statSync(source).mtimeMs;
}

/**
 * Compiles the SIMD kernels from source and returns the module's bytes; throws with the
 * compiler's messages when the build fails.
 *
 * @example
 * compileWasm().then((bytes) => Array.from(bytes.subarray(0, 4))) // returns [0, 97, 115, 109]
 */
export async function compileWasm(): Promise<Uint8Array> {
  const asc = (await import("assemblyscript/asc")).default;
  let log = "";
  let binary: Uint8Array | null = null;
  const sink = {
    write: (s: string | Uint8Array) => {
      log += String(s);
      return true;
    },
  };
  const { error } = await asc.main(
    [
      WASM_SOURCE,
      "--outFile",
      "attention.wasm",
      "-O3",
      "--enable",
      "simd",
      "--runtime",
      "stub",
      "--noAssert",
    ],
    {
      stdout: sink,
      stderr: sink,
      writeFile: (name, contents) => {
        if (name.endsWith(".wasm") && typeof contents !== "string") binary = contents;
      },
    },
  );
  if (error || !binary) throw new Error(`asc failed: ${error?.message ?? "no output"}\n${log}`);
  return binary;
}

/**
 * Writes the compiled kernels to dist/wasm/attention.wasm unless that file is up to date, and
 * returns the milliseconds the build took (null when there was nothing to do). The file is
 * replaced in one step, so a reader never sees half of it.
 *
 * @example
 * buildWasm().then(() => buildWasm()) // returns null
 */
export async function buildWasm(): Promise<number | null> {
  if (isUpToDate(WASM_FILE, WASM_SOURCE)) return null;
  const start = performance.now();
  const bytes = await compileWasm();
  mkdirSync(dirname(WASM_FILE), { recursive: true });
  const partial = `${WASM_FILE}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, WASM_FILE);
  return Math.round(performance.now() - start);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = relative(ROOT, WASM_FILE);
  const ms = await buildWasm();
  console.log(
    ms === null
      ? `${file} is up to date`
      : `built ${file} from ${relative(ROOT, WASM_SOURCE)} in ${ms} ms`,
  );
}
