// A folder of notebooks that can run: the notebooks import ./src, ./fast and ./course, which are links
// to the project's library, its fast path and the course helpers (committed as symbolic links in notebooks/).
import {
  existsSync,
  lstatSync,
  mkdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "./paths.js";

/**
 * Makes sure <dir>/src, <dir>/fast and <dir>/course lead to the library, the fast path and the
 * course helpers. Where a checkout turned the committed links into plain files (Windows without
 * symlink support), they are replaced by directory junctions, which need no privileges. Returns
 * the links it made.
 */
export function linkLibraries(dir: string): string[] {
  const made: string[] = [];
  for (const name of ["src", "fast", "course"]) {
    const link = join(dir, name);
    if (existsSync(link) && statSync(link).isDirectory()) continue;
    if (lstatSync(link, { throwIfNoEntry: false })) rmSync(link, { force: true });
    symlinkSync(join(ROOT, name), link, "junction");
    made.push(link);
  }
  return made;
}

/**
 * Writes `notebooks` (file name, or <edition>/<file name>, → text) into a fresh folder `dir`, each
 * folder with its links; returns the paths.
 */
export function writeNotebookFolder(dir: string, notebooks: Iterable<[string, string]>): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  linkLibraries(dir);
  const files: string[] = [];
  for (const [file, text] of notebooks) {
    const full = join(dir, file);
    if (dirname(full) !== dir) {
      mkdirSync(dirname(full), { recursive: true }); // an edition's folder, e.g. zh-TW/
      linkLibraries(dirname(full));
    }
    writeFileSync(full, text);
    files.push(full);
  }
  return files;
}
