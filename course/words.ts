// Every sentence check() says, in each edition: English, and Traditional Chinese as written in
// Taiwan. The exercises' own titles, hints and messages come from the lessons.
import type { ExerciseInfo } from "./exercise.js";
import { type Language, language } from "./language.js";

/** The label of a case a function answer is tried on (course/inputs.ts). */
export type CaseLabel = "the worked example" | "a case with large scores" | "a random case";

/** What check() can say. Each entry is a sentence or a part of one, filled in with names and shapes. */
export interface Words {
  // the verdict line
  /** "Exercise 1.1: " */
  exercise(id: string): string;
  /** "Hint: " */
  hint: string;
  /** The full stop after a short verdict. */
  stop: string;
  noSuchExercise(id: string, ids: readonly string[]): string;
  /** After the last hint, and once they have run out: `call` is solution("N.M"). */
  lastHint(call: string): string;
  noHintsLeft(call: string): string;
  /** The line above a reference solution. */
  aSolution(id: string, title: string): string;
  // an answer that is not there, or not a value
  notDefined(answer: string, id: string): string;
  todo(id: string): string;
  todoFunction(answer: string): string;
  undefinedAnswer(answer: string, kind: "value" | "function"): string;
  promise(answer: string): string;
  /** `array`: the answer should be a vector or a matrix, not a single number. */
  shouldBe(answer: string, shape: string, why: string, array: boolean): string;
  notAFunction(answer: string, why: string): string;
  /** Why an answer is not a function, given its shape: "it is a vector of length 4". */
  got(shape: string): string;
  // right
  right(answer: string): string;
  rightOnCases(answer: string, n: number): string;
  // wrong values
  rounded: string;
  expectedShape(want: string, got: string): string;
  /** `at`: the first entry that differs ("[1][2]"), or null when the value is a single number. */
  firstDifference(at: string | null, want: string, got: string): string;
  /** The start of the line that shows the right value, as wide as `gotValue`. */
  expected: string;
  /** The start of the line that shows the answer's value. */
  gotValue: string;
  // function answers
  caseLabel(label: CaseLabel): string;
  onCase(label: string, k: number, n: number): string;
  threw(label: string, call: string, error: string): string;
  shouldReturn(where: string, call: string, shape: string, why: string): string;
  returnedUndefined: string;
  isWrong(where: string, call: string): string;
  forbidden(answer: string, names: readonly string[]): string;
  also(text: string): string;
  forbiddenButRight(text: string): string;
  checkingFailed(answer: string, error: string): string;
  // the second example
  coincidence(answer: string): string;
  onSecondExample(message: string): string;
  // shapes and what a value is not (course/compare.ts)
  aNumber: string;
  emptyArray: string;
  aVector(n: number): string;
  aMatrix(rows: number, cols: number): string;
  isUndefined: string;
  isNull: string;
  isPromise: string;
  isFunction: string;
  isOther(type: string): string;
  raggedRows(first: number, k: number, n: number): string;
  holds(what: string): string;
  theText(text: string): string;
  aType(type: string): string;
  // symptoms of a wrong answer (course/compare.ts)
  notFinite: string;
  transposed: string;
  rowsSumToOne: string;
  columnsNotWeights: string;
  weightsSum(sum: string): string;
  // what the grader says about a notebook's cells (grader/grade.ts, grader/report.ts)
  /** `section`: the heading the cell is under, or null for a cell above every heading. */
  cellUnder(section: string | null): string;
  noCellDefines(answer: string, id: string, title: string, file: string, lesson: string): string;
  cellTimedOut(answer: string, seconds: number): string;
  cellFailed(answer: string, error: string): string;
  definedIn(name: string, where: string): string;
  cellDidNotRun(answer: string): string;
  neverChecked: string;
  cannotRunHere(file: string): string;
  /** A notebook that cannot be graded at all (build/ipynb.ts), with the error that says why. */
  unreadable(file: string, detail: string): string;
  notJson(file: string, detail: string): string;
  noLesson(file: string): string;
  /** A failed cell's first error: where it is in the cell, and what it says. */
  atLine(line: number, column: number, message: string): string;
  doesNotCompile: string;
  threwValue(value: string): string;
  /** The tag after an exercise that does not pass: its verdict, fail, error, todo or timeout. */
  verdictTag(verdict: string): string;
  /** The two forms lesson 7 times (course/timing.ts). */
  vectorForm: string;
  matrixForm: string;
  /** The note under a heatmap of a square matrix of weights (course/pictures.ts). */
  weightsNote: string;
  // the grading run (grader/reporter.ts, cli/grade.ts)
  grading: string;
  graderFailed(message: string): string;
  gradingAgain(file: string): string;
  watching: string;
  progress: string;
  score(passed: number, total: number, pct: number): string;
  next(id: string, title: string, file: string): string;
  allPass: string;
  /** The grading run's closing line: exercises done, wrong (failed, errors, time limits) and still to do. */
  closing(done: number, wrong: number, todo: number): string;
  /** Checking an answer took longer than the time limit. */
  checkTimedOut(seconds: number): string;
  /** Checking an answer ended the grading process. */
  checkEnded(how: string): string;
  /** The course helpers could not be loaded in the notebook's run to check an answer. */
  helpersMissing(error: string): string;
}

