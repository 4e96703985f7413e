// Generates every notebook and the exercise registry from lessons/*.md, in memory, byte for byte
// the same every time.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type ExerciseSpec, type Lesson, LessonError, readLesson } from "./lesson.js";
import { SKIP_LINES } from "../kernel/skip-line.js";
import { LANGUAGE_INFO, NOTEBOOK_KERNELSPEC } from "../kernel/spec.js";
import {
  type Cell,
  codeCell,
  declaredNames,
  markdownCell,
  META,
  type Notebook,
  serialize,
  sourceHash,
} from "./ipynb.js";
import { LESSONS } from "./paths.js";
import { prelude } from "./prelude.js";
import { TEXT_WIDTH, wrap } from "../course/wrap.js";
import { listSource, registrySource, type Translated } from "./registry.js";
import { EDITIONS, type Edition, readTranslation } from "./translation.js";

/** The words the build writes into a notebook itself, in each edition. */
const BUILD_WORDS = {
  en: {
    generated: (path: string, link: string) =>
      `*This notebook is generated from [\`${path}\`](${link}) by \`npm run build\`. ` +
      "Work in it freely: once you have changed it, the build will not overwrite it.*",
    names: (earlier: string[]) =>
      earlier.length
        ? `// You may use the prelude's names and, from this lesson's cells above: ${earlier.join(", ")}.`
        : "// You may use the prelude's names.",
    /** The answer cell's first line, which also finds the cell when its metadata is lost. */
    marker: (id: string, title: string) => `// Exercise ${id}: ${title}`,
  },
  "zh-TW": {
    generated: (path: string, link: string) =>
      `*這份筆記本是 \`npm run build\` 從 [\`${path}\`](${link}) 產生的。` +
      "請放心在裡面動手：你改過之後，重新建置不會覆寫它。*",
    names: (earlier: string[]) =>
      earlier.length
        ? `// 可用的名稱：第一個儲存格（prelude）匯入的名稱，以及本課前面的儲存格定義的 ${earlier.join("、")}。`
        : "// 可用的名稱：第一個儲存格（prelude）匯入的名稱。",
    /** The answer cell's first line, which also finds the cell when its metadata is lost. */
    marker: (id: string, title: string) => `// 練習 ${id}：${title}`,
  },
} as const;

/** Every lesson file in order, parsed; exercise ids are checked to be unique across lessons. */
function readLessons(dir = LESSONS): Lesson[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort();
  const lessons = files.map((f) => readLesson(join(dir, f)));
  const seen = new Map<string, string>();
  for (const lesson of lessons) {
    for (const e of lesson.exercises) {
      const other = seen.get(e.id);
      if (other)
        throw new LessonError(`exercise ${e.id} is defined in both ${other} and ${lesson.file}`);
      seen.set(e.id, lesson.file);
    }
  }
  return lessons;
}

/** The check call that follows an exercise, e.g. check("1.1", q1). */
function checkCall(spec: ExerciseSpec): string {
  return `check(${JSON.stringify(spec.id)});`;
}

/**
 * Builds the notebook of a lesson. With `solved`, each exercise's answer cell holds the reference
 * solution instead of the starter (used to prove that every check passes).
 */
