// Where things live in the project, found from this file so any working directory will do.
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

export const ROOT = findRoot();
export const LESSONS = join(ROOT, "lessons");
export const NOTEBOOKS = join(ROOT, "notebooks");
export const REGISTRY = join(ROOT, "course", "exercises.generated.ts");
export const EXERCISE_LIST = join(ROOT, "course", "exercise-list.generated.ts");
