// The in-browser kernel's engine (dist/lite/engine.js) run in node as a worker runs it: each cell's
// result, type error, printing, error and completion must be what the Node kernel's code makes of
// the same cell.
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import type { FromEngine } from "../../lite/protocol.js";
import { engineBundle, EngineSession, printed, replyOf } from "./engine-bundle.js";

const root = join(import.meta.dirname, "..", "..");
const notebook = JSON.parse(
  readFileSync(join(root, "notebooks", "01-queries-and-keys.ipynb"), "utf8"),
) as { cells: { cell_type: string; source: string[] }[] };
const prelude = (notebook.cells.find((c) => c.cell_type === "code")?.source ?? []).join("");
/**
 * What the Node kernel's code (dist/kernel/, compiled) shows for each cell after the prelude, and
 * its completions of "selfAtt": run in a node process of its own in the notebooks folder, as the
 * kernel runs (vitest's own stack handling would hide the cell's frames of a script run by vm).
 */
function nodeKernelShows(
  first: string,
  cells: Record<string, string>,
): { cells: Record<string, Shown>; completions: string[] } {
  const url = (name: string) => pathToFileURL(join(root, "dist", "kernel", `${name}.js`)).href;
  // what the cells print comes first on stdout; the findings follow this mark
  const MARK = "@@node-kernel-shows@@";
  const script = `
    const MARK = ${JSON.stringify(MARK)};
    import { createRequire } from "node:module";
    import { CellRunner } from ${JSON.stringify(url("run"))};
    import { thrownContent, typeErrorContent, withNote } from ${JSON.stringify(url("errors"))};
    import { resultBundle } from ${JSON.stringify(url("mime-bundle"))};
    const { first, cells } = JSON.parse(await new Promise((r) => {
      let text = ""; process.stdin.on("data", (d) => (text += d)); process.stdin.on("end", () => r(text));
    }));
    const mathjs = () => createRequire(import.meta.url)("mathjs");
    const runner = new CellRunner(process.cwd());
    const ran = await runner.run(first, "1");
    if (ran.kind !== "ok") throw new Error("the prelude failed: " + JSON.stringify(ran));
    const shown = {};
    let count = 1;
    for (const [name, code] of Object.entries(cells)) {
      const o = await runner.run(code, String(++count));
      shown[name] = o.kind === "ok"
        ? (o.hasValue ? { result: await resultBundle(o.value, mathjs) } : {})
        : { error: o.kind === "type-error" ? typeErrorContent(o.diagnostics, code) : withNote(thrownContent(o.error, runner.locate), o.note) };
    }
    const completions = runner.complete("selfAtt", 7).candidates;
    process.stdout.write("\\n" + MARK + JSON.stringify({ cells: shown, completions }));
    process.exit(0);`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: join(root, "notebooks"),
    input: JSON.stringify({ first, cells }),
    encoding: "utf8",
    timeout: 180_000,
  });
  if (run.status !== 0) throw new Error(`the Node kernel's run failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.slice(run.stdout.lastIndexOf(MARK) + MARK.length)) as {
    cells: Record<string, Shown>;
    completions: string[];
  };
}

/** Cells after the prelude, each compared with what the Node kernel shows for it. */
const CELLS = {
  value: "const twice = [1, 2].map((x) => x * 2);\ntwice",
  matrix: "matrix([[1, 2], [3, 4.5]])",
  typeError: 'const fine = 1;\nconst x: number = "not a number";',
  declares: "function double(n: number): number {\n  return 2 * n;\n}",
  usesDeclared: "double(21)",
  misusesDeclared: 'double("21")',
  awaits: "const later = await new Promise<number>((r) => setTimeout(() => r(7), 5));\nlater * 6",
  prints: 'console.log("α1 =", [2, 1, 0, 1], { b: 1 });\nconsole.error("to stderr");',
  throws: 'function f(): never {\n  throw new RangeError("boom");\n}\nf();',
  throwsInLibrary: "selfAttention([[1, 2]], weights)",
  pastTheEnd: "const few = [\n  [1, 0],\n  [0, 1],\n];\nscore([1, 1], few[2]);",
  display:
    '({ [Symbol.for("Jupyter.display")]() { return { "text/html": "<b>mine</b>" }; }, toString() { return "x"; } })',
} as const;
type Name = keyof typeof CELLS;
/** The execution count of a cell of CELLS: they run in order after the prelude, cell 1. */
const countOf = (name: Name) => Object.keys(CELLS).indexOf(name) + 2;

/** What the Node kernel shows for a cell: its result's bundle or its error content. */
type Shown = {
  result?: Record<string, unknown>;
  error?: { ename: string; evalue: string; traceback: string[] };
};

const node = new Map<Name, Shown>();
let nodeCompletions: string[] = [];
const engine = new Map<Name, FromEngine[]>();
let session: EngineSession;

describe("the in-browser kernel's engine, in node", () => {
  beforeAll(async () => {
    engineBundle(); // builds it, and dist/kernel/, when a source is newer
    const shown = nodeKernelShows(prelude, CELLS);
    for (const [name, value] of Object.entries(shown.cells)) node.set(name as Name, value);
    nodeCompletions = shown.completions;

    session = new EngineSession();
    await session.start("notebooks/01-queries-and-keys.ipynb");
    const first = await session.execute(prelude);
    expect(replyOf(first).status, JSON.stringify(first)).toBe("ok");
    for (const [name, code] of Object.entries(CELLS) as [Name, string][])
      engine.set(name, await session.execute(code));
  }, 240_000);

  const resultOf = (name: Name) => {
    const m = engine.get(name)?.find((x) => x.type === "result");
    return m?.type === "result" ? m.data : undefined;
  };
  const errorOf = (name: Name) => {
    const m = engine.get(name)?.find((x) => x.type === "error");
    return m?.type === "error"
      ? { ename: m.ename, evalue: m.evalue, traceback: m.traceback }
      : undefined;
  };

  it("engineBundle() loads the bundle as a worker script, which wires itself to self.onmessage", () => {
    expect(typeof engineBundle().scope.onmessage).toBe("function");
  });

  it("a cell's last value is its result, as the Node kernel shows it", () => {
    expect(resultOf("value")).toEqual(node.get("value")?.result);
    expect(resultOf("value")?.["text/plain"]).toBe("[ 2, 4 ]");
  });

  it("a mathjs matrix shows as a table and LaTeX, as the Node kernel shows it", () => {
    expect(resultOf("matrix")).toEqual(node.get("matrix")?.result);
    expect(Object.keys(resultOf("matrix") ?? {})).toEqual([
      "text/plain",
      "text/html",
      "text/latex",
    ]);
  });

  it("a type error is a TypeScriptError with the cell's line:column, worded as on the Node kernel", () => {
    expect(errorOf("typeError")).toEqual(node.get("typeError")?.error);
    expect(errorOf("typeError")?.ename).toBe("TypeScriptError");
    expect(errorOf("typeError")?.evalue).toMatch(/^2:7 - /);
  });

  it("declarations carry from cell to cell, for running and for type checking", () => {
    expect(resultOf("usesDeclared")?.["text/plain"]).toBe("42");
    expect(errorOf("misusesDeclared")).toEqual(node.get("misusesDeclared")?.error);
    expect(errorOf("misusesDeclared")?.ename).toBe("TypeScriptError");
  });

  it("top-level await works and the cell's value comes after it", () => {
    expect(resultOf("awaits")).toEqual({ "text/plain": "42" });
  });

  it("console.log and console.error stream to stdout and stderr, formatted as node formats them", () => {
    const messages = engine.get("prints") ?? [];
    expect(printed(messages)).toBe("α1 = [ 2, 1, 0, 1 ] { b: 1 }\n");
    expect(printed(messages, "stderr")).toBe("to stderr\n");
    expect(messages.at(-1)?.type).toBe("reply");
  });

  it("a runtime error shows only the cell's frames, placed in the cell, as on the Node kernel", () => {
    expect(errorOf("throws")).toEqual(node.get("throws")?.error);
    expect(errorOf("throws")?.traceback).toEqual([
      "RangeError: boom",
      `    at f (<cell ${countOf("throws")}>:2:9)`,
      `    at <cell ${countOf("throws")}>:4:1`,
    ]);
  });

  it("an error from inside the library has the library's message and the cell's frame", () => {
    const mine = errorOf("throwsInLibrary");
    const theirs = node.get("throwsInLibrary")?.error;
    // the library's own frames are shown, as the Node kernel shows a learner's files; their
    // folder is the notebook's, on disk there and in the in-memory file system here
    const onDisk = theirs?.traceback.map((l) => l.replace(join(root, "notebooks"), "/notebooks"));
    expect(mine).toEqual({ ...theirs, traceback: onDisk });
    expect(mine?.traceback.at(-1)).toBe(`    at <cell ${countOf("throwsInLibrary")}>:1:1`);
    expect(mine?.traceback.join("\n")).not.toMatch(/engine\.js/);
  });

  it("an entry read past the end of an array is named under the error, as on the Node kernel", () => {
    const mine = errorOf("pastTheEnd");
    const theirs = node.get("pastTheEnd")?.error;
    expect(mine?.traceback.at(-1)).toBe(theirs?.traceback.at(-1));
    expect(mine?.traceback.at(-1)).toMatch(
      /^There is no few\[2\], so it reads as undefined: few has 2 entries, few\[0\] to few\[1\], because code counts from 0\./,
    );
  });

  it('a value\'s [Symbol.for("Jupyter.display")] bundle is shown with it, as on the Node kernel', () => {
    expect(resultOf("display")).toEqual(node.get("display")?.result);
    expect(resultOf("display")?.["text/html"]).toBe("<b>mine</b>");
  });

  it("completion offers the library's exports and names in scope, as the Node kernel does", async () => {
    const library = replyOf(
      await session.request((id) => ({ type: "complete", id, code: "selfAtt", cursor: 7 })),
    );
    expect(library.matches).toEqual(nodeCompletions);
    expect(library.matches).toContain("selfAttention");
    const local = replyOf(
      await session.request((id) => ({ type: "complete", id, code: "twi", cursor: 3 })),
    );
    expect(local).toMatchObject({ status: "ok", cursor_start: 0, cursor_end: 3 });
    expect(local.matches).toContain("twice");
  });

  it("inspect describes a name and is_complete asks for more after an open brace", async () => {
    const info = replyOf(
      await session.request((id) => ({
        type: "inspect",
        id,
        code: "double",
        cursor: 3,
        detailLevel: 0,
      })),
    );
    expect(info.found).toBe(true);
    expect(JSON.stringify(info.data)).toContain("function double(n: number): number");
    const open = replyOf(
      await session.request((id) => ({ type: "is_complete", id, code: "function f() {" })),
    );
    expect(open).toEqual({ status: "incomplete", indent: "  " });
  });
});
