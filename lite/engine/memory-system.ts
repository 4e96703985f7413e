// TypeScript's `sys` over files held in memory: what the compiler reads in a Web Worker, where
// there is no disk. The files are the lib .d.ts files, the library's declarations and @types.
import type * as ts from "@tslab/typescript-for-tslab";
import { dirname, normalize } from "./paths.js";

/** Where TypeScript's own lib files are, as if installed: the compiler looks beside its script. */
export const TYPESCRIPT_DIR = "/node_modules/@tslab/typescript-for-tslab/lib";

/** A read-only system over `files` (absolute path → text), with `cwd` as the current folder. */
export function memorySystem(files: Map<string, string>, cwd: string): ts.System {
  const folders = new Set<string>(["/"]);
  for (const file of files.keys())
    for (let dir = dirname(file); !folders.has(dir); dir = dirname(dir)) folders.add(dir);
  const entries = (dir: string) => {
    const prefix = dir === "/" ? "/" : `${dir}/`;
    const children = (names: Iterable<string>) =>
      [...names]
        .filter((p) => p.startsWith(prefix) && p.length > prefix.length)
        .map((p) => p.slice(prefix.length))
        .filter((rest) => !rest.includes("/"));
    return { files: children(files.keys()), directories: children(folders) };
  };
  const unwatched = { close: () => {} };
  return {
    args: [],
    newLine: "\n",
    useCaseSensitiveFileNames: true,
    write: () => {},
    writeOutputIsTTY: () => false,
    readFile: (path) => files.get(normalize(path)),
    writeFile: () => {
      throw new Error("the in-memory file system is read-only");
    },
    fileExists: (path) => files.has(normalize(path)),
    directoryExists: (path) => folders.has(normalize(path)),
    createDirectory: () => {},
    getDirectories: (path) => entries(normalize(path)).directories,
    readDirectory: (path, extensions) => {
      const dir = normalize(path);
      return [...files.keys()].filter(
        (f) =>
          f.startsWith(dir === "/" ? "/" : `${dir}/`) &&
          (!extensions || extensions.some((ext) => f.endsWith(ext))),
      );
    },
    resolvePath: (path) => normalize(path),
    realpath: (path) => normalize(path),
    getExecutingFilePath: () => `${TYPESCRIPT_DIR}/typescript.js`,
    getCurrentDirectory: () => cwd,
    getModifiedTime: () => new Date(0),
    watchFile: () => unwatched,
    watchDirectory: () => unwatched,
    exit: () => {},
  };
}