const en: Words = {
  exercise: (id) => `Exercise ${id}: `,
  hint: "Hint: ",
  stop: ".",
  noSuchExercise: (id, ids) => `There is no exercise ${id}. Exercises: ${ids.join(", ")}.`,
  lastHint: (call) => `(That was the last hint: ${call} shows the answer.)`,
  noHintsLeft: (call) => `none left: ${call} shows the answer.`,
  aSolution: (id, title) =>
    `Exercise ${id} (${title}), a reference solution. Other answers can be right too; check(${JSON.stringify(id)}) says.`,
  notDefined: (answer, id) =>
    `${answer} is not defined: run the answer cell of exercise ${id} first. If it shows an error, fix that error; if you renamed ${answer}, give it its name back.`,
  todo: (id) => `not done yet: replace the TODO in exercise ${id}`,
  todoFunction: (answer) => `not done yet: ${answer} still returns TODO`,
  undefinedAnswer: (answer, kind) =>
    `${answer} has no value (it is undefined). If its cell showed an error, fix that first; if you gave it the result of a call that returns nothing, such as show(…), give it the ${kind} itself.`,
  promise: (answer) =>
    `${answer} is a Promise, not a result: put \`await\` before the call that gives it.`,
  shouldBe: (answer, shape, why, array) =>
    `${answer} should be ${shape}${array ? " (a number array or a mathjs matrix)" : ""}, but ${why}.`,
  notAFunction: (answer, why) => `${answer} should be a function, but ${why}.`,
  got: (shape) => `it is ${shape}`,
  right: (answer) => `${answer} is right`,
  rightOnCases: (answer, n) => `${answer} is right on ${n} cases`,
  rounded:
    "Your numbers agree with the right ones to about 4 decimals, but not exactly: they look typed in or rounded. Compute them with code instead, so that every digit is right.",
  expectedShape: (want, got) => `expected ${want}, got ${got}`,
  firstDifference: (at, want, got) =>
    `first difference at ${at ?? "the value"}: expected ${want}, got ${got}`,
  expected: "expected ",
  gotValue: "got      ",
  caseLabel: (label) => label,
  onCase: (label, k, n) => `on ${label} (case ${k} of ${n})`,
  threw: (label, call, error) => `on ${label}, ${call} threw ${error}`,
  shouldReturn: (where, call, shape, why) => `${where}, ${call} should return ${shape}, but ${why}`,
  returnedUndefined: "it returned undefined: did you forget to return?",
  isWrong: (where, call) => `${where}, ${call} is wrong.`,
  forbidden: (answer, names) =>
    `${answer} calls ${listed(names, ", ", " and ")}, which this exercise asks you to write yourself.`,
  also: (text) => `Also: ${text}`,
  forbiddenButRight: (text) => `${text} Its results are right: now do it without.`,
  checkingFailed: (answer, error) => `checking ${answer} failed: ${error}`,
  coincidence: (answer) =>
    `${answer} is right on the worked example, but not when the same cells run on a second example with other numbers for a1…a4, Wq, Wk and Wv. So it is right by a coincidence of the worked example, or its numbers were typed in: compute it from the names.`,
  onSecondExample: (message) => `On the second example: ${message}`,
  aNumber: "a number",
  emptyArray: "an empty array",
  aVector: (n) => `a vector of length ${n}`,
  aMatrix: (rows, cols) => `a ${rows}×${cols} matrix`,
  isUndefined: "it is undefined",
  isNull: "it is null",
  isPromise: "it is a Promise: put `await` before the call that gives it",
  isFunction: "it is a function, not its result: call it",
  isOther: (type) => `it is ${type === "object" ? "an object of another kind" : `a ${type}`}`,
  raggedRows: (first, k, n) =>
    `its rows have different lengths: row 0 has ${first} entries, row ${k} has ${n}`,
  holds: (what) => `it holds ${what} where a number belongs`,
  theText: (text) => `the text ${text}`,
  aType: (type) =>
    type === "undefined" ? "undefined" : type === "object" ? "an object" : `a ${type}`,
  notFinite:
    "Your answer contains NaN or Infinity. With large scores exp(α) overflows: subtract the largest score before exp (it changes nothing else).",
  transposed:
    "Your matrix is the transpose of the expected one: its rows and columns are swapped. Check the order of the product and which factor is transposed (in attention, QᵀK where KᵀQ belongs gives exactly this).",
  rowsSumToOne:
    "Each row of your answer sums to 1, but each column should: the softmax runs down each column (column i holds query i's weights over all keys), not across rows.",
  columnsNotWeights:
    "The columns of your answer do not sum to 1, so they are not weights yet: did you normalise (softmax) each column?",
  weightsSum: (sum) =>
    `Your weights sum to ${sum}, not 1: did you forget to divide by the sum (the normalisation, 正規化)?`,
  cellUnder: (section) => `the lesson's cell under "${section ?? "the top"}"`,
  noCellDefines: (answer, id, title, file, lesson) =>
    `no cell defines ${answer} any more: the answer cell of exercise ${id} (${title}) is missing from ${file}, or renamed ${answer}. Add a code cell that defines ${answer}; its starter is in lessons/${lesson}.md.`,
  cellTimedOut: (answer, seconds) =>
    `the cell that defines ${answer} did not finish within ${seconds} s and was interrupted: is there a loop that never ends?`,
  cellFailed: (answer, error) => `the cell that defines ${answer} failed: ${error}`,
  definedIn: (name, where) =>
    `${name} is defined in ${where}: you renamed or deleted it there, or that cell failed. Give it back its name, or run the lesson's cells in order.`,
  cellDidNotRun: (answer) =>
    `the cell that defines ${answer} did not run: an earlier cell stopped the notebook.`,
  neverChecked: "it was never checked",
  cannotRunHere: (file) =>
    `${file} cannot run where it is: its folder has no src/ and course/ beside it, which the notebook imports (./src/index, ./course/notebook). Move it into the course's notebooks/ folder, where they are, and grade it there.`,
  atLine: (line, column, message) => `line ${line}:${column}: ${message}`,
  doesNotCompile: "it does not compile",
  threwValue: (value) => `it threw ${value}`,
  verdictTag: (verdict) => verdict,
  vectorForm: "vector form",
  matrixForm: "matrix form",
  weightsNote: "column i = query i's weights (sum 1)",
  grading: "Grading your notebooks…",
  graderFailed: (message) => `The grader itself failed: ${message}`,
  gradingAgain: (file) => `${file} changed: grading again…`,
  watching: "Watching: save a notebook to grade it again (Ctrl+C to stop).",
  unreadable: (file, detail) => `cannot read ${file}: ${detail}`,
  notJson: (file, detail) =>
    `${file} is not valid JSON (${detail}). The file was left as it is; open it in a text editor to repair it, or keep a copy and regenerate it with \`npm run build -- --backup\`.`,
  noLesson: (file) =>
    `cannot tell which lesson ${file} belongs to: its metadata names none, its file name is not a lesson's, and no cell starts with an exercise's first line ("// Exercise 1.1: …" or "// 練習 1.1：…"). Rename it after its lesson (e.g. 01-queries-and-keys.ipynb) to grade it.`,
  progress: "Progress by lesson:",
  score: (passed, total, pct) => `Score: ${passed}/${total} exercises (${pct}%)`,
  next: (id, title, file) => `Next: exercise ${id} (${title}) in ${file}`,
  allPass: "Every exercise passes. Well done!",
  closing: (done, wrong, todo) => `grade: ${done} done, ${wrong} wrong, ${todo} still to do`,
  checkTimedOut: (seconds) =>
    `checking it did not finish within ${seconds} s: does your function loop forever on some input?`,
  checkEnded: (how) => `checking it ended the program (${how})`,
  helpersMissing: (error) =>
    `the course helpers could not be loaded to check it (${error}); is the first cell, the prelude, still there?`,
};

