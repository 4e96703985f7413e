// The first code cell of every notebook: the names every lesson and exercise may use.
import type { Edition } from "./translation.js";
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
const COURSE_NAMES = [
  "bars",
  "check",
  "heatmap",
  "linePlot",
  "overview",
  "show",
  "showLatex",
  "showSvg",
  "showTrace",
  "solution",
  "TODO",
] as const;

const sorted = (names: Iterable<string>) =>
  [...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }) || (a < b ? -1 : 1));

/** An import of many names (and one type, last), wrapped at about 90 characters so the cell stays short. */
function importLine(names: readonly string[], from: string, typeName?: string): string {
  const all = [...sorted(names), ...(typeName ? [`type ${typeName}`] : [])];
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

/** The prelude a notebook in notebooks/ begins with; a zh-TW one also makes check() speak zh-TW. */
export function prelude(lang?: Edition): string {
  return [
    lang
      ? "// 每一課都用到的名稱：Attention 函式庫、範例的數字，以及課程的輔助函式。"
      : "// The names every lesson uses: the attention library, the worked example, and the course's helpers.",
    importLine(MATHJS_NAMES, "mathjs", "Matrix"),
    importLine(LIBRARY_NAMES, "./src/index", "AttentionOptions"),
    importLine(WORKED_NAMES, "./src/worked-example"),
    importLine(lang ? [...COURSE_NAMES, "useLanguage"] : COURSE_NAMES, "./course/notebook"),
    ...(lang ? [`useLanguage(${JSON.stringify(lang)}); // check() 以繁體中文回覆`] : []),
  ].join("\n");
}
