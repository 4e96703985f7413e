// Compiles src/fast/wasm/kernels.as.ts with the AssemblyScript compiler from npm: to bytes, or to dist/wasm/attention.wasm.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, from bench/ (tests) or dist/bench/ (npm run bench). */
function root(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join("dist", "bench")) ? join(here, "..", "..") : join(here, "..");
}

/** The compiled kernels' path: where src/fast/wasm.ts looks for them. */
export const WASM_FILE = join(root(), "dist", "wasm", "attention.wasm");

/**
 * Compiles the SIMD kernels from source and returns the module's bytes; throws with the
 * compiler's messages when the build fails.
 *
 * Formula: none (a build step).
 * Shapes: none → the bytes of a .wasm module
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
      join(root(), "src", "fast", "wasm", "kernels.as.ts"),
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
 * Compiles the kernels and writes them to dist/wasm/attention.wasm; returns that path.
 *
 * Formula: none (a build step).
 * Shapes: none → a path
 */
export async function buildWasm(): Promise<string> {
  const bytes = await compileWasm();
  mkdirSync(dirname(WASM_FILE), { recursive: true });
  writeFileSync(WASM_FILE, bytes);
  return WASM_FILE;
}
