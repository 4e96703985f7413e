// tslab's TypeScript (5.0.4, the compiler the Node kernel uses) on the in-memory file system.
// Imported before tslab's converter, which reads `ts.sys` as it loads.
import ts from "@tslab/typescript-for-tslab";
import { memorySystem } from "./memory-system.js";

/** TypeScript's own setter of `ts.sys` (internal, but exported: `ts.sys` is a getter). */
const setSys = (ts as unknown as { setSys(sys: ts.System): void }).setSys;

setSys(memorySystem(new Map(), "/"));

/** Every file placed so far: a converter made for one folder may still read its files later. */
const placed = new Map<string, string>();

/** Adds `files` to the compiler's file system, with `cwd` (the notebook's folder) as its current folder. */
export function useFiles(files: Map<string, string>, cwd: string): void {
  for (const [path, text] of files) placed.set(path, text);
  setSys(memorySystem(placed, cwd));
}

export { ts };
