// A translated lesson (lessons/<lang>/NN-slug.md) holds only prose: its code, exercises and
// checks come from the English lesson, so they are written once for every edition.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import MarkdownIt from "markdown-it";
import { type Block, type ExerciseSpec, type Lesson, LessonError } from "./lesson.js";
import { LANGUAGES, type Language } from "../course/language.js";

/** An edition besides English, translated from it: its folder under lessons/ and notebooks/. */
export type Edition = Exclude<Language, "en">;
export const EDITIONS: readonly Edition[] = LANGUAGES.filter((l): l is Edition => l !== "en");

/**
 * The first 12 hex digits of the SHA-256 of an English lesson's text: a translation records the one
 * it was made from, so that a later change to the English lesson shows.
 */
export function lessonStamp(englishText: string): string {
  return createHash("sha256").update(englishText).digest("hex").slice(0, 12);
}

/** The first line of a translated lesson: which English lesson, at which stamp. */
export function stampLine(lang: Edition, slug: string, stamp: string): string {
  return `<!-- ${lang} edition of ${slug}.md, translated from its version ${stamp} -->`;
}

const STAMP =
  /^<!-- ([\w-]+) edition of ([\w-]+)\.md, translated from its version ([0-9a-f]{12}) -->$/;

/**
 * Words inside the English code and their translation: a `- English` line, then a `+ 譯文` line.
 * They may change what a comment or a string says, never the code around it.
 */
interface CodeWords {
  from: string;
  to: string;
  line: number;
}

/** What an exercise block of a translation holds: its words, never its code. */
interface ExerciseWords {
  title: string;
  /** The starter's `// TODO: …` comments, in order. */
  todo: string[];
  hints: string[];
  says: string[];
  /** What each of the catalogue's misconceptions computes, in order (`formula:` lines). */
  formulas: string[];
  /** Words of the starter's and the solution's comments and strings. */
  code: CodeWords[];
  line: number;
}

/** The pieces of a translation, in order, as the English lesson's blocks are. */
type Piece =
  | { kind: "markdown"; source: string; line: number }
  | { kind: "code"; code: CodeWords[]; line: number }
  | { kind: "exercise"; id: string; words: ExerciseWords; line: number };

const md = new MarkdownIt({ html: true });

/** A translation parsed: its stamp and its pieces. */
export interface Translation {
  file: string;
  lang: Edition;
  /** The English lesson's stamp it was translated from. */
  stamp: string;
  pieces: Piece[];
}

/** Reads a translated lesson. Every problem names the file and line. */
export function parseTranslation(text: string, file: string, lang: Edition): Translation {
  const lines = text.split("\n");
  const stamp = (lines[0] ?? "").match(STAMP);
  if (!stamp || stamp[1] !== lang)
    throw new LessonError(
      `${file}:1: a ${lang} lesson starts with the line ${stampLine(lang, "NN-slug", "<12 hex digits>")}`,
    );
  const pieces: Piece[] = [];
  let prose: string[] = [];
  let proseLine = 1;
  let cursor = 1; // skip the stamp line
  const flush = (until: number) => {
    prose.push(...lines.slice(cursor, until));
    const source = prose.join("\n").trim();
    if (source) pieces.push({ kind: "markdown", source, line: proseLine + 1 });
    prose = [];
  };
  for (const token of md.parse(text, {})) {
    if (!token.map) continue;
    const [start, end] = token.map;
    if (token.type === "heading_open" && token.tag === "h2" && start > cursor) {
      flush(start);
      cursor = proseLine = start;
      continue;
    }
    if (token.type !== "fence") continue;
    const [kind = "", role, ...rest] = token.info.trim().split(/\s+/);
    // a fence of another language (a shell command, say) is prose, as in the English lesson
    if (kind !== "ts" && kind !== "typescript" && kind !== "exercise") continue;
    flush(start);
    if ((kind === "ts" || kind === "typescript") && (role === undefined || role === "skip")) {
      const code: CodeWords[] = [];
      const rest = codeWords(token.content.split("\n"), file, start + 2, code);
      if (rest.length)
        throw new LessonError(
          `${file}:${rest[0]}: a translation holds no code: this \`\`\`${token.info.trim()} block takes the English lesson's code cell, and holds only "- English words" lines, each followed by a "+ 譯文" line, for the words of its comments and strings`,
        );
      pieces.push({ kind: "code", code, line: start + 1 });
    } else if (kind === "exercise" && role && rest.length === 0) {
      pieces.push({
        kind: "exercise",
        id: role,
        words: exerciseWords(token.content, file, start),
        line: start + 1,
      });
    } else {
      throw new LessonError(
        `${file}:${start + 1}: a translation has only prose, empty \`\`\`ts blocks where the code cells go and \`\`\`exercise N.M blocks of words; found \`\`\`${token.info.trim()}`,
      );
    }
    cursor = proseLine = end;
  }
  flush(lines.length);
  return { file, lang, stamp: stamp[3] as string, pieces };
}

