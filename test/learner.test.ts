// A class is graded learner by learner: one test module per learner holds all of their notebooks.
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
