// Reads one literate lesson (lessons/NN-slug.md) with markdown-it into prose, code and exercises.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import MarkdownIt from "markdown-it";
import { MISCONCEPTIONS_EN } from "../course/words.js";

/** One piece of a lesson, in order: prose, a code cell, or the place where an exercise goes. */
export type Block =
  | { kind: "markdown"; source: string }
  | { kind: "code"; source: string; skip?: boolean }
  | { kind: "exercise"; id: string };

/** A realistic wrong answer (```ts wrong N.M): its code and, when it has one, its own message. */
export interface WrongAnswer {
  /** The answer cell's code, which binds the exercise's answer name. */
  code: string;
  /** Words the check's message must contain (its own message, when it has one). */
  symptom: string;
  /** What check() says to an answer equal to this one (the block's first line, "// says: …"). */
  says?: string;
}

/**
 * One entry of an exercise's catalogue of misconceptions (`misconception: KIND | formula | code`):
 * a kind of course/words.ts, what the wrong computation is in notation, and its code (a value, or
 * for a function exercise a function), in the prelude's names.
 */
export interface Misconception {
  kind: string;
  formula: string;
  code: string;
}

/** Everything about one exercise, all written next to it in its lesson. */
export interface ExerciseSpec {
  id: string;
  lesson: string;
  title: string;
  /** The name the learner's answer is bound to (`q1`, `mySoftmax`). */
  answer: string;
  kind: "value" | "function";
  /** value: an expression for the right answer. */
  expected?: string;
  /** function: a reference implementation, as a typed arrow function. */
  reference?: string;
  /** function: the name of the input generator in course/inputs.ts. */
  inputs?: string;
  /** Tolerance for each entry (default 1e-9). */
  tolerance?: number;
  /** value: worked out by hand, checked to 4 decimals on the worked example alone (`by: hand`). */
  byHand?: boolean;
  /** function: library functions the answer must not call (`forbid: scores, softmax`). */
  forbid?: string[];
  /** A question, then the formula, then code with one blank `___` left; never the solution. */
  hints: string[];
  /** The mistakes check() recognises and names, each an alternative computation. */
  misconceptions: Misconception[];
  starter: string;
  solution: string;
  /**
   * Realistic wrong answers. Those with a message of their own are also what check() compares an
   * answer with to diagnose it; the tests prove each one gets the message it names.
   */
  wrong: WrongAnswer[];
  /** 1-based line of the exercise block in the lesson, for messages. */
  line: number;
}

export interface Lesson {
  file: string;
  /** "01-queries-and-keys" */
  slug: string;
  /** 1 for lessons/01-…; 0 for the start-here lesson. */
  number: number;
  title: string;
  blocks: Block[];
  exercises: ExerciseSpec[];
}

export class LessonError extends Error {
  override name = "LessonError";
}

const md = new MarkdownIt({ html: true });

/** Parses a lesson file. Every problem names the file and line. */
export function readLesson(file: string): Lesson {
  return parseLesson(readFileSync(file, "utf8"), file);
}