/**
 * Reads the `- English` / `+ 譯文` pairs among `lines` (the first at line `first` of the file)
 * into `out`, and returns the line numbers of the lines that are neither blank nor in a pair.
 */
function codeWords(lines: string[], file: string, first: number, out: CodeWords[]): number[] {
  const others: number[] = [];
  lines.forEach((raw, k) => {
    const at = first + k;
    if (raw.startsWith("- ")) {
      const next = lines[k + 1] ?? "";
      if (!next.startsWith("+ "))
        throw new LessonError(
          `${file}:${at + 1}: "- ${raw.slice(2, 40)}" needs the next line to be its translation, "+ …"`,
        );
      out.push({ from: raw.slice(2).trimEnd(), to: next.slice(2).trimEnd(), line: at });
    } else if (raw.startsWith("+ ")) {
      if (!(lines[k - 1] ?? "").startsWith("- "))
        throw new LessonError(`${file}:${at}: a "+ …" line follows the "- …" line it translates`);
    } else if (raw.trim()) others.push(at);
  });
  return others;
}

/**
 * What code means, without the words of its comments and strings: a translation may change
 * those words only. Comments become `//` or `/**\/`, strings lose their text, and a template
 * keeps its `${…}` code.
 */
export function codeSkeleton(code: string): string {
  let out = "";
  const braces: number[] = []; // for each open template `${`, the brace depth it started at
  let depth = 0;
  let k = 0;
  const template = () => {
    // inside a template's text, from just after a backquote or a closing `}`
    while (k < code.length) {
      const c = code[k] as string;
      if (c === "\\") k += 2;
      else if (c === "`") {
        out += "`";
        k++;
        return;
      } else if (c === "$" && code[k + 1] === "{") {
        out += "${";
        k += 2;
        braces.push(depth++);
        return;
      } else k++;
    }
  };
  while (k < code.length) {
    const c = code[k] as string;
    const next = code[k + 1];
    if (c === "/" && next === "/") {
      out += "//";
      while (k < code.length && code[k] !== "\n") k++;
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", k + 2);
      out += "/**/";
      k = end < 0 ? code.length : end + 2;
    } else if (c === '"' || c === "'") {
      out += c + c;
      k++;
      while (k < code.length && code[k] !== c && code[k] !== "\n") k += code[k] === "\\" ? 2 : 1;
      k++;
    } else if (c === "`") {
      out += "`";
      k++;
      template();
    } else if (c === "}" && braces.length && braces[braces.length - 1] === depth - 1) {
      braces.pop();
      depth--;
      out += "}";
      k++;
      template();
    } else {
      if (c === "{") depth++;
      else if (c === "}") depth--;
      out += c;
      k++;
    }
  }
  return out;
}

/**
 * English code with the words of its comments and strings translated. Throws a LessonError that
 * names the translation's line when the English code lacks the words, or when they are code.
 */
export function translateCode(
  sources: readonly string[],
  words: readonly CodeWords[],
  file: string,
  what: string,
): string[] {
  let out = [...sources];
  for (const w of words) {
    if (!out.some((s) => s.includes(w.from)))
      throw new LessonError(
        `${file}:${w.line}: ${what} has no "${w.from}": the English code changed, or the words are mistyped`,
      );
    const changed = out.map((s) => s.split(w.from).join(w.to));
    if (changed.some((s, k) => codeSkeleton(s) !== codeSkeleton(out[k] as string)))
      throw new LessonError(
        `${file}:${w.line}: "${w.from}" in ${what} is code, not the words of a comment or a string: a translation changes only those`,
      );
    out = changed;
  }
  return out;
}

function exerciseWords(content: string, file: string, start: number): ExerciseWords {
  const words: ExerciseWords = {
    title: "",
    todo: [],
    hints: [],
    says: [],
    formulas: [],
    code: [],
    line: start + 1,
  };
  const lines = content.split("\n");
  const others = new Set(codeWords(lines, file, start + 2, words.code));
  lines.forEach((raw, k) => {
    const line = raw.trim();
    if (!others.has(start + 2 + k)) return;
    const m = line.match(/^(title|todo|hint|says|formula):\s*(.+)$/);
    if (!m)
      throw new LessonError(
        `${file}:${start + k + 2}: an exercise block of a translation holds "title:", "todo:", "hint:", "says:" and "formula:" lines, and "- English" / "+ 譯文" pairs for the words of its code, only; got "${line}"`,
      );
    if (m[1] === "title") words.title = m[2] as string;
    else if (m[1] === "todo") words.todo.push(m[2] as string);
    else if (m[1] === "hint") words.hints.push(m[2] as string);
    else if (m[1] === "formula") words.formulas.push(m[2] as string);
    else words.says.push(m[2] as string);
  });
  return words;
}

/** How a block of the English lesson is named in a message: its kind and its first line. */
function describe(block: Block): string {
  if (block.kind === "exercise") return `exercise ${block.id}`;
  const first = block.source.split("\n")[0] ?? "";
  return block.kind === "code" ? `the code cell "${first}"` : `the prose "${first.slice(0, 60)}"`;
}