const CASES_ZH: Record<CaseLabel, string> = {
  "the worked example": "範例的輸入",
  "a case with large scores": "一組分數很大的輸入",
  "a random case": "一組隨機輸入",
};

/** The verdicts of exercises that do not pass, as the grader tags them in zh-TW. */
const VERDICTS_ZH: Record<string, string> = {
  fail: "未通過",
  error: "錯誤",
  todo: "未完成",
  timeout: "逾時",
};

/** JavaScript's type names (typeof), as the zh-TW words say them. */
const TYPES_ZH: Record<string, string> = {
  string: "字串",
  boolean: "布林值",
  number: "數字",
  bigint: "大整數（bigint）",
  symbol: "符號（symbol）",
  object: "物件",
  function: "函式",
};

/** "a, b and c": names listed with `comma` and, before the last, `and`. */
function listed(names: readonly string[], comma: string, and: string): string {
  return names.length < 2
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(comma)}${and}${names[names.length - 1]}`;
}

const zhTW: Words = {
  exercise: (id) => `練習 ${id}：`,
  hint: "提示：",
  stop: "。",
  noSuchExercise: (id, ids) => `沒有練習 ${id}。現有的練習：${ids.join("、")}。`,
  lastHint: (call) => `（這是最後一個提示。執行 ${call} 可以看參考解答。）`,
  noHintsLeft: (call) => `都用完了，執行 ${call} 可以看參考解答。`,
  aSolution: (id, title) =>
    `練習 ${id}（${title}）的一種參考解答。其他寫法也可能正確，請用 check(${JSON.stringify(id)}) 確認。`,
  notDefined: (answer, id) =>
    `${answer} 還沒有定義：請先執行練習 ${id} 的答案儲存格。如果該儲存格出現錯誤，先修正那個錯誤；如果你把 ${answer} 改了名字，請改回原名。`,
  todo: (id) => `還沒完成，請把練習 ${id} 裡的 TODO 換成你的答案`,
  todoFunction: (answer) => `還沒完成，${answer} 仍然回傳 TODO`,
  undefinedAnswer: (answer, kind) =>
    `${answer} 沒有值（它是 undefined）。如果定義它的儲存格出現錯誤，先修正那個錯誤；如果你把一個不回傳任何東西的呼叫（例如 show(…)）的結果指定給它，請直接把${kind === "function" ? "函式" : "值"}本身指定給它。`,
  promise: (answer) => `${answer} 是一個 Promise，不是結果：請在產生它的呼叫前面加上 \`await\`。`,
  shouldBe: (answer, shape, why, array) =>
    `${answer} 應該是${shape}${array ? "（數字陣列或 mathjs 矩陣）" : ""}，但${why}。`,
  notAFunction: (answer, why) => `${answer} 應該是一個函式，但${why}。`,
  got: (shape) => `它是${shape}`,
  right: (answer) => `${answer} 正確`,
  rightOnCases: (answer, n) => `${answer} 在 ${n} 組輸入上都正確`,
  rounded:
    "你的數字和正確答案在小數點後約 4 位相同，但不完全相等：看起來是手動輸入或四捨五入的。請改用程式碼計算，讓每一位數都正確。",
  expectedShape: (want, got) => `應該是${want}，你的答案卻是${got}。`,
  firstDifference: (at, want, got) =>
    at === null
      ? `數值不同：應該是 ${want}，你的是 ${got}。`
      : `第一個不同的元素在 ${at}：應該是 ${want}，你的是 ${got}。`,
  expected: "正確答案：",
  gotValue: "你的答案：",
  caseLabel: (label) => CASES_ZH[label],
  onCase: (label, k, n) => `在${label}上（第 ${k} 組，共 ${n} 組）`,
  threw: (label, call, error) => `在${label}上，${call} 丟出了 ${error}`,
  shouldReturn: (where, call, shape, why) => `${where}，${call} 應該回傳${shape}，但${why}。`,
  returnedUndefined: "它回傳了 undefined：是不是忘了 return？",
  isWrong: (where, call) => `${where}，${call} 的結果不對。`,
  forbidden: (answer, names) =>
    `${answer} 呼叫了 ${listed(names, "、", " 和 ")}，而這個練習要你自己寫出來。`,
  also: (text) => `另外：${text}`,
  forbiddenButRight: (text) => `${text}不過結果是對的：現在請不呼叫這些函式，自己寫出來。`,
  checkingFailed: (answer, error) => `檢查 ${answer} 時失敗：${error}`,
  coincidence: (answer) =>
    `${answer} 在範例的數字上正確，但同樣的儲存格換成另一組數字（a1…a4、Wq、Wk、Wv 都不同）重新執行時就不對了。所以它只是碰巧符合範例，或是數字是手動輸入的：請用這些名稱把它算出來。`,
  onSecondExample: (message) => `在第二個範例上：${message}`,
  aNumber: "一個數字",
  emptyArray: "一個空陣列",
  aVector: (n) => `一個長度為 ${n} 的向量`,
  aMatrix: (rows, cols) => `一個 ${rows}×${cols} 的矩陣`,
  isUndefined: "它是 undefined",
  isNull: "它是 null",
  isPromise: "它是一個 Promise：請在產生它的呼叫前面加上 `await`",
  isFunction: "它是一個函式，不是函式的結果：請呼叫它",
  isOther: (type) => `它是${type === "object" ? "另一種物件" : `一個${TYPES_ZH[type] ?? type}`}`,
  raggedRows: (first, k, n) =>
    `它的各列長度不同：索引 0 的列有 ${first} 個元素，索引 ${k} 的列有 ${n} 個`,
  holds: (what) => `它在應該放數字的地方放了${/^[\w"]/.test(what) ? " " : ""}${what}`,
  theText: (text) => `字串 ${text}`,
  aType: (type) => (type === "undefined" ? "undefined" : `一個${TYPES_ZH[type] ?? type}`),
  notFinite:
    "你的答案裡有 NaN 或 Infinity。分數很大時 exp(α) 會溢位：先把每個分數減去最大的分數再取 exp（這樣做不會改變結果）。",
  transposed:
    "你的矩陣是正確答案的轉置：列和欄對調了。請檢查相乘的順序，以及哪一個因子要轉置（在 Attention 機制裡，該用 KᵀQ 的地方寫成 QᵀK，就會得到這個結果）。",
  rowsSumToOne:
    "你的答案每一列加起來是 1，但應該是每一欄加起來是 1：softmax 是沿著每一欄往下做的（第 i 欄是 query i 對所有 key 的權重），不是沿著列。",
  columnsNotWeights:
    "你的答案各欄加起來不是 1，所以還不是權重：每一欄都做過正規化（softmax）了嗎？",
  weightsSum: (sum) => `你的權重加起來是 ${sum}，不是 1：是不是忘了除以總和（正規化）？`,
  cellUnder: (section) =>
    section === null ? "筆記本最上方的儲存格" : `本課「${section}」這一節底下的儲存格`,
  noCellDefines: (answer, id, title, file, lesson) =>
    `已經沒有任何儲存格定義 ${answer}：${file} 裡練習 ${id}（${title}）的答案儲存格不見了，或 ${answer} 被改了名字。請新增一個定義 ${answer} 的程式碼儲存格；它的起始程式碼在 lessons/${lesson}.md。`,
  cellTimedOut: (answer, seconds) =>
    `定義 ${answer} 的儲存格在 ${seconds} 秒內沒有跑完，已被中斷：是不是有一個永遠不會結束的迴圈？`,
  cellFailed: (answer, error) => `定義 ${answer} 的儲存格執行失敗：${error}`,
  definedIn: (name, where) =>
    `${name} 定義在${where}：你在那裡把它改了名字或刪掉了，或是那個儲存格執行失敗。請把名字改回來，或依序執行本課的儲存格。`,
  cellDidNotRun: (answer) => `定義 ${answer} 的儲存格沒有執行：前面有儲存格讓筆記本停了下來。`,
  neverChecked: "沒有得到這一題的檢查結果：它的檢查儲存格沒有執行。",
  cannotRunHere: (file) =>
    `${file} 無法在目前的位置執行：它的資料夾旁邊沒有筆記本要匯入的 src/ 和 course/（./src/index、./course/notebook）。請把它移到課程的 notebooks/zh-TW/ 資料夾（它們就在那裡），再在那裡評分。`,
  atLine: (line, column, message) => `第 ${line} 行第 ${column} 個字元：${message}`,
  doesNotCompile: "它無法編譯",
  threwValue: (value) => `它丟出了 ${value}`,
  verdictTag: (verdict) => VERDICTS_ZH[verdict] ?? verdict,
  vectorForm: "向量做法",
  matrixForm: "矩陣做法",
  weightsNote: "第 i 欄 = query i 的權重（總和為 1）",
  grading: "正在評分你的筆記本…",
  graderFailed: (message) => `評分程式本身出錯：${message}`,
  gradingAgain: (file) => `${file} 有變更：重新評分…`,
  watching: "監看中：儲存筆記本就會重新評分（按 Ctrl+C 停止）。",
  unreadable: (file, detail) => `無法讀取 ${file}：${detail}`,
  notJson: (file, detail) =>
    `${file} 不是有效的 JSON（${detail}）。檔案維持原樣沒有更動：請用文字編輯器修復它，或先留一份副本，再用 \`npm run build -- --backup\` 重新產生。`,
  noLesson: (file) =>
    `看不出 ${file} 屬於哪一課：它的中繼資料沒有寫，檔名不是某一課的檔名，也沒有任何儲存格以練習的第一行（「// 練習 1.1：…」或「// Exercise 1.1: …」）開頭。請把它改成那一課的檔名（例如 01-queries-and-keys.ipynb）再評分。`,
  progress: "各課進度：",
  score: (passed, total, pct) => `得分：通過 ${passed}/${total} 題（${pct}%）`,
  next: (id, title, file) => `下一題：${file} 裡的練習 ${id}（${title}）`,
  allPass: "每一題練習都通過了，做得好！",
  closing: (done, wrong, todo) => `評分：完成 ${done} 題，答錯 ${wrong} 題，還有 ${todo} 題待做`,
  checkTimedOut: (seconds) =>
    `檢查它時在 ${seconds} 秒內沒有結束：你的函式是不是在某些輸入上會無限迴圈？`,
  checkEnded: (how) => `檢查它時程式結束了（${how}）`,
  helpersMissing: (error) =>
    `無法載入課程的輔助程式來檢查它（${error}）；第一個儲存格（前言）還在嗎？`,
};

const WORDS: Record<Language, Words> = { en, "zh-TW": zhTW };

/** What check() says in `lang`, by default the language in use (see useLanguage). */
export function words(lang: Language = language()): Words {
  return WORDS[lang];
}

/**
 * An exercise's title, hints and reference solution, and its k-th mistake's message (given its English one), in the
 * language in use: the translated lesson's where the edition has one, else the English lesson's.
 */
export function inEdition(
  ex: ExerciseInfo,
  lang: Language = language(),
): {
  title: string;
  hints: readonly string[];
  says(k: number, english: string): string;
  solution: string;
} {
  const t = lang === "zh-TW" ? ex.translations?.["zh-TW"] : undefined;
  return {
    title: t?.title ?? ex.title,
    hints: t?.hints ?? ex.hints,
    says: (k, english) => t?.says[k] ?? english,
    solution: t?.solution ?? ex.solution,
  };
}
