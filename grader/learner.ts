// Who a notebook is from, in a class: the first folder under the class folder; and the test
// modules a grading is made of, learner by learner.
import { relative, sep } from "node:path";

/** The learner a notebook is from: its first folder under the class folder, else "you". */
export function learnerOf(file: string, classDir?: string): string {
  if (!classDir) return "you";
  return relative(classDir, file).split(sep)[0] ?? "you";
}

/**
 * Notebooks, learner by learner (outside a class, all are "you"'s): each learner's first notebook
 * (by path) with all of theirs, so that one test module grades a learner's notebooks in one
 * worker and one sandbox. With fewer learners than `workers`, each learner's notebooks are dealt
 * out in path order over as many modules as keep every worker busy (each module a sandbox of its
 * own): a learner's nine notebooks take both cores of a laptop, not one.
 */
export function byLearner(
  files: readonly string[],
  classDir?: string,
  workers = 1,
): Map<string, string[]> {
  const mine = new Map<string, string[]>(); // by learner, in the order first seen
  for (const file of [...files].sort()) {
    const learner = learnerOf(file, classDir);
    const theirs = mine.get(learner);
    if (theirs) theirs.push(file);
    else mine.set(learner, [file]);
  }
  const parts = Math.max(1, Math.ceil(workers / Math.max(1, mine.size)));
  const groups = new Map<string, string[]>();
  for (const list of mine.values()) {
    const dealt: string[][] = Array.from({ length: Math.min(parts, list.length) }, () => []);
    list.forEach((file, i) => dealt[i % dealt.length]?.push(file));
    for (const part of dealt) groups.set(part[0] as string, part);
  }
  return groups;
}