/**
 * The English lesson in another language: the translation's prose, titles, hints and messages,
 * with the English lesson's code cells and exercises (starters, solutions, checks, wrong answers).
 * Throws a LessonError that names the translation's line where it lacks a section or a cell of
 * the English lesson, or has one too many.
 */
export function translateLesson(english: Lesson, t: Translation): Lesson {
  const blocks: Block[] = [];
  const words = new Map<string, ExerciseWords>();
  english.blocks.forEach((block, k) => {
    const piece = t.pieces[k];
    const at = piece ? `${t.file}:${piece.line}` : `${t.file} (at its end)`;
    const found = !piece
      ? "nothing"
      : piece.kind === "exercise"
        ? `exercise ${piece.id}`
        : piece.kind === "code"
          ? "an empty code block"
          : `the prose "${(piece.source.split("\n")[0] ?? "").slice(0, 60)}"`;
    const mismatch = () =>
      new LessonError(
        `${at}: expected the translation of ${describe(block)} (block ${k + 1} of ${english.file}), found ${found}`,
      );
    if (!piece || piece.kind !== block.kind) throw mismatch();
    if (piece.kind === "markdown") {
      const headings = (s: string) => s.split("\n").filter((l) => /^## /.test(l)).length;
      if (block.kind === "markdown" && headings(piece.source) !== headings(block.source))
        throw mismatch();
      blocks.push({ kind: "markdown", source: piece.source });
    } else if (piece.kind === "exercise") {
      if (block.kind !== "exercise" || piece.id !== block.id) throw mismatch();
      words.set(piece.id, piece.words);
      blocks.push(block);
    } else if (block.kind === "code") {
      const [source] = translateCode(
        [block.source],
        piece.code,
        t.file,
        `the code cell "${(block.source.split("\n")[0] ?? "").slice(0, 50)}"`,
      );
      blocks.push({ ...block, source: source as string });
    } else blocks.push(block);
  });
  const extra = t.pieces[english.blocks.length];
  if (extra)
    throw new LessonError(
      `${t.file}:${extra.line}: the English lesson ${english.file} has no block here: it ends before this one`,
    );
  const exercises = english.exercises.map((e) => translateExercise(e, words.get(e.id), t.file));
  const title = (blocks[0]?.kind === "markdown" && blocks[0].source.match(/^# (.+)$/m)?.[1]) || "";
  return { ...english, file: t.file, title: title || english.title, blocks, exercises };
}

/** A starter's comment that says what is left to do; a translation words it. */
const TODO_COMMENT = /\/\/ TODO: .*$/gm;

function translateExercise(
  e: ExerciseSpec,
  w: ExerciseWords | undefined,
  file: string,
): ExerciseSpec {
  if (!w) throw new LessonError(`${file}: has no exercise ${e.id} block`);
  const at = `${file}:${w.line}: exercise ${e.id}`;
  const own = e.wrong.filter((x) => x.says !== undefined);
  if (!w.title) throw new LessonError(`${at} needs its "title:"`);
  const todos = e.starter.match(TODO_COMMENT)?.length ?? 0;
  if (w.todo.length !== todos)
    throw new LessonError(
      `${at} has ${w.todo.length} "todo:" lines; the English starter has ${todos} "// TODO: …" comments`,
    );
  let t = 0;
  const todo = e.starter.replace(TODO_COMMENT, () => `// TODO: ${w.todo[t++] as string}`);
  const [starter, solution] = translateCode(
    [todo, e.solution],
    w.code,
    file,
    `the starter and solution of exercise ${e.id}`,
  ) as [string, string];
  if (w.hints.length !== e.hints.length)
    throw new LessonError(
      `${at} has ${w.hints.length} hints; the English lesson has ${e.hints.length}`,
    );
  if (w.says.length !== own.length)
    throw new LessonError(
      `${at} has ${w.says.length} "says:" lines; the English lesson has ${own.length} wrong answers with a message of their own`,
    );
  if (w.formulas.length !== e.misconceptions.length)
    throw new LessonError(
      `${at} has ${w.formulas.length} "formula:" lines; the English lesson has ${e.misconceptions.length} misconceptions`,
    );
  const misconceptions = e.misconceptions.map((m, k) => ({
    ...m,
    formula: w.formulas[k] as string,
  }));
  let s = 0;
  const wrong = e.wrong.map((x) => {
    if (x.says === undefined) return x;
    const says = w.says[s++] as string;
    return { ...x, says, symptom: says };
  });
  return { ...e, title: w.title, hints: w.hints, misconceptions, starter, solution, wrong };
}

/** Reads and applies a translation, and says whether the English lesson changed since. */
export function readTranslation(
  english: Lesson,
  file: string,
  lang: Edition,
): { lesson: Lesson; stale: boolean; stamp: string } {
  const t = parseTranslation(readFileSync(file, "utf8"), file, lang);
  const stamp = lessonStamp(readFileSync(english.file, "utf8"));
  return { lesson: translateLesson(english, t), stale: t.stamp !== stamp, stamp };
}
