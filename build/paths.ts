// Where the course's sources and generated files live in the project.
import { join } from "node:path";
import { ROOT } from "../kernel/project.js";

export { ROOT };
export const LESSONS = join(ROOT, "lessons");
export const NOTEBOOKS = join(ROOT, "notebooks");
export const REGISTRY = join(ROOT, "course", "exercises.generated.ts");
export const EXERCISE_LIST = join(ROOT, "course", "exercise-list.generated.ts");
