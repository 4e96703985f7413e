// Turns a parsed lesson into a Jupyter notebook (nbformat 4.5), byte for byte the same every time.
import { createHash } from "node:crypto";
import { SKIP_LINE } from "../kernel/skip-line.js";
import type { ExerciseSpec, Lesson } from "./lesson.js";

export interface Cell {
  id: string;
  cell_type: "markdown" | "code";
  metadata: Record<string, unknown>;
  source: string[];
  execution_count?: null;
  outputs?: unknown[];
}

export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: 4;
  nbformat_minor: 5;
}

/** What the course writes into a notebook's metadata, under this key. */
export const META = "attention_from_zero";

/** The kernel every course notebook asks for (the course's own, registered by `npm start`). */
export const KERNELSPEC = {
  display_name: "TypeScript (tslab)",
  language: "typescript",
  name: "tslab",
};

/** The source of the answer cell's first line, which also finds the cell when its metadata is lost. */
export function exerciseMarker(spec: ExerciseSpec): string {
  return `// Exercise ${spec.id}: ${spec.title}`;
}

/** The check call that follows an exercise, e.g. check("1.1", q1). */
export function checkCall(spec: ExerciseSpec): string {
  return `check(${JSON.stringify(spec.id)});`;
}

/**
 * The names a cell declares at its top level: `const x`, `let { Q, K }`, `function f`, `class C`.
 *
 * @example
 * declaredNames("const { Q, K } = f();\nfunction g() {}") // returns ["Q", "K", "g"]
 */
export function declaredNames(source: string): string[] {
  const names: string[] = [];
  const re =
    /^(?:export\s+)?(?:const|let|var|function\*?|class)\s+(\{[^}]*\}|\[[^\]]*\]|[A-Za-z_$][\w$]*)/gm;
  for (const m of source.matchAll(re)) {
    const what = m[1] as string;
    const parts = /^[{[]/.test(what) ? what.slice(1, -1).split(",") : [what];
    for (const p of parts) {
      const name = p
        .split(":")
        .pop()
        ?.split("=")[0]
        ?.trim()
        .replace(/^\.\.\./, "");
      if (name && /^[A-Za-z_$][\w$]*$/.test(name) && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** Splits text into nbformat's list of lines, each keeping its "\n" except the last. */
export function toLines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((p, i) => (i < parts.length - 1 ? `${p}\n` : p)).filter((p) => p !== "");
}

function markdown(id: string, text: string): Cell {
  return { id, cell_type: "markdown", metadata: {}, source: toLines(text) };
}

function code(id: string, text: string, metadata: Record<string, unknown> = {}): Cell {
  return {
    id,
    cell_type: "code",
    execution_count: null,
    metadata,
    outputs: [],
    source: toLines(text),
  };
}

/**
 * Builds the notebook of a lesson. With `solved`, each exercise's answer cell holds the reference
 * solution instead of the starter (used to prove that every check passes).
 */
export function buildNotebook(
  lesson: Lesson,
  prelude: string,
  options: { solved?: boolean; answerFor?: (spec: ExerciseSpec) => string } = {},
): Notebook {
  const byId = new Map(lesson.exercises.map((e) => [e.id, e]));
  const cells: Cell[] = [
    markdown(
      "generated",
      `*This notebook is generated from [\`lessons/${lesson.slug}.md\`](../lessons/${lesson.slug}.md) by \`npm run build\`. ` +
        "Work in it freely: once you have changed it, the build will not overwrite it.*",
    ),
    code("prelude", prelude, { [META]: { role: "prelude" } }),
  ];
  let k = 0;
  const earlier: string[] = []; // names the lesson's code cells so far define
  for (const block of lesson.blocks) {
    if (block.kind === "markdown")
      cells.push(markdown(`md-${String(k++).padStart(2, "0")}`, block.source));
    else if (block.kind === "code") {
      const source = block.skip ? `${SKIP_LINE}\n${block.source}` : block.source;
      cells.push(code(`code-${String(k++).padStart(2, "0")}`, source));
      if (!block.skip)
        earlier.push(...declaredNames(block.source).filter((n) => !earlier.includes(n)));
    } else {
      const spec = byId.get(block.id) as ExerciseSpec;
      const slug = spec.id.replace(".", "-");
      const body = options.answerFor?.(spec) ?? (options.solved ? spec.solution : spec.starter);
      const names = earlier.length
        ? `// You may use the prelude's names and, from this lesson's cells above: ${earlier.join(", ")}.`
        : "// You may use the prelude's names.";
      cells.push(
        code(`ex-${slug}-answer`, `${exerciseMarker(spec)}\n${names}\n${body}`, {
          [META]: { exercise: spec.id, role: "answer" },
          tags: ["exercise"],
        }),
        code(`ex-${slug}-check`, checkCall(spec), { [META]: { exercise: spec.id, role: "check" } }),
      );
    }
  }
  const nb: Notebook = {
    cells,
    metadata: {
      [META]: { lesson: `lessons/${lesson.slug}.md`, source_sha256: "" },
      kernelspec: KERNELSPEC,
      language_info: { file_extension: ".ts", mimetype: "text/typescript", name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  (nb.metadata[META] as { source_sha256: string }).source_sha256 = sourceHash(nb);
  return nb;
}

/**
 * A hash of what a learner can change: every cell's type and source, in order. Outputs,
 * execution counts and metadata are left out, so running a notebook does not count as a change.
 */
export function sourceHash(nb: { cells?: unknown }): string {
  const cells = Array.isArray(nb.cells)
    ? (nb.cells as { cell_type?: unknown; source?: unknown }[])
    : [];
  const canonical = cells.map((c) => [
    c.cell_type,
    Array.isArray(c.source) ? c.source.join("") : String(c.source ?? ""),
  ]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** The notebook as Jupyter itself writes it: one-space indent, a final newline. */
export function serialize(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}

/** Why an existing notebook may not be replaced, or null when it is exactly as last generated. */
export function learnerChange(text: string): string | null {
  let nb: { cells?: unknown; metadata?: Record<string, unknown> };
  try {
    nb = JSON.parse(text) as typeof nb;
  } catch {
    return "it is not valid JSON any more (perhaps a save was cut short)";
  }
  const recorded = (nb.metadata?.[META] as { source_sha256?: string } | undefined)?.source_sha256;
  if (!recorded) return "it has no record of being generated";
  return recorded === sourceHash(nb) ? null : "it has been edited since it was generated";
}