export function parseLesson(text: string, file: string): Lesson {
  const slug = basename(file, ".md");
  const match = slug.match(/^(\d\d)-[a-z0-9-]+$/);
  if (!match)
    throw new LessonError(
      `${file}: a lesson file is named NN-slug.md (e.g. 01-queries-and-keys.md)`,
    );
  const number = Number(match[1]);
  const lines = text.split("\n");
  const tokens = md.parse(text, {});
  const where = (line: number) => `${file}:${line + 1}`;

  const titleToken = tokens.findIndex((t) => t.type === "heading_open" && t.tag === "h1");
  const title = titleToken >= 0 ? (tokens[titleToken + 1]?.content ?? "") : "";
  if (!title) throw new LessonError(`${file}: a lesson starts with a "# Title" heading`);

  const blocks: Block[] = [];
  const specs = new Map<string, Partial<ExerciseSpec>>();
  let prose: string[] = [];
  let cursor = 0; // next source line not yet placed in a block

  const flushProse = (until: number) => {
    prose.push(...lines.slice(cursor, until));
    const source = prose.join("\n").trim();
    if (source) blocks.push({ kind: "markdown", source });
    prose = [];
  };

  for (const token of tokens) {
    if (!token.map) continue;
    const [start, end] = token.map;
    if (token.type === "heading_open" && token.tag === "h2" && start > cursor) {
      flushProse(start); // every section starts a new markdown cell
      cursor = start;
      continue;
    }
    if (token.type !== "fence") continue;
    const info = token.info.trim().split(/\s+/);
    const lang = info[0] ?? "";
    if (lang === "ts" || lang === "typescript") {
      const role = info[1];
      if (role === undefined || role === "skip") {
        flushProse(start);
        const source = token.content.replace(/\n$/, "");
        blocks.push(
          role === "skip" ? { kind: "code", source, skip: true } : { kind: "code", source },
        );
      } else if (role === "wrong") {
        const id = requireId(
          info[2],
          `${where(start)}: \`\`\`ts wrong needs an exercise id, e.g. \`\`\`ts wrong 1.1 "symptom"`,
        );
        const [first = "", ...rest] = token.content.replace(/\n$/, "").split("\n");
        const says = first.match(/^\/\/ says: (.+)$/)?.[1]?.trim();
        const symptom = token.info.trim().match(/"([^"]+)"\s*$/)?.[1];
        if (says && symptom) {
          throw new LessonError(
            `${where(start)}: \`\`\`ts wrong ${id} has its own message ("// says:"), so it takes no words in quotes`,
          );
        }
        if (!says && !symptom) {
          throw new LessonError(
            `${where(start)}: \`\`\`ts wrong ${id} needs its message as a first line "// says: …", or the words its message must contain, in quotes`,
          );
        }
        flushProse(start);
        const spec = specs.get(id) ?? { id };
        const wrong = says
          ? { code: rest.join("\n"), symptom: says, says }
          : { code: token.content.replace(/\n$/, ""), symptom: symptom ?? "" };
        spec.wrong = [...(spec.wrong ?? []), wrong];
        specs.set(id, spec);
      } else if (role === "starter" || role === "solution") {
        const id = requireId(
          info[2],
          `${where(start)}: \`\`\`ts ${role} needs an exercise id, e.g. \`\`\`ts ${role} 1.1`,
        );
        flushProse(start);
        const spec = specs.get(id) ?? { id };
        if (spec[role] !== undefined)
          throw new LessonError(`${where(start)}: exercise ${id} has two ${role} blocks`);
        spec[role] = token.content.replace(/\n$/, "");
        specs.set(id, spec);
      } else {
        throw new LessonError(
          `${where(start)}: unknown code block role "${role}" (use starter, solution, wrong or skip)`,
        );
      }
      cursor = end;
    } else if (lang === "exercise") {
      const id = requireId(
        info[1],
        `${where(start)}: \`\`\`exercise needs an id, e.g. \`\`\`exercise 1.1`,
      );
      flushProse(start);
      const spec = specs.get(id) ?? { id };
      if (spec.title !== undefined)
        throw new LessonError(`${where(start)}: exercise ${id} is defined twice`);
      Object.assign(spec, parseExerciseFields(token.content, id, start, file), { line: start + 1 });
      specs.set(id, spec);
      blocks.push({ kind: "exercise", id });
      cursor = end;
    }
  }
  flushProse(lines.length);

  const exercises = [...specs.values()].map((s) => complete(s, slug, number, file));
  return { file, slug, number, title, blocks, exercises };
}

function requireId(id: string | undefined, message: string): string {
  if (!id || !/^\d+\.\d+$/.test(id)) throw new LessonError(message);
  return id;
}

