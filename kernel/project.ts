// The project folder (the one with package.json and lessons/), found from this file so that any
// working directory will do, from the sources and from dist/ alike.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "lessons"))) {
    const up = dirname(dir);
    if (up === dir)
      throw new Error("cannot find the project folder (with package.json and lessons/)");
    dir = up;
  }
  return dir;
}

/** The project folder. */
export const ROOT = findRoot();
