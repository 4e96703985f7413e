// One notebook's grading run, cell by cell in a sandbox, stopping at each exercise's answer cell as Run All would check it there.
import { join } from "node:path";
import type { CheckResult } from "../course/check.js";
import type { ExerciseInfo as Exercise } from "../course/exercise.js";
import { words } from "../course/words.js";
import { declaredNames, type NotebookFile } from "../build/ipynb.js";
import { ROOT } from "../build/paths.js";
import { pointIndex } from "../kernel/codepoints.js";
import { isSkipped } from "../kernel/skip-line.js";
import { type CompiledNotebook, compileCells, fingerprint } from "./compile-cache.js";
import { errorSummary } from "./messages.js";
import type { CompiledCell } from "./realm.js";
import type { NoReply, Sandbox } from "./sandbox-process.js";
import type { SandboxReply } from "./sandbox.js";

/**
 * Where every notebook's cells are compiled and its modules live, wherever the notebook itself
 * lies: the course's own notebook folder, so that a copy anywhere gets the course's code and the
 * compiled cells of every learner share one cache.
 */
export const COURSE_FOLDER = join(ROOT, "notebooks");

/** How one cell went, as the learner would have seen it under the cell. */
export interface CellReport {
  index: number;
  kind: "ok" | "type-error" | "thrown";
  /** For a failed cell: the first error, with its line and column in the cell. */
  error?: string;
  /** What in the cell caused the error, in the course's words. */
  note?: string;
}

/** What a notebook's run left: how each cell went, which were stopped or ended the process. */
export interface NotebookRun {
  cells: Map<number, CellReport>;
  timedOut: Set<number>;
  ended: Set<number>;
}

/** A little longer than the cell's own limit, for an answer that hangs where vm cannot stop it. */
const GRACE_MS = 2000;
/**
 * More time for the first cell of a notebook, the prelude: it loads the library's modules and
 * builds the mathjs functions they use, which takes seconds on a busy machine (not the learner's).
 */
const LOADING_MS = 30_000;

let courseFingerprint: string | undefined;
/** The fingerprint of the course's code (compile-cache's `fingerprint`), once per process. */
export const courseKey = () => (courseFingerprint ??= fingerprint(COURSE_FOLDER));

/**
 * The cell after which an exercise is checked: the cell just above its check cell, where Run All
 * checks it; with no check cell, its last answer cell (by its metadata), else the last cell before
 * its check cell that defines the answer name, else the last that does, else the end.
 */
export function answerCell(ex: Exercise, nb: NotebookFile): number {
  const answers = nb.cells.filter(
    (c) => c.exercise?.exercise === ex.id && c.exercise.role === "answer",
  );
  const check = nb.cells.find((c) => c.exercise?.exercise === ex.id && c.exercise.role === "check");
  // Run All checks the answer where its check cell stands, after every cell above it (an answer
  // cell split in two, or a helper cell the learner added, included)
  if (check && answers.some((c) => c.index < check.index)) return check.index - 1;
  const tagged = answers.pop();
  if (tagged) return tagged.index;
  const defining = nb.cells.filter((c) => declaredNames(c.source).includes(ex.answer));
  const before = defining.filter((c) => !check || c.index < check.index).pop();
  return (before ?? defining.pop())?.index ?? nb.cells.length - 1;
}

/** A notebook run step by step in `sandbox`: cells run only as far as the exercise asked about. */
export class NotebookSession {
  readonly run: NotebookRun = { cells: new Map(), timedOut: new Set(), ended: new Set() };
  private compiled: CompiledNotebook | null = null;
  private readonly cellCode = new Map<number, CompiledCell | null>();
  /** The next cell to run. */
  private next = 0;
  /** Cells run in the sandbox's current realm, to run again after the process had to be replaced. */
  private readonly ran: number[] = [];
  private opened = false;

  constructor(
    readonly nb: NotebookFile,
    private readonly sandbox: Sandbox,
    readonly timeoutMs: number,
  ) {}

