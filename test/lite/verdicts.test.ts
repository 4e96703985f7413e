// THE VERDICT TEST of the in-browser kernel (slow: about a few minutes on 2 cores). Every lesson of
// both editions, with every exercise's reference solution and with each of its wrong answers, runs
// cell by cell through the engine (one engine per notebook, the compiler shared); what each
// check() cell prints must be what check() prints for the verdict and message `npm run grade`'s
// grader gives on the same notebooks.
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ExerciseSpec } from "../../build/lesson.js";
import { generate } from "../../build/generate.js";
import { writeNotebookFolder } from "../../build/workspace.js";
import { exercises } from "../../course/exercises.generated.js";
import { useLanguage } from "../../course/language.js";
import { checkReport, hintAfter } from "../../course/notebook.js";
import { inEdition } from "../../course/words.js";
import { wrap } from "../../course/wrap.js";
import { type ExerciseResult, gradeNotebooks } from "../../grader/grade.js";
import { EngineSession, printed } from "./engine-bundle.js";

const root = join(import.meta.dirname, "..", "..");
const work = join(root, "artifacts", "lite-verdicts");
const lessons = generate().lessons;
const maxWrong = Math.max(0, ...lessons.flatMap((l) => l.exercises).map((e) => e.wrong.length));
const variants: [string, (s: ExerciseSpec) => string][] = [
  ["solved", (s) => s.solution],
  ...Array.from(
    { length: maxWrong },
    (_, k) =>
      [`wrong-${k + 1}`, (s: ExerciseSpec) => s.wrong[k]?.code ?? s.solution] as [
        string,
        (s: ExerciseSpec) => string,
      ],
  ),
];

/** What check() prints for a verdict on its first try in a fresh notebook, in the notebook's edition. */
function expectedReport(r: ExerciseResult): string {
  const ex = exercises.find((e) => e.id === r.id);
  if (!ex) throw new Error(`no exercise ${r.id}`);
  useLanguage(r.lang ?? "en");
  try {
    const hints = inEdition(ex).hints;
    const hint =
      r.verdict === "pass"
        ? undefined
        : r.verdict === "todo"
          ? hints[0]
          : (r.hint ?? hintAfter(r.id, hints, 0));
    // check() prints its report wrapped between words, as the grader's message is not
    return `${wrap(checkReport({ id: r.id, verdict: r.verdict, message: r.message }, hint))}\n`;
  } finally {
    useLanguage("en");
  }
}

/** Runs a notebook's code cells in order through a fresh engine; what each check("N.M") cell printed, by id. */
async function printedByCheck(file: string, folder: string): Promise<Map<string, string>> {
  const nb = JSON.parse(readFileSync(file, "utf8")) as {
    cells: { cell_type: string; source: string | string[] }[];
  };
  const session = new EngineSession();
  const rel = relative(folder, file);
  await session.start(rel, rel.startsWith("zh-TW") ? "zh-TW" : "en");
  const out = new Map<string, string>();
  for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
    const code = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    const messages = await session.execute(code);
    const id = /^check\("([^"]+)"\);?\s*$/m.exec(code)?.[1];
    if (id) out.set(id, printed(messages));
  }
  return out;
}

interface Case {
  variant: string;
  notebook: string;
  id: string;
  expected: string;
  got: string | undefined;
}
const cases: Case[] = [];
let notebooksRun = 0;
/** Where the time goes: the grader's runs and the engine's, in milliseconds. */
const spent = { grader: 0, engine: 0 };

describe("the in-browser kernel gives the grader's verdicts (every lesson, both editions)", () => {
  beforeAll(async () => {
    const seen = new Set<string>();
    for (const [name, answerFor] of variants) {
      const dir = join(work, name);
      const notebooks = [...generate({ answerFor }).notebooks].filter(([file, text]) => {
        const key = `${file}\n${text}`;
        const fresh = !seen.has(key) && text.includes('check(\\"'); // in the JSON's quoting
        seen.add(key);
        return fresh; // a wrong variant's notebook equal to the solved one's adds nothing
      });
      if (notebooks.length === 0) continue;
      const files = writeNotebookFolder(dir, notebooks);
      let started = performance.now();
      const graded = await gradeNotebooks(files, { timeoutMs: 8000 });
      spent.grader += performance.now() - started;
      for (const file of files) {
        started = performance.now();
        const got = await printedByCheck(file, dir);
        spent.engine += performance.now() - started;
        notebooksRun += 1;
        for (const r of graded.filter((g) => resolve(g.file) === file))
          cases.push({
            variant: name,
            notebook: relative(dir, file),
            id: r.id,
            expected: expectedReport(r),
            got: got.get(r.id),
          });
      }
    }
    // the engines have taken over console; this goes straight to the test's output
    process.stderr.write(
      `${notebooksRun} notebooks, ${cases.length} check() cells: grader ${(spent.grader / 1000).toFixed(0)} s, engine ${(spent.engine / 1000).toFixed(0)} s\n`,
    );
  }, 2_400_000);

  it("runs every lesson of both editions, solved and with each wrong answer", () => {
    expect(notebooksRun).toBeGreaterThanOrEqual(
      2 * lessons.filter((l) => l.exercises.length > 0).length,
    );
    const solved = cases.filter((c) => c.variant === "solved");
    expect(new Set(solved.map((c) => c.id)).size).toBe(exercises.length);
    expect(new Set(solved.map((c) => c.notebook.startsWith("zh-TW")))).toEqual(
      new Set([true, false]),
    );
    expect(cases.some((c) => c.expected.startsWith("✗"))).toBe(true);
  });

  it("every check() prints the grader's verdict and message, with the same hint", () => {
    expect(cases.length).toBeGreaterThan(0);
    const differ = cases.filter((c) => c.got !== c.expected);
    expect(
      differ.map(
        (c) => `${c.variant} ${c.notebook} ${c.id}\n  grader: ${c.expected}  engine: ${c.got}`,
      ),
    ).toEqual([]);
  });
});
