// Every notebook runs top to bottom on a real Jupyter kernel: starters, solutions and wrong answers,
// its outputs are checked, and the in-notebook check agrees with the grader.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { gradeNotebooks } from "../grader/grade.js";
import { jupyterAvailable, type Run, runLessons, type Variant } from "../tools/execute.js";
import type { KernelChoice } from "../tools/kernel.js";

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

interface Cell {
  id: string;
  cell_type: string;
  source: string[];
  outputs?: {
    output_type: string;
    name?: string;
    text?: string | string[];
    data?: Record<string, string | string[]>;
  }[];
}

const join2 = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join("") : (x ?? ""));

function executed(run: Run): Map<string, Cell[]> {
  const out = new Map<string, Cell[]>();
  for (const r of run.results) {
    const file = join(run.dir, "executed", r.notebook.split("/").pop() ?? "");
    out.set(
      file.split("/").pop() ?? file,
      (JSON.parse(readFileSync(file, "utf8")) as { cells: Cell[] }).cells,
    );
  }
  return out;
}

/** The text each check cell printed, by exercise id. */
function checkOutputs(cells: Map<string, Cell[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of cells.values()) {
    for (const c of list) {
      const m = c.id.match(/^ex-(\d+)-(\d+)-check$/);
      if (m) out.set(`${m[1]}.${m[2]}`, (c.outputs ?? []).map((o) => join2(o.text)).join(""));
    }
  }
  return out;
}

/** Every value a notebook showed with show()/showTrace()/heatmap(), by its name. */
function shownValues(cells: Cell[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const c of cells) {
    for (const o of c.outputs ?? []) {
      const html = join2(o.data?.["text/html"]);
      for (const m of html.matchAll(/data-name="([^"]+)" data-value="([^"]+)"/g)) {
        const value = (m[2] as string).replace(/&quot;/g, '"').replace(/&amp;/g, "&");
        out.set((m[1] as string).replace(/&#39;|&apos;/g, "'"), JSON.parse(value));
      }
    }
  }
  return out;
}

const MARK: Record<string, string> = { pass: "✓", todo: "…", fail: "✗", error: "✗", timeout: "✗" };

describe.skipIf(!available).each(kernels)("notebooks on the %s kernel", (kernel) => {
  const runs = new Map<Variant, Run>();
  beforeAll(() => {
    const variants: Variant[] = ["starter", "solved", "wrong"];
    for (const variant of variants) runs.set(variant, runLessons({ variant, kernel, tag: "test" }));
  }, 1_200_000);

  it("every notebook runs top to bottom with the starters, and with the solutions", () => {
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

  it("with the solutions filled in, every check prints ✓", () => {
    const run = runs.get("solved") as Run;
    const checks = checkOutputs(executed(run));
    expect(checks.size).toBeGreaterThan(0);
    for (const [id, text] of checks) expect(text, `exercise ${id}`).toMatch(/^✓ Exercise/);
  });

  it("with the starters, every check says not done yet without stopping the notebook", () => {
    const checks = checkOutputs(executed(runs.get("starter") as Run));
    expect(checks.size).toBeGreaterThan(0);
    for (const [id, text] of checks)
      expect(text, `exercise ${id}`).toMatch(/^… Exercise \d+\.\d+: not done yet/);
  });

  it("the in-notebook check and npm run grade give the same verdict (and on the course kernel, the same message) for the same code", async () => {
    for (const variant of ["starter", "solved", "wrong"] as const) {
      const run = runs.get(variant) as Run;
      const printed = checkOutputs(executed(run));
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

  it("b1 shown by the vector form equals column 1 of O shown by the matrix form", () => {
    const all = new Map<string, unknown>();
    for (const cells of executed(runs.get("solved") as Run).values())
      for (const [k, v] of shownValues(cells)) all.set(k, v);
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
});