  /** Compiles every cell (from the cache where it can): the grader's work, never timed. */
  private compile(): CompiledNotebook {
    if (this.compiled) return this.compiled;
    const cells = this.nb.cells.filter((c) => !isSkipped(c.source));
    const compiled = compileCells(
      COURSE_FOLDER,
      courseKey(),
      cells.map((c) => c.source),
    );
    const w = words(this.nb.lang ?? "en");
    for (const [k, c] of cells.entries()) {
      const r = compiled.results[k];
      if (!r) continue;
      if (r.diagnostics.length > 0) {
        const lines = c.source.split("\n");
        const diagnostics = r.diagnostics.map((d) => {
          const line = d.fileName ? undefined : lines[d.start.line];
          return {
            file: d.fileName ?? "",
            line: d.start.line + 1,
            column:
              line === undefined ? d.start.character + 1 : pointIndex(line, d.start.character) + 1,
            message: d.messageText,
          };
        });
        this.run.cells.set(c.index, {
          index: c.index,
          kind: "type-error",
          error: errorSummary({ kind: "type-error", diagnostics }, w),
        });
        this.cellCode.set(c.index, null);
      } else
        this.cellCode.set(
          c.index,
          r.output
            ? {
                output: r.output,
                async: r.hasToplevelAwait === true,
                ...(r.lastExpressionVar ? { last: r.lastExpressionVar } : {}),
                source: c.source,
              }
            : null,
        );
    }
    this.compiled = compiled;
    return compiled;
  }

  /** Opens a fresh realm in the sandbox and, after a replaced process, runs the cells run before. */
  private async open(): Promise<void> {
    const { modules } = this.compile();
    const k = courseKey();
    const send = !this.sandbox.sent.has(k) || !this.sandbox.alive;
    const r = await this.sandbox.ask(
      {
        type: "open",
        rootDir: COURSE_FOLDER,
        key: k,
        ...(send ? { modules: [...modules] } : {}),
      },
      60_000,
    );
    if ("type" in r) this.sandbox.sent.add(k);
    else throw new Error(`the grading process failed to open ${this.nb.file}`);
    this.opened = true;
    for (const index of this.ran.splice(0)) await this.cell(index, true);
  }

  /** Runs one cell; `again`: a replay after a replaced process, whose outcome is already known. */
  private async cell(index: number, again = false): Promise<void> {
    const code = this.cellCode.get(index);
    if (!code || this.run.ended.has(index) || this.run.timedOut.has(index)) return;
    const limit = this.timeoutMs + (this.ran.length === 0 ? LOADING_MS : 0);
    const r = await this.sandbox.ask(
      { type: "cell", index, cell: code, timeoutMs: limit },
      limit + GRACE_MS,
    );
    if ("type" in r && r.type === "cell-done") {
      this.ran.push(index);
      if (again) return;
      const o = r.outcome;
      if (o.timedOut) this.run.timedOut.add(index);
      this.run.cells.set(
        index,
        o.ok || o.timedOut
          ? { index, kind: "ok" }
          : {
              index,
              kind: "thrown",
              error: o.error ?? "Error",
              ...(o.note ? { note: o.note } : {}),
            },
      );
      return;
    }
    // the process ended or hung: this cell is left out of a fresh process's run
    this.opened = false;
    const gone = r as NoReply;
    if ("hung" in gone) this.run.timedOut.add(index);
    else {
      this.run.ended.add(index);
      this.run.cells.set(index, {
        index,
        kind: "thrown",
        error: `it ended the program (${gone.ended}), as process.exit() or running out of memory does`,
      });
    }
  }

  /** Runs the cells up to and including `last` (those not run yet). */
  async runTo(last: number): Promise<void> {
    if (!this.opened) await this.open();
    while (this.next <= last && this.next < this.nb.cells.length) {
      const index = this.next++;
      if (!this.opened) await this.open();
      await this.cell(index);
    }
    if (!this.opened) await this.open();
  }

  /** The verdict check() would print now, from the notebook's own realm. */
  async verdict(id: string): Promise<CheckResult> {
    if (!this.opened) await this.open();
    const w = words(this.nb.lang ?? "en");
    const r = await this.sandbox.ask(
      { type: "verdict", id, timeoutMs: this.timeoutMs },
      this.timeoutMs + GRACE_MS,
    );
    if ("type" in r && r.type === "verdict") {
      const v = (r as Extract<SandboxReply, { type: "verdict" }>).result;
      if (v === "timeout")
        return { id, verdict: "timeout", message: w.checkTimedOut(this.timeoutMs / 1000) };
      if ("error" in v) return { id, verdict: "error", message: w.helpersMissing(v.error) };
      return v;
    }
    this.opened = false;
    const gone = r as NoReply;
    return "hung" in gone
      ? { id, verdict: "timeout", message: w.checkTimedOut(this.timeoutMs / 1000) }
      : { id, verdict: "error", message: w.checkEnded(gone.ended) };
  }
}
