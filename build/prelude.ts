// The first code cell of every notebook: the names every lesson and exercise may use.
import * as library from "../src/index.js";
import * as worked from "../src/worked-example.js";

/** The mathjs functions the lessons use, imported by name so a learner sees where they come from. */
export const MATHJS_NAMES = [
  "add",
  "column",
  "divide",
  "dot",
  "exp",
  "map",
  "matrix",
  "max",
  "multiply",
  "size",
  "subtract",
  "sum",
  "transpose",
  "zeros",
] as const;

/** The course helpers a notebook uses. */
export const COURSE_NAMES = [
  "check",
  "heatmap",
  "show",
  "showLatex",
  "showSvg",
  "showTrace",
  "TODO",
] as const;

const sorted = (names: Iterable<string>) =>
  [...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : 1));

/** An import of many names, wrapped at about 90 characters so the cell stays short. */
function importLine(names: readonly string[], from: string, extra = ""): string {
  const all = [...sorted(names), ...(extra ? [extra.trim().replace(/,$/, "")] : [])];
  const lines: string[] = [];
  let line = "";
  for (const name of all) {
    const next = line ? `${line}, ${name}` : name;
    if (next.length > 88 && line) {
      lines.push(`${line},`);
      line = name;
    } else line = next;
  }
  lines.push(line);
  return `import {\n  ${lines.join("\n  ")},\n} from "${from}";`;
}

/** The library's runtime exports, e.g. selfAttention, softmax. */
export const LIBRARY_NAMES: readonly string[] = sorted(Object.keys(library));
/** The worked example's names, e.g. a1, Wq, I. */
export const WORKED_NAMES: readonly string[] = sorted(Object.keys(worked));

/** Where the prelude's modules are: as seen from notebooks/, or elsewhere (the grader). */
export interface PreludePaths {
  mathjs: string;
  index: string;
  worked: string;
  course: string;
}

export const NOTEBOOK_PATHS: PreludePaths = {
  mathjs: "mathjs",
  index: "./src/index",
  worked: "./src/worked-example",
  course: "./course/notebook",
};

/** The prelude, with the module paths a notebook in notebooks/ uses unless others are given. */
export function prelude(paths: PreludePaths = NOTEBOOK_PATHS, lang?: "zh-TW"): string {
  return [
    lang
      ? "// 每一課都用到的名稱：attention 函式庫、範例的數字，以及課程的輔助函式。"
      : "// The names every lesson uses: the attention library, the worked example, and the course's helpers.",
    importLine(MATHJS_NAMES, paths.mathjs, "\n  type Matrix,"),
    importLine(LIBRARY_NAMES, paths.index, "\n  type AttentionOptions,"),
    importLine(WORKED_NAMES, paths.worked),
    importLine(lang ? [...COURSE_NAMES, "useLanguage"] : COURSE_NAMES, paths.course),
    ...(lang ? [`useLanguage(${JSON.stringify(lang)}); // check() 以繁體中文回覆`] : []),
  ].join("\n");
}
