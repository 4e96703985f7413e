// Every notebook runs top to bottom on a real Jupyter kernel: starters, solutions and wrong answers,
// its outputs are checked, and the in-notebook check agrees with the grader.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkOutputs, type NotebookFile, readNotebook, text } from "../build/ipynb.js";
import { exerciseList } from "../course/exercise-list.generated.js";
import { gradeNotebooks } from "../grader/grade.js";
import { jupyterAvailable, type Run, runLessons, type Variant } from "./harness/execute.js";
import type { KernelChoice } from "../kernel/spec.js";
import { generate } from "../build/generate.js";
import { words } from "../course/words.js";

const root = join(import.meta.dirname, "..");
const available = jupyterAvailable();
if (!available && process.env.CI) {
  throw new Error(
    "Jupyter with nbclient is not installed in .venv/ (pip install -r requirements/test.txt there), and CI needs it: see .ci/run",
  );
}
const kernels: KernelChoice[] = existsSync(join(root, "dist", "kernel", "main.js"))
  ? ["stock", "course"]
  : ["stock"];

/** Every notebook of a run as it came out of Jupyter, by file name. */
function executed(run: Run): Map<string, NotebookFile> {
  const out = new Map<string, NotebookFile>();
  for (const r of run.results) {
    const name = r.notebook.split("/").pop() ?? "";
    out.set(name, readNotebook(join(run.dir, "executed", name), exerciseList));
  }
  return out;
}

/** What each check cell printed, by exercise id, over a run's notebooks. */
function checksOf(notebooks: Map<string, NotebookFile>): Map<string, string> {
  return new Map([...notebooks.values()].flatMap((nb) => [...checkOutputs(nb)]));
}

/** Every value a notebook showed with show()/showTrace()/heatmap(), by its name. */
function shownValues(nb: NotebookFile): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of nb.cells) {
    for (const o of c.outputs) {
      const html = text(o.data?.["text/html"]);
      // (the explorer's page script also spells these attributes, as templates with a $: not values)
      for (const m of html.matchAll(/data-name="([^"$]+)" data-value="([^"$]+)"/g)) {
        const value = (m[2] as string).replace(/&quot;/g, '"').replace(/&amp;/g, "&");
        out.set((m[1] as string).replace(/&#39;|&apos;/g, "'"), JSON.parse(value));
      }
    }
  }
  return out;
}

const MARK: Record<string, string> = { pass: "✓", todo: "…", fail: "✗", error: "✗", timeout: "✗" };

/** The editions to run: English, and zh-TW once it has translated lessons. */
const editions: ("en" | "zh-TW")[] = generate().translations.length ? ["en", "zh-TW"] : ["en"];
const cases = kernels.flatMap((kernel) => editions.map((lang) => [kernel, lang] as const));

describe.skipIf(!available).each(cases)(
  "notebooks on the %s kernel, edition %s",
  (kernel, lang) => {
    const runs = new Map<Variant, Run>();
    const w = words(lang);
    /** What check() says of an exercise's untouched starter. */
    /** What check() may say of an untouched starter: a function's returns TODO, unless it is TODO itself. */
    const todoOf = (id: string) => {
      const ex = exerciseList.find((e) => e.id === id);
      return ex?.kind === "function" ? [w.todoFunction(ex.answer), w.todo(id)] : [w.todo(id)];
    };
    beforeAll(() => {
      const variants: Variant[] = ["starter", "solved", "wrong"];
      for (const variant of variants)
        runs.set(
          variant,
          runLessons({ variant, kernel, tag: "test", ...(lang === "zh-TW" ? { lang } : {}) }),
        );
    }, 1_200_000);

    it("runLessons(): every notebook runs top to bottom with the starters, and with the solutions", () => {
      for (const [variant, run] of runs) {
        expect(run.results.length, `${variant}: ${run.stderr.slice(-2000)}`).toBeGreaterThan(0);
        for (const r of run.results) {
          expect(
            r.ok,
            `${variant} ${r.notebook}, cell ${r.cell} (${r.cell_id}): ${r.error}\n${r.source ?? ""}`,
          ).toBe(true);
        }
      }
    });

    it("check() prints ✓ for every exercise once the solutions are filled in", () => {
      const run = runs.get("solved") as Run;
      const checks = checksOf(executed(run));
      expect(checks.size).toBeGreaterThan(0);
      for (const [id, text] of checks)
        expect(text.startsWith(`✓ ${w.exercise(id)}`), `exercise ${id}: ${text}`).toBe(true);
    });

    it("check() says not done yet for every starter, without stopping the notebook", () => {
      const checks = checksOf(executed(runs.get("starter") as Run));
      expect(checks.size).toBeGreaterThan(0);
      for (const [id, text] of checks)
        expect(
          todoOf(id).some((says) => text.includes(`… ${w.exercise(id)}${says}`)),
          `exercise ${id}: ${text}`,
        ).toBe(true);
    });

    it("check() in the notebook and npm run grade give the same verdict (and on the course kernel, the same message) for the same code", async () => {
      for (const variant of ["starter", "solved", "wrong"] as const) {
        const run = runs.get(variant) as Run;
        const printed = checksOf(executed(run));
        const graded = await gradeNotebooks([join(run.dir, "notebooks")]);
        expect(graded.length).toBe(printed.size);
        for (const g of graded) {
          const text = printed.get(g.id);
          expect(
            text?.slice(0, 1),
            `${variant} exercise ${g.id}: grader says ${g.verdict}: ${g.message}`,
          ).toBe(MARK[g.verdict]);
          // stock tslab has no second example to rerun the cells on: there only the verdicts agree
          if (kernel === "course") expect(text).toContain(g.message.split("\n")[0]);
        }
      }
    }, 600_000);

    it("show(): b1 of the vector form equals column 1 of O of the matrix form", () => {
      const all = new Map<string, unknown>();
      for (const nb of executed(runs.get("solved") as Run).values())
        for (const [k, v] of shownValues(nb)) all.set(k, v);
      const b1 = all.get("b1") as number[] | undefined;
      const O = all.get("O") as number[][] | undefined;
      expect(b1, "a notebook shows b1").toBeDefined();
      expect(O, "a notebook shows O").toBeDefined();
      const column1 = (O ?? []).map((row) => row[0] as number);
      expect(b1?.length).toBe(column1.length);
      (b1 ?? []).forEach((x, k) => {
        expect(Math.abs(x - (column1[k] as number))).toBeLessThan(1e-12);
      });
    });
  },
);
