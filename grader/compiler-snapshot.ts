// The entry of the compiler's startup snapshot (grader/snapshot.ts builds it): tslab's compiler readied for the course's folder; each process started from it compiles the notebooks it is given into the cache.
import { readFileSync } from "node:fs";
import v8 from "node:v8";
import * as ts from "@tslab/typescript-for-tslab";
import { createConverter } from "tslab/dist/converter.js";
import {
  compileCells,
  keepModules,
  type TslabModules,
  useTslabModules,
  warmCompiler,
} from "./compile-cache.js";

/** What to ready the compiler for: the notebook folder, its fingerprint, a first cell to check. */
interface Input {
  folder: string;
  key: string;
  first: string;
}
/** What a process started from the snapshot compiles: notebooks' cells, in order. */
interface Request {
  folder: string;
  key: string;
  notebooks: string[][];
}

const input = JSON.parse(process.env.AFZ_SNAPSHOT_INPUT ?? "null") as Input | null;
if (!input) throw new Error("AFZ_SNAPSHOT_INPUT names no folder to ready the compiler for");
// a snapshot holds no open handle: no file is watched (a change to one is a new snapshot's key)
const unwatched = () => ({ close() {} });
Object.assign(ts.sys, { watchFile: unwatched, watchDirectory: unwatched });
useTslabModules({ ts, createConverter } as unknown as TslabModules);
// the local modules it compiled, which it hands over only this once, are kept for every process
const modules = warmCompiler(input.folder, input.first, input.key);

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const request = JSON.parse(readFileSync(0, "utf8")) as Request;
  if (request.folder !== input.folder || request.key !== input.key)
    throw new Error(`this compiler is readied for ${input.folder} as it was, not as it is now`);
  keepModules(request.key, modules); // the cache may have been emptied since it was built
  for (const sources of request.notebooks) compileCells(request.folder, request.key, sources);
});