function parseExerciseFields(
  content: string,
  id: string,
  start: number,
  file: string,
): Partial<ExerciseSpec> {
  const out: Partial<ExerciseSpec> & { hints: string[]; misconceptions: Misconception[] } = {
    hints: [],
    misconceptions: [],
  };
  content.split("\n").forEach((raw, k) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const colon = line.indexOf(":");
    const at = `${file}:${start + k + 2}`;
    if (colon < 0)
      throw new LessonError(`${at}: exercise ${id}: expected "field: value", got "${line}"`);
    const field = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    switch (field) {
      case "title":
      case "answer":
      case "expected":
      case "reference":
      case "inputs":
        out[field] = value;
        break;
      case "kind":
        if (value !== "value" && value !== "function") {
          throw new LessonError(
            `${at}: exercise ${id}: kind is "value" or "function", got "${value}"`,
          );
        }
        out.kind = value;
        break;
      case "tolerance":
        out.tolerance = Number(value);
        break;
      case "by":
        if (value !== "hand")
          throw new LessonError(
            `${at}: exercise ${id}: the only "by:" is "by: hand", got "${value}"`,
          );
        out.byHand = true;
        break;
      case "forbid":
        out.forbid = value
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean);
        break;
      case "hint":
        out.hints.push(value);
        break;
      case "misconception": {
        const [kind = "", formula = "", ...code] = value.split(" | ");
        if (!(kind in MISCONCEPTIONS_EN))
          throw new LessonError(
            `${at}: exercise ${id}: a misconception's kind is one of ${Object.keys(MISCONCEPTIONS_EN).join(", ")}; got "${kind}"`,
          );
        if (!formula || !code.length)
          throw new LessonError(
            `${at}: exercise ${id}: a misconception is "misconception: KIND | formula | code", e.g. "misconception: wkForWq | Wk·a3 | key(Wk, a3)"`,
          );
        out.misconceptions.push({ kind, formula, code: code.join(" | ") });
        break;
      }
      case "mistake":
      case "says":
        throw new LessonError(
          `${at}: exercise ${id}: a wrong answer and its message go in a \`\`\`ts wrong ${id} block whose first line is "// says: …", not in a "${field}:" line`,
        );
      default:
        throw new LessonError(`${at}: exercise ${id}: unknown field "${field}"`);
    }
  });
  return out;
}

/** What a hint leaves for the learner to fill in. */
export const BLANK = "___";

/** Code without its comments and spaces, to compare a hint with a solution. */
function bare(code: string): string {
  return code
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, ""))
    .join("")
    .replace(/\s+/g, "")
    .replace(/;+$/, "");
}

/** Whether a hint is the solution's code: all of it, or the body of the function it defines. */
export function givesAway(hint: string, solution: string): boolean {
  const lines = solution.split("\n");
  const body = /^\s*(export\s+)?function\b/.test(lines[0] ?? "") ? lines.slice(1, -1) : lines;
  const h = bare(hint);
  return h.length > 0 && (h === bare(solution) || h === bare(body.join("\n")));
}

function complete(
  s: Partial<ExerciseSpec>,
  slug: string,
  number: number,
  file: string,
): ExerciseSpec {
  const id = s.id as string;
  const missing = (what: string) => new LessonError(`${file}: exercise ${id} has no ${what}`);
  if (s.title === undefined) throw missing("```exercise block");
  if (!id.startsWith(`${number}.`))
    throw new LessonError(`${file}: exercise ${id} belongs in lesson ${id.split(".")[0]}`);
  if (!s.answer) throw missing("answer field");
  if (!s.kind) throw missing("kind field");
  if (s.kind === "value" && !s.expected) throw missing("expected field (kind: value)");
  if (s.kind === "function" && (!s.reference || !s.inputs))
    throw missing("reference and inputs fields (kind: function)");
  const hints = s.hints ?? [];
  if (hints.length < 3)
    throw missing(
      "three or more hints (a question, then the formula, then code with one blank ___ left)",
    );
  if (s.starter === undefined) throw missing("```ts starter block");
  if (s.solution === undefined) throw missing("```ts solution block");
  if (!(hints[hints.length - 1] as string).includes(BLANK))
    throw new LessonError(
      `${file}: exercise ${id}: its last hint is code with one blank ${BLANK} left (e.g. const q1mine = query(${BLANK}, a1);), not the whole answer: solution("${id}") shows that`,
    );
  const given = hints.findIndex((h) => givesAway(h, s.solution as string));
  if (given >= 0)
    throw new LessonError(
      `${file}: exercise ${id}: hint ${given + 1} is the solution's code; leave a blank ${BLANK} in it (solution("${id}") shows the whole answer)`,
    );
  if (!s.starter.includes("TODO"))
    throw new LessonError(`${file}: exercise ${id}: the starter needs a visible TODO`);
  return {
    id,
    lesson: slug,
    title: s.title,
    answer: s.answer,
    kind: s.kind,
    ...(s.expected !== undefined ? { expected: s.expected } : {}),
    ...(s.reference !== undefined ? { reference: s.reference } : {}),
    ...(s.inputs !== undefined ? { inputs: s.inputs } : {}),
    ...(s.tolerance !== undefined ? { tolerance: s.tolerance } : {}),
    ...(s.byHand ? { byHand: true } : {}),
    ...(s.forbid?.length ? { forbid: s.forbid } : {}),
    hints,
    misconceptions: s.misconceptions ?? [],
    starter: s.starter,
    solution: s.solution,
    wrong: s.wrong ?? [],
    line: s.line ?? 0,
  };
}
