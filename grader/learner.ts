// Who a notebook is from, in a class: the first folder under the class folder.
import { relative, sep } from "node:path";

/** The learner a notebook is from: its first folder under the class folder, else "you". */
export function learnerOf(file: string, classDir?: string): string {
  if (!classDir) return "you";
  return relative(classDir, file).split(sep)[0] ?? "you";
}

/**
 * Notebooks, learner by learner (outside a class, all are "you"'s): each learner's first notebook
 * (by path) with all of theirs, so that one test module grades a learner's notebooks in one
 * worker and one sandbox.
 */
export function byLearner(files: readonly string[], classDir?: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  const mine = new Map<string, string[]>(); // by learner: the same lists as in `groups`
  for (const file of [...files].sort()) {
    const learner = learnerOf(file, classDir);
    const theirs = mine.get(learner);
    if (theirs) theirs.push(file);
    else {
      const list = [file];
      mine.set(learner, list);
      groups.set(file, list);
    }
  }
  return groups;
}
