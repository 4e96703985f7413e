// Compiles src/fast/wasm/kernels.as.ts to dist/wasm/attention.wasm with the AssemblyScript compiler from npm.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, from bench/ (tests) or dist/bench/ (npm run bench). */
function root(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join("dist", "bench")) ? join(here, "..", "..") : join(here, "..");
}

/**
 * Builds the SIMD kernels from source and returns the path of the .wasm file; throws with the
 * compiler's messages when the build fails.
 *
 * Formula: none (a build step).
 * Shapes: none → the path of dist/wasm/attention.wasm
 */
export async function buildWasm(): Promise<string> {
  const asc = (await import("assemblyscript/asc")).default;
  const base = root();
  const out = join(base, "dist", "wasm", "attention.wasm");
  mkdirSync(dirname(out), { recursive: true });
  let log = "";
  const sink = { write: (s: string | Uint8Array) => ((log += String(s)), true) };
  const { error } = await asc.main(
    [
      join(base, "src", "fast", "wasm", "kernels.as.ts"),
      "--outFile",
      out,
      "-O3",
      "--enable",
      "simd",
      "--runtime",
      "stub",
      "--noAssert",
    ],
    { stdout: sink, stderr: sink },
  );
  if (error) throw new Error(`asc failed: ${error.message}\n${log}`);
  return out;
}
