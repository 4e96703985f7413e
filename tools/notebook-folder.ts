// Prepares a folder for course notebooks: the links to the library and the course helpers they import.
import { existsSync, lstatSync, mkdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.js";

/**
 * Makes `dir` (and its parents) and links `dir/src` and `dir/course` to the project's folders,
 * which notebooks import as ./src/index and ./course/notebook. A link that is there is kept; a
 * plain file in its place (a checkout without symlinks) becomes a directory junction, which needs
 * no special rights on Windows. Returns `dir`.
 */
export function notebookFolder(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of ["src", "course"]) {
    const link = join(dir, name);
    if (existsSync(link) && statSync(link).isDirectory()) continue;
    if (lstatSync(link, { throwIfNoEntry: false })) rmSync(link, { force: true });
    symlinkSync(join(ROOT, name), link, "junction");
  }
  return dir;
}
