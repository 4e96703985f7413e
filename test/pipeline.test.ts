// Lessons → notebooks: deterministic, committed notebooks up to date, and a learner's edits never overwritten.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../build/generate.js";
import { LessonError, parseLesson } from "../build/lesson.js";
import { learnerChange } from "../build/ipynb.js";

const root = join(import.meta.dirname, "..");
const build = join(root, "dist", "build", "main.js");

/** The committed version of a file, or null where git or the file is not there. */
function committed(path: string): string | null {
  const r = spawnSync("git", ["show", `HEAD:${path}`], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return r.status === 0 ? r.stdout : null;
}

function working(path: string): string | null {
  try {
    return readFileSync(join(root, path), "utf8");
  } catch {
    return null;
  }
}

describe("npm run build", () => {
  const first = generate();

  it("generates byte-identical notebooks from the same lessons", () => {
    const again = generate();
    expect([...again.notebooks]).toEqual([...first.notebooks]);
    expect(again.registry).toBe(first.registry);
    expect(again.list).toBe(first.list);
  });

  it.each([...first.notebooks.keys()])(
    "notebooks/%s as committed is what its lesson generates",
    (name) => {
      const want = first.notebooks.get(name);
      const path = `notebooks/${name}`;
      // the committed copy, or the working copy before it is committed; a learner's edits to the
      // working copy do not make this fail as long as the committed one is current
      const versions = [committed(path), working(path)];
      expect(
        versions.some((v) => v === want),
        `${path} is out of date: run npm run build and commit it`,
      ).toBe(true);
    },
  );

  it.each([
    ["course/exercise-list.generated.ts", () => first.list],
    ["course/exercises.generated.ts", () => first.registry],
  ])("generate() gives %s as committed", (path, generated) => {
    expect(
      [committed(path), working(path)].some((v) => v === generated()),
      `${path} is out of date: run npm run build`,
    ).toBe(true);
  });

  it("every notebook is nbformat 4.5 on the tslab kernel, says it is generated, and has unique stable cell ids", () => {
    for (const [name, text] of first.notebooks) {
      const nb = JSON.parse(text) as {
        nbformat: number;
        nbformat_minor: number;
        metadata: { kernelspec: { name: string; language: string } };
        cells: { id: string; source: string[] }[];
      };
      expect([nb.nbformat, nb.nbformat_minor], name).toEqual([4, 5]);
      expect(nb.metadata.kernelspec, name).toMatchObject({ name: "tslab", language: "typescript" });
      expect(nb.cells[0]?.source.join(""), name).toMatch(/generated from|npm run build` 從/);
      const ids = nb.cells.map((c) => c.id);
      expect(new Set(ids).size, name).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    }
  });

  it("every lesson in lessons/ becomes a notebook", () => {
    const lessons = readdirSync(join(root, "lessons")).filter((f) => /^\d\d-.*\.md$/.test(f));
    expect([...first.notebooks.keys()].filter((k) => !k.includes("/")).sort()).toEqual(
      lessons.map((f) => f.replace(/\.md$/, ".ipynb")).sort(),
    );
  });

  it("generate() finds every translated lesson up to date with its English lesson", () => {
    const stale = first.translations.filter((t) => t.stale).map((t) => t.file);
    expect(stale, "translated from an earlier English lesson: run npm run build for how").toEqual(
      [],
    );
  });
});

describe("a learner's notebook is never overwritten", () => {
  const out = mkdtempSync(join(tmpdir(), "notebooks-"));
  const runBuild = (...args: string[]) =>
    spawnSync(process.execPath, [build, "--out", out, ...args], { encoding: "utf8", cwd: root });

  it("writes fresh notebooks, then leaves an edited one alone, names it and says how to proceed", () => {
    expect(runBuild().status).toBe(0);
    const name = readdirSync(out).filter((f) => f.endsWith(".ipynb"))[0] as string;
    const file = join(out, name);
    const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: { source: string[] }[] };
    nb.cells[nb.cells.length - 1]?.source.push("\n// my own note");
    const edited = `${JSON.stringify(nb, null, 1)}\n`;
    writeFileSync(file, edited);
    expect(learnerChange(edited)).toContain("edited");

    const r = runBuild();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(name);
    expect(r.stderr).toContain("npm run build -- --backup");
    expect(readFileSync(file, "utf8")).toBe(edited);

    const b = runBuild("--backup");
    expect(b.status, b.stderr).toBe(0);
    const backups = readdirSync(out).filter((f) => f.includes(".mine-"));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(out, backups[0] as string), "utf8")).toBe(edited);
    expect(readFileSync(file, "utf8")).not.toBe(edited);
  });

  it("treats a notebook that is only run (outputs, counts) as unchanged, and a broken one as changed", () => {
    const name = readdirSync(out).filter(
      (f) => f.endsWith(".ipynb") && !f.includes(".mine-"),
    )[0] as string;
    const nb = JSON.parse(readFileSync(join(out, name), "utf8")) as {
      cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[];
    };
    for (const c of nb.cells.filter((x) => x.cell_type === "code")) {
      c.outputs = [{ output_type: "stream", name: "stdout", text: ["hi\n"] }];
      c.execution_count = 1;
    }
    expect(learnerChange(JSON.stringify(nb))).toBeNull();
    expect(learnerChange('{"cells": [')).toContain("not valid JSON");
  });
});

describe("lesson format errors name the file and line", () => {
  const exercise = (body: string) =>
    `# T\n\n\`\`\`exercise 1.1\ntitle: t\nanswer: x\nkind: value\nexpected: 1\nhint: a\nhint: b\n\`\`\`\n\n${body}`;
  const starter = "```ts starter 1.1\nconst x = TODO; // TODO\n```\n";
  const solution = "```ts solution 1.1\nconst x = 1;\n```\n";

  it("accepts a complete exercise", () => {
    const lesson = parseLesson(exercise(starter + solution), "lessons/01-t.md");
    expect(lesson.exercises.map((e) => e.id)).toEqual(["1.1"]);
    expect(lesson.blocks.some((b) => b.kind === "exercise")).toBe(true);
  });

  it("parseLesson reads a wrong answer's own message from its first line, once", () => {
    const wrong = "```ts wrong 1.1\n// says: That is two.\nconst x = 2;\n```\n";
    const generic = '```ts wrong 1.1 "first difference"\nconst x = 3;\n```\n';
    const [spec] = parseLesson(
      exercise(starter + solution + wrong + generic),
      "lessons/01-t.md",
    ).exercises;
    expect(spec?.wrong).toEqual([
      { code: "const x = 2;", symptom: "That is two.", says: "That is two." },
      { code: "const x = 3;", symptom: "first difference" },
    ]);
  });

  it.each([
    ["a missing solution", exercise(starter), "has no ```ts solution block"],
    [
      "a starter without TODO",
      exercise(`\`\`\`ts starter 1.1\nconst x = 0;\n\`\`\`\n${solution}`),
      "visible TODO",
    ],
    [
      "an id from another lesson",
      exercise(starter + solution).replace(/1\.1/g, "2.1"),
      "belongs in lesson 2",
    ],
    [
      "an unknown field",
      exercise(starter + solution).replace("kind: value", "kind: value\ncolour: red"),
      "lessons/01-t.md:7",
    ],
    ["a file name without a number", exercise(starter + solution), "NN-slug.md"],
    [
      'a "mistake:" line',
      exercise(starter + solution).replace("hint: b", "hint: b\nmistake: 2\nsays: two"),
      'first line is "// says: …"',
    ],
    [
      "a wrong answer with a message and words in quotes",
      exercise(
        `${starter}${solution}\`\`\`ts wrong 1.1 "two"\n// says: two\nconst x = 2;\n\`\`\`\n`,
      ),
      "takes no words in quotes",
    ],
    [
      "a wrong answer with neither",
      exercise(`${starter}${solution}\`\`\`ts wrong 1.1\nconst x = 2;\n\`\`\`\n`),
      "needs its message",
    ],
  ])("rejects %s", (what, text, message) => {
    const file = what === "a file name without a number" ? "lessons/t.md" : "lessons/01-t.md";
    expect(() => parseLesson(text, file)).toThrow(LessonError);
    expect(() => parseLesson(text, file)).toThrow(message);
  });
});