function buildNotebook(
  lesson: Lesson,
  prelude: string,
  options: {
    solved?: boolean;
    answerFor?: (spec: ExerciseSpec) => string;
    lang?: Edition;
  } = {},
): Notebook {
  const byId = new Map(lesson.exercises.map((e) => [e.id, e]));
  const lang = options.lang;
  const words = BUILD_WORDS[lang ?? "en"];
  const path = lang ? `lessons/${lang}/${lesson.slug}.md` : `lessons/${lesson.slug}.md`;
  const cells: Cell[] = [
    markdownCell("generated", words.generated(path, `${lang ? "../../" : "../"}${path}`)),
    codeCell("prelude", prelude, { [META]: { role: "prelude" } }),
  ];
  let k = 0;
  const earlier: string[] = []; // names the lesson's code cells so far define
  for (const block of lesson.blocks) {
    if (block.kind === "markdown")
      cells.push(markdownCell(`md-${String(k++).padStart(2, "0")}`, block.source));
    else if (block.kind === "code") {
      const source = block.skip ? `${SKIP_LINES[lang ?? "en"]}\n${block.source}` : block.source;
      cells.push(codeCell(`code-${String(k++).padStart(2, "0")}`, source));
      if (!block.skip)
        earlier.push(...declaredNames(block.source).filter((n) => !earlier.includes(n)));
    } else {
      const spec = byId.get(block.id) as ExerciseSpec;
      const slug = spec.id.replace(".", "-");
      const body = options.answerFor?.(spec) ?? (options.solved ? spec.solution : spec.starter);
      // broken at words to the cell's width, every line a comment
      const names = wrap(words.names(earlier), TEXT_WIDTH, { prefix: "// ", trim: true });
      cells.push(
        codeCell(`ex-${slug}-answer`, `${words.marker(spec.id, spec.title)}\n${names}\n${body}`, {
          [META]: { exercise: spec.id, role: "answer" },
          tags: ["exercise"],
        }),
        codeCell(`ex-${slug}-check`, checkCall(spec), {
          [META]: { exercise: spec.id, role: "check" },
        }),
      );
    }
  }
  const nb: Notebook = {
    cells,
    metadata: {
      [META]: { lesson: path, ...(lang ? { lang } : {}), source_sha256: "" },
      kernelspec: NOTEBOOK_KERNELSPEC,
      language_info: LANGUAGE_INFO,
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  (nb.metadata[META] as { source_sha256: string }).source_sha256 = sourceHash(nb);
  return nb;
}

/** A translated lesson the build read: whether its English lesson changed after it was made. */
export interface TranslationState {
  lang: Edition;
  file: string;
  english: string;
  /** Its English lesson's stamp now, to record once the translation is brought up to date. */
  stamp: string;
  stale: boolean;
}

export interface Generated {
  lessons: Lesson[];
  /** <slug>.ipynb or <lang>/<slug>.ipynb (under notebooks/) → its text */
  notebooks: Map<string, string>;
  translations: TranslationState[];
  registry: string;
  /** course/exercise-list.generated.ts */
  list: string;
}

export function generate(
  options: { solved?: boolean; dir?: string; answerFor?: (spec: ExerciseSpec) => string } = {},
): Generated {
  const lessons = readLessons(options.dir);
  const text = prelude();
  const notebooks = new Map<string, string>();
  for (const lesson of lessons) {
    const nb: Notebook = buildNotebook(lesson, text, {
      solved: options.solved ?? false,
      ...(options.answerFor ? { answerFor: options.answerFor } : {}),
    });
    notebooks.set(`${lesson.slug}.ipynb`, serialize(nb));
  }
  const translations: TranslationState[] = [];
  const zhTW: Translated = new Map();
  for (const lang of EDITIONS)
    for (const english of lessons) {
      const file = join(options.dir ?? LESSONS, lang, `${english.slug}.md`);
      if (!existsSync(file)) continue;
      const { lesson, stale, stamp } = readTranslation(english, file, lang);
      translations.push({ lang, file, english: english.file, stamp, stale });
      for (const e of lesson.exercises) zhTW.set(e.id, e);
      const nb = buildNotebook(lesson, prelude(lang), {
        solved: options.solved ?? false,
        ...(options.answerFor ? { answerFor: options.answerFor } : {}),
        lang,
      });
      notebooks.set(`${lang}/${english.slug}.ipynb`, serialize(nb));
    }
  const all = lessons.flatMap((l) => l.exercises);
  return {
    lessons,
    notebooks,
    translations,
    registry: registrySource(all),
    list: listSource(all, zhTW),
  };
}
