// A class is graded learner by learner: one test module per learner holds all of their notebooks,
// unless there are fewer learners than workers.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byLearner, learnerOf } from "../grader/learner.js";
import { notebookTests } from "../grader/plugin.js";

const dir = join("/class");
const files = [
  join(dir, "ana", "zh-TW", "01-queries-and-keys.ipynb"),
  join(dir, "bo", "lesson1.ipynb"),
  join(dir, "ana", "00-start-here.ipynb"),
  join(dir, "bo", "deep", "x", "02.ipynb"),
  join(dir, "cy", "05.ipynb"),
];

describe("a class, learner by learner", () => {
  it("learnerOf() is the first folder under the class folder, and 'you' outside a class", () => {
    expect(learnerOf(files[3] as string, dir)).toBe("bo");
    expect(learnerOf(files[3] as string)).toBe("you");
  });

  it("byLearner() gives each learner's first notebook with all of theirs, every notebook once", () => {
    const groups = byLearner(files, dir);
    expect([...groups.keys()]).toEqual([
      join(dir, "ana", "00-start-here.ipynb"),
      join(dir, "bo", "deep", "x", "02.ipynb"),
      join(dir, "cy", "05.ipynb"),
    ]);
    expect([...groups.values()].flat().sort()).toEqual([...files].sort());
    expect(groups.get(join(dir, "bo", "deep", "x", "02.ipynb"))).toEqual([
      join(dir, "bo", "deep", "x", "02.ipynb"),
      join(dir, "bo", "lesson1.ipynb"),
    ]);
  });

  it("with fewer learners than workers, a learner's notebooks are dealt out over the workers", () => {
    const mine = Array.from({ length: 9 }, (_, i) => join("/work", `0${i}-lesson.ipynb`));
    const two = byLearner([...mine].reverse(), undefined, 2);
    expect([...two.values()]).toEqual([
      mine.filter((_, i) => i % 2 === 0),
      mine.filter((_, i) => i % 2 === 1),
    ]);
    expect([...two.keys()]).toEqual([mine[0], mine[1]]);
    expect(byLearner(mine, undefined, 1).size).toBe(1);
    expect(byLearner(mine.slice(0, 1), undefined, 4).size, "never an empty module").toBe(1);
    // a class with as many learners as workers keeps one module per learner
    expect(byLearner(files, dir, 3).size).toBe(3);
    // a class of one learner on two workers: theirs, in two
    const ana = files.filter((f) => learnerOf(f, dir) === "ana");
    expect([...byLearner(ana, dir, 2).values()].map((g) => g.length)).toEqual([1, 1]);
  });

  it("the plugin makes a learner's first notebook a module that grades all of theirs, in order", () => {
    const plugin = notebookTests(byLearner(files, dir));
    const load = plugin.load as (this: { addWatchFile(f: string): void }, id: string) => string;
    const watched: string[] = [];
    const code = load.call(
      { addWatchFile: (f) => watched.push(f) },
      join(dir, "ana", "00-start-here.ipynb"),
    );
    const graded = [...code.matchAll(/gradeSuite\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(graded).toEqual([
      join(dir, "ana", "00-start-here.ipynb"),
      join(dir, "ana", "zh-TW", "01-queries-and-keys.ipynb"),
    ]);
    expect(watched).toEqual(graded);
  });
});
