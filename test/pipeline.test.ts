// Lessons → notebooks: deterministic, committed notebooks up to date, and a learner's edits never overwritten.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { generate } from "../build/generate.js";
import { type Lesson, LessonError, parseLesson, readLesson } from "../build/lesson.js";
import { learnerChange } from "../build/ipynb.js";
import { check, hintAfter, solution } from "../course/notebook.js";
import { columns, TEXT_WIDTH, unwrap } from "../course/wrap.js";
import { exercises } from "../course/exercises.generated.js";

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

  it("generate() makes byte-identical notebooks from the same lessons", () => {
    const again = generate();
    expect([...again.notebooks]).toEqual([...first.notebooks]);
    expect(again.registry).toBe(first.registry);
    expect(again.list).toBe(first.list);
  });

  it.each([...first.notebooks.keys()])(
    "generate(): notebooks/%s as committed is what its lesson generates",
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

  it("generate(): every notebook is nbformat 4.5 on the tslab kernel, says it is generated, and has unique stable cell ids", () => {
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

  it("generate() makes a notebook of every lesson in lessons/", () => {
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

  it("npm run build writes fresh notebooks, then leaves an edited one alone, names it and says how to proceed", () => {
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

  it("npm run build treats a notebook that is only run (outputs, counts) as unchanged, and a broken one as changed", () => {
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
    `# T\n\n\`\`\`exercise 1.1\ntitle: t\nanswer: x\nkind: value\nexpected: 1\nhint: a\nhint: b\nhint: const x = ___;\n\`\`\`\n\n${body}`;
  const starter = "```ts starter 1.1\nconst x = TODO; // TODO\n```\n";
  const solution = "```ts solution 1.1\nconst x = 1;\n```\n";

  it("parseLesson accepts a complete exercise", () => {
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
    [
      "an exercise with two hints",
      exercise(starter + solution).replace("hint: b\n", ""),
      "has no three or more hints",
    ],
    [
      "a last hint without a blank",
      exercise(starter + solution).replace("hint: const x = ___;", "hint: const x = 2;"),
      "its last hint is code with one blank ___ left",
    ],
    [
      "a hint that is the solution",
      exercise(starter + solution).replace("hint: b", "hint: const x = 1; // the answer"),
      "hint 2 is the solution's code",
    ],
    [
      "a hint that is the body of a function solution",
      [
        "# T\n\n```exercise 1.1\ntitle: t\nanswer: f\nkind: function",
        "reference: (x: number) => x\ninputs: queryKeys",
        "hint: a\nhint: return x;\nhint: return ___;\n```\n",
        "```ts starter 1.1\nfunction f(x: number): number {\n  return TODO; // TODO\n}\n```\n",
        "```ts solution 1.1\nfunction f(x: number): number {\n  return x; // x itself\n}\n```\n",
      ].join("\n"),
      "hint 2 is the solution's code",
    ],
  ])("parseLesson rejects %s", (what, text, message) => {
    const file = what === "a file name without a number" ? "lessons/t.md" : "lessons/01-t.md";
    expect(() => parseLesson(text, file)).toThrow(LessonError);
    expect(() => parseLesson(text, file)).toThrow(message);
  });
});

/** The code cells of a lesson outside its exercises that are longer than `max` lines, by first line. */
function longCells(lesson: Lesson, max = 10): string[] {
  return lesson.blocks.flatMap((b) => {
    if (b.kind !== "code") return [];
    const count = b.source.split("\n").length;
    return count > max ? [`${lesson.file}: ${count} lines from "${b.source.split("\n")[0]}"`] : [];
  });
}

/** The table rows of a lesson (outside code fences) that hold a formula, as "file:line". */
function formulasInTables(file: string, text: string): string[] {
  let fenced = false;
  return text.split("\n").flatMap((line, k) => {
    if (line.startsWith("```")) fenced = !fenced;
    return !fenced && /^\s*\|/.test(line) && line.includes("$") ? [`${file}:${k + 1}`] : [];
  });
}

describe("formulas stay out of Markdown tables", () => {
  it("formulasInTables() finds no formula in a table of any lesson, in either edition", () => {
    const dirs = [join(root, "lessons"), join(root, "lessons", "zh-TW")];
    const found = dirs.flatMap((dir) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((f) => f.isFile() && /^\d\d-.*\.md$/.test(f.name))
        .flatMap((f) => formulasInTables(f.name, readFileSync(join(dir, f.name), "utf8"))),
    );
    expect(found).toEqual([]);
  });

  it("formulasInTables() names a table row with a formula, and leaves code and prose alone", () => {
    const text = "# T\n\n| a | $x$ |\n|---|---|\n\n$y$ in prose\n\n```ts\n| $z$\n```\n";
    expect(formulasInTables("t.md", text)).toEqual(["t.md:3"]);
  });
});

describe("a lesson's code cells stay short", () => {
  it("longCells() finds no code cell outside an exercise longer than 10 lines in lessons/*.md", () => {
    const files = readdirSync(join(root, "lessons")).filter((f) => /^\d\d-.*\.md$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => longCells(readLesson(join(root, "lessons", f))))).toEqual([]);
  });

  it("longCells() names an 11-line cell of an inline lesson, and leaves 10 lines and exercises alone", () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, k) => `const x${k} = ${k};`).join("\n");
    const solution = `\`\`\`ts solution 1.1\nconst x = 1;\n${lines(12)}\n\`\`\`\n`;
    const exercise = `\`\`\`exercise 1.1\ntitle: t\nanswer: x\nkind: value\nexpected: 1\nhint: a\nhint: b\nhint: const x = ___;\n\`\`\`\n\n\`\`\`ts starter 1.1\nconst x = TODO; // TODO\n\`\`\`\n\n${solution}`;
    const text = `# T\n\n\`\`\`ts\n${lines(10)}\n\`\`\`\n\n\`\`\`ts skip\n${lines(11)}\n\`\`\`\n\n${exercise}`;
    expect(longCells(parseLesson(text, "lessons/01-t.md"))).toEqual([
      'lessons/01-t.md: 11 lines from "const x0 = 0;"',
    ]);
  });
});

describe("the reference solutions, reachable on purpose", () => {
  const lessons = generate().lessons;
  const logged = (run: () => void): string[] => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.join(" "));
    });
    try {
      run();
    } finally {
      spy.mockRestore();
    }
    return lines;
  };

  it("exercises (the generated registry) holds every lesson's solution, and no hint is it", () => {
    const specs = lessons.flatMap((l) => l.exercises);
    expect(exercises.map((e) => [e.id, e.solution])).toEqual(specs.map((e) => [e.id, e.solution]));
    for (const e of specs) {
      expect(e.hints.length, e.id).toBeGreaterThanOrEqual(3);
      expect(e.hints[e.hints.length - 1], e.id).toContain("___");
    }
  });

  it('solution("2.1") prints exercise 2.1\'s reference solution; an unknown id lists the real ones', () => {
    const want = lessons.flatMap((l) => l.exercises).find((e) => e.id === "2.1")?.solution ?? "?";
    expect(logged(() => solution("2.1")).join("\n")).toContain(want);
    expect(logged(() => solution("9.9")).join("\n")).toMatch(
      /no exercise 9\.9\. Exercises: 0\.1, /,
    );
  });

  it('hintAfter(id, hints, n) gives hint n+1, says after the last one that solution("…") shows the answer, then only that', () => {
    const hints = ["a question?", "the formula", "const x = ___;"];
    expect(hintAfter("2.1", hints, 0)).toBe("a question?");
    expect(hintAfter("2.1", hints, 1)).not.toContain("solution(");
    expect(hintAfter("2.1", hints, 2)).toContain(
      'const x = ___;\n(That was the last hint: solution("2.1") shows the answer.)',
    );
    expect(hintAfter("2.1", hints, 3)).toBe('none left: solution("2.1") shows the answer.');
  });

  it('check("1.1") on a wrong answer gives the hints in turn, then points to solution("1.1")', () => {
    const ex = exercises.find((e) => e.id === "1.1");
    const n = ex?.hints.length ?? 0;
    const out = logged(() => {
      for (let k = 0; k <= n; k++) check("1.1"); // no notebook here: q1mine is not defined, a wrong answer
    });
    // check() breaks its lines between words to fit the page; none is wider than that
    for (const text of out)
      for (const line of text.split("\n"))
        expect(columns(line.trimEnd())).toBeLessThanOrEqual(TEXT_WIDTH);
    out.splice(0, out.length, ...out.map(unwrap));
    expect(out).toHaveLength(n + 1);
    expect(out[0]).toContain(`Hint: ${ex?.hints[0]}`);
    expect(out[n - 1]).toContain('solution("1.1") shows the answer');
    expect(out[n]).toContain('Hint: none left: solution("1.1") shows the answer.');
  });
});
