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
  /** A number worked out by hand (or guessed) that is close, but not to the 4 decimals it is checked to. */
  roundedByHand: string;
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
  // the misconception catalogue: an answer that equals a known wrong computation
  /** `answer` equals `formula` (the wrong computation, in notation), and why that kind is wrong. */
  mistake(kind: string, answer: string, formula: string): string;
  /** The next hint after a diagnosed misconception of this kind. */
  mistakeHint(kind: string): string;
  /** A function answer that threw because an index ran past the end of an array. */
  pastTheEnd: string;
  /** An entry read past the end of an array by the index written in the cell: `keys[4]` of 4 keys. */
  noSuchEntry(name: string, index: number, length: number): string;
  /** In the browser: a running cell was stopped by starting the kernel afresh (lite/extension/). */
  kernelRestarted: string;
  /** The title of the self-attention box in overview()'s picture. */
  overviewBox: string;
  // the second example
  coincidence(answer: string): string;
  /** The answer is the same on both examples although the right one is not: numbers typed in. */
  typedIn(answer: string): string;
  /** The same on both examples although the right one is not, from a cell with no numbers written out. */
  unchanged(answer: string): string;
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
  /** `note`: what in the cell caused the error (`noSuchEntry`), said instead of the general words. */
  cellFailed(answer: string, error: string, note?: string): string;
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

/** What each kind of misconception is: why it is wrong, and the hint that follows it. */
export interface Misconception {
  why: string;
  hint: string;
}

/**
 * The kinds of misconception an exercise's catalogue names (`misconception: KIND | formula | code`),
 * in English; MISCONCEPTIONS_ZH says the same in Traditional Chinese.
 */
export const MISCONCEPTIONS_EN = {
  wkForWq: {
    why: "that is a key, but a query is made with Wq (Wk makes keys)",
    hint: "A query is Wq times its token: query(Wq, a).",
  },
  wvForWq: {
    why: "that is a value, but a query is made with Wq (Wv makes values)",
    hint: "A query is Wq times its token: query(Wq, a).",
  },
  wqForWk: {
    why: "that uses queries where keys belong: a key is made with Wk (Wq makes queries)",
    hint: "Every key is Wk times its token: key(Wk, a).",
  },
  wkForWv: {
    why: "that uses keys where values belong: a value is made with Wv (Wk makes keys)",
    hint: "Every value is Wv times its token: value(Wv, a).",
  },
  fromOne: {
    why: "that counts the words from 1, but code counts from 0: word n is at index n − 1 (the third word is inputs[2])",
    hint: "Code counts from 0: the first word is inputs[0] (a1), the fourth inputs[3] (a4).",
  },
  swapped: {
    why: "the query and the key are swapped: in α_{i,j} word i asks (its query) and word j is looked at (its key)",
    hint: "In α_{i,j} the query comes from word i and the key from word j.",
  },
  otherWord: {
    why: "that is what the lesson's cells above computed, for another word or sentence than the one this exercise asks about",
    hint: "Read the exercise again: which word or sentence does it ask about? Compute that one from the names.",
  },
  rawScores: {
    why: "those are raw scores, not weights: the softmax makes them positive and adds them up to 1",
    hint: "Weights are the softmax of the scores: softmax(α).",
  },
  divideBySum: {
    why: "that divides the scores by their sum without exp: the softmax takes exp of every score first",
    hint: "softmax(α)_i = exp(α_i) / Σ_j exp(α_j): exp first, then divide by the sum.",
  },
  rawWeights: {
    why: "that weights the values by the raw scores α, not by the weights α' (their softmax)",
    hint: "Weigh the values by α' = softmax(α), never by the raw scores α.",
  },
  tokensNotValues: {
    why: "that adds up the tokens a_j, but b adds up the values v_j = Wv·a_j",
    hint: "b_i = Σ_j α'_{i,j} v_j, with v_j = Wv·a_j, not a_j.",
  },
  transposed: {
    why: "that is QᵀK, the transpose of A = KᵀQ: in A the keys go down the rows and the queries across the columns",
    hint: "A = KᵀQ: transpose K, then multiply by Q; column i holds query i's scores.",
  },
  rowSoftmax: {
    why: "that runs the softmax along each row, but it runs down each column: one column holds one query's weights, which add up to 1",
    hint: "Normalise each column, not each row: softmaxColumns(A).",
  },
  noSoftmax: {
    why: "that leaves out the softmax: the raw scores A are not weights",
    hint: "Normalise the scores first: A' = softmaxColumns(A), then use A'.",
  },
  weightsFirst: {
    why: "that multiplies in the wrong order: O = V·A' (each column of O mixes the columns of V)",
    hint: "O = V·A': V on the left, A' on the right.",
  },
  noShift: {
    why: "that takes exp of the scores as they are: a large score overflows to Infinity. Subtract the largest score first",
    hint: "Subtract max(α) from every score before exp: it changes nothing but the size of the numbers.",
  },
  minShift: {
    why: "that subtracts the smallest score, not the largest: exp of what is left can still overflow",
    hint: "Subtract max(α), not min(α): then every exponent is at most 0 and exp stays at most 1.",
  },
  dkScale: {
    why: "that divides the scores by d_k, but they are divided by √d_k",
    hint: "Divide the scores by Math.sqrt(d_k), where d_k is the length of a query.",
  },
  noScale: {
    why: "that leaves the scores unscaled: they are divided by √d_k before the softmax",
    hint: "Divide every score by √d_k before the softmax.",
  },
  maskAfter: {
    why: "that masks the weights after the softmax, so a column's weights no longer add up to 1: mask the scores (−∞) before the softmax",
    hint: "Set the hidden scores to −Infinity first, then take the softmax of each column.",
  },
  wrongTriangle: {
    why: "that masks the other triangle: query i (column i) may look at keys j ≤ i only, so the entries below the diagonal are hidden",
    hint: "In column i keep rows j ≤ i (the diagonal and above); hide the rows below it.",
  },
  fixedSize: {
    why: "that holds only for the worked example's sizes: it uses a fixed size where the input's own length belongs",
    hint: "Take every size from the inputs (their .length, a matrix's rows and columns), never a fixed number.",
  },
  argmin: {
    why: "that is the word with the smallest score, but the most attention goes to the largest",
    hint: "Look for the largest score, not the smallest.",
  },
  otherOrder: {
    why: "that multiplies in the other order, and matrix products do not commute",
    hint: "Keep the factors in the order given: the left one's columns meet the right one's rows.",
  },
  tokensAsRows: {
    why: "that takes the words as rows, but here tokens are columns: one column per word",
    hint: "Tokens are columns: a matrix of words has one column per word and d rows.",
  },
  rowNotColumn: {
    why: "that is a row, but a word's vector is a column of the matrix: tokens are columns",
    hint: "Take a column, not a row: column(M, j) gives column j, counting from 0.",
  },
  scaledAfter: {
    why: "that scales the weights after the softmax, so they no longer add up to 1: scale the scores before it",
    hint: "Multiply (or divide) the scores first, then take the softmax of the result.",
  },
  noDivide: {
    why: "that leaves out the division by the sum, so the weights do not add up to 1",
    hint: "Divide every exp by the sum of them all.",
  },
  countEntries: {
    why: "that counts the entries of A, but each entry is a dot product of length d_k: d_k multiply-adds each",
    hint: "Count the entries of A (n·n), then multiply by what each one costs (d_k).",
  },
  productShape: {
    why: "a product (r×d)·(d×n) has the rows of its left factor and the columns of its right one",
    hint: "In (r×d)·(d×n) the inner sizes meet and vanish; the outer ones, r×n, stay.",
  },
  weightsTransposed: {
    why: "that takes row i of A' as query i's weights, but query i's weights are column i: A'[j][i], with no transpose",
    hint: "Query i's weight for key j is A'[j][i]: O = V·A', no transpose.",
  },
  offByOne: {
    why: "its loop is off by one and misses an entry: code counts from 0, so a loop over n entries runs t = 0 … n − 1",
    hint: "Start the loop at t = 0 and keep going while t < x.length: every index from 0 to length − 1.",
  },
  pastLastEntry: {
    why: "its loop runs one step past the last entry, where x[t] is undefined and the sum turns into NaN: code counts from 0, so a loop over n entries stops at t = n − 1",
    hint: "Keep going while t < x.length, not t <= x.length: the last index is length − 1.",
  },
  scoreGap: {
    why: "that is the gap between the two scores, but the softmax turns a gap g between two scores into a ratio e^g between their weights",
    hint: "α'_i / α'_j = exp(α_i) / exp(α_j) = exp(α_i − α_j): exp of the gap.",
  },
  sumAllOne: {
    why: "that is what one column of A' adds up to, but A' has one column per word, and each of them adds up to 1",
    hint: "Each column of A' adds up to 1, one column per word: add up n ones.",
  },
  linearGrowth: {
    why: "that grows in step with n, but A has n·n entries: its work grows with the square of n",
    hint: "A is n×n: with c times the tokens it has c·c times the entries, each still costing d_k multiply-adds.",
  },
} as const satisfies Record<string, Misconception>;

/** A kind of misconception that an exercise's catalogue may name. */
export type MisconceptionKind = keyof typeof MISCONCEPTIONS_EN;

const MISCONCEPTIONS_ZH: Record<MisconceptionKind, Misconception> = {
  wkForWq: {
    why: "那是 key，但 query 要用 Wq 來算（Wk 是用來算 key 的）",
    hint: "query 就是 Wq 乘上它的 token：query(Wq, a)。",
  },
  wvForWq: {
    why: "那是 value，但 query 要用 Wq 來算（Wv 是用來算 value 的）",
    hint: "query 就是 Wq 乘上它的 token：query(Wq, a)。",
  },
  wqForWk: {
    why: "這裡該用 key 的地方用了 query，而 key 要用 Wk 來算（Wq 是用來算 query 的）",
    hint: "每個 key 都是 Wk 乘上它的 token：key(Wk, a)。",
  },
  wkForWv: {
    why: "這裡該用 value 的地方用了 key，而 value 要用 Wv 來算（Wk 是用來算 key 的）",
    hint: "每個 value 都是 Wv 乘上它的 token：value(Wv, a)。",
  },
  fromOne: {
    why: "你從 1 開始數字，但程式碼從 0 開始數，所以第 n 個字的索引是 n − 1（第三個字是 inputs[2]）",
    hint: "程式碼從 0 開始數：第一個字是 inputs[0]（a1），第四個字是 inputs[3]（a4）。",
  },
  swapped: {
    why: "query 和 key 對調了。在 α_{i,j} 裡，第 i 個字發問（用它的 query），第 j 個字被看（用它的 key）",
    hint: "α_{i,j} 的 query 來自第 i 個字，key 來自第 j 個字。",
  },
  otherWord: {
    why: "這是本課前面的儲存格已經算出來的結果，但它算的是另一個字或另一個句子，不是這一題問的那個",
    hint: "再讀一次題目：它問的是哪一個字、哪一個句子？請用這些名稱把那一個算出來。",
  },
  rawScores: {
    why: "這些是原始分數，還不是權重。softmax 會讓它們都變成正數，而且加起來等於 1",
    hint: "權重是分數經過 softmax 的結果：softmax(α)。",
  },
  divideBySum: {
    why: "你直接把分數除以它們的總和，沒有先取 exp。softmax 要先對每個分數取 exp",
    hint: "softmax(α)_i = exp(α_i) / Σ_j exp(α_j)：先取 exp，再除以總和。",
  },
  rawWeights: {
    why: "你用原始分數 α 當 value 的權重，但權重應該是 α'（α 經過 softmax）",
    hint: "value 要用 α' = softmax(α) 來加權，不是用原始分數 α。",
  },
  tokensNotValues: {
    why: "你加總的是 token a_j，但 b 加總的是 value v_j = Wv·a_j",
    hint: "b_i = Σ_j α'_{i,j} v_j，其中 v_j = Wv·a_j，不是 a_j。",
  },
  transposed: {
    why: "這是 QᵀK，也就是 A = KᵀQ 的轉置。A 的列對應 key，欄對應 query",
    hint: "A = KᵀQ：先把 K 轉置，再乘上 Q；第 i 欄就是 query i 的分數。",
  },
  rowSoftmax: {
    why: "你沿著每一列做 softmax，但 softmax 要沿著每一欄往下做，因為一欄放的是一個 query 的權重，加起來等於 1",
    hint: "對每一欄做正規化，不是對每一列：softmaxColumns(A)。",
  },
  noSoftmax: {
    why: "你漏掉了 softmax，原始分數 A 還不是權重",
    hint: "先做正規化：A' = softmaxColumns(A)，再用 A'。",
  },
  weightsFirst: {
    why: "相乘的順序反了。O = V·A'，O 的每一欄都是 V 的各欄混合起來的",
    hint: "O = V·A'：V 在左邊，A' 在右邊。",
  },
  noShift: {
    why: "你直接對分數取 exp，分數很大時會溢位變成 Infinity。請先減去最大的分數",
    hint: "取 exp 之前，先把每個分數減去 max(α)：這樣只改變數字的大小，不改變結果。",
  },
  minShift: {
    why: "你減去的是最小的分數，不是最大的，所以剩下的數取 exp 之後還是可能溢位",
    hint: "要減去 max(α)，不是 min(α)：這樣每個指數都不大於 0，exp 的值也就不大於 1。",
  },
  dkScale: {
    why: "你把分數除以 d_k，但應該除以 √d_k",
    hint: "把分數除以 Math.sqrt(d_k)，d_k 是一個 query 的長度。",
  },
  noScale: {
    why: "你沒有縮放分數。做 softmax 之前，分數要先除以 √d_k",
    hint: "做 softmax 之前，先把每個分數除以 √d_k。",
  },
  maskAfter: {
    why: "你在 softmax 之後才遮住權重，所以一欄的權重加起來不再等於 1。應該在 softmax 之前先遮住分數（設成 −∞）",
    hint: "先把要遮住的分數設成 −Infinity，再對每一欄做 softmax。",
  },
  wrongTriangle: {
    why: "你遮住的是另一個三角形。query i（第 i 欄）只能看 j ≤ i 的 key，所以要遮住的是對角線下方的元素",
    hint: "第 i 欄保留 j ≤ i 的列（對角線和它上方），遮住它下方的列。",
  },
  fixedSize: {
    why: "這只在範例的大小下成立，因為該用輸入本身長度的地方，你用了一個固定的數字",
    hint: "每個大小都從輸入取得（.length、矩陣的列數和欄數），不要寫死成固定的數字。",
  },
  argmin: {
    why: "這是分數最小的字，但得到最多注意力的是分數最大的字",
    hint: "要找最大的分數，不是最小的。",
  },
  otherOrder: {
    why: "相乘的順序反了，而矩陣乘法不能交換順序",
    hint: "照題目給的順序相乘：左邊矩陣的欄數要對上右邊矩陣的列數。",
  },
  tokensAsRows: {
    why: "你把每個字當成一列，但這裡的 token 是欄，所以每個字佔一欄",
    hint: "token 是欄：由字組成的矩陣，每個字佔一欄，共有 d 列。",
  },
  rowNotColumn: {
    why: "這是一列，但一個字的向量是矩陣裡的一欄，因為 token 是欄",
    hint: "要取一欄，不是一列：column(M, j) 取出索引 j 的那一欄（從 0 開始數）。",
  },
  scaledAfter: {
    why: "你在 softmax 之後才縮放權重，所以它們加起來不再等於 1。應該在 softmax 之前先縮放分數",
    hint: "先把分數乘上（或除以）那個倍數，再對結果做 softmax。",
  },
  noDivide: {
    why: "你漏掉了除以總和這一步，所以權重加起來不等於 1",
    hint: "把每個 exp 的值都除以它們全部的總和。",
  },
  countEntries: {
    why: "這只算了 A 的元素個數，但每個元素都是長度 d_k 的內積，各要做 d_k 次乘加",
    hint: "先數 A 有幾個元素（n·n），再乘上每個元素的成本（d_k）。",
  },
  productShape: {
    why: "乘積 (r×d)·(d×n) 的列數來自左邊的因子，欄數來自右邊的因子",
    hint: "在 (r×d)·(d×n) 裡，中間相同的大小會對上而消失，剩下外側的 r×n。",
  },
  weightsTransposed: {
    why: "你把 A' 的第 i 列當成 query i 的權重，但 query i 的權重是第 i 欄，也就是 A'[j][i]，不需要轉置",
    hint: "query i 對 key j 的權重是 A'[j][i]：O = V·A'，不需要轉置。",
  },
  offByOne: {
    why: "迴圈的範圍差了一（off-by-one），少加了一項。程式碼從 0 開始數，所以走過 n 個元素的迴圈是 t = 0 … n − 1",
    hint: "迴圈從 t = 0 開始，只要 t < x.length 就繼續，索引從 0 一路到 length − 1。",
  },
  pastLastEntry: {
    why: "迴圈多跑了一圈，跑到最後一個元素之後，那裡的 x[t] 是 undefined，總和就變成 NaN。程式碼從 0 開始數，所以走過 n 個元素的迴圈停在 t = n − 1",
    hint: "條件要寫 t < x.length，不是 t <= x.length，因為最後一個索引是 length − 1。",
  },
  scoreGap: {
    why: "這只是兩個分數的差。softmax 會把分數之間的差 g 變成權重之間的比，也就是一個權重是另一個的 e^g 倍",
    hint: "α'_i / α'_j = exp(α_i) / exp(α_j) = exp(α_i − α_j)，也就是兩個分數之差的 exp。",
  },
  sumAllOne: {
    why: "這是 A' 一欄的總和，但 A' 每個字各有一欄，每一欄加起來都是 1",
    hint: "A' 的每一欄加起來都是 1，每個字各一欄，所以總和是 n 個 1 相加。",
  },
  linearGrowth: {
    why: "這是把計算量當成和 n 成正比，但 A 有 n·n 個元素，所以計算量和 n 的平方成正比",
    hint: "A 是 n×n，token 變成 c 倍，元素就變成 c·c 倍，而每個元素的成本仍然是 d_k 次乘加。",
  },
};

/** An error that met undefined where a vector belongs: most often an index past the end of an array. */
function pastTheEnd(error: string, words: string): string {
  return /\bgot undefined\b|of undefined\b/.test(error) ? `\n${words}` : "";
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
    "Your numbers agree with the right ones to about 4 decimals, but not exactly: they were rounded somewhere. Compute them with code, so that every digit is right.",
  roundedByHand:
    "Your number is close to the right one, but not to 4 decimals: round it to 4 decimals, or write an expression that gives it (such as Math.exp(1)).",
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
  mistake: (kind, answer, formula) =>
    `${answer} equals ${formula}: ${MISCONCEPTIONS_EN[kind as MisconceptionKind]?.why ?? kind}.`,
  mistakeHint: (kind) =>
    MISCONCEPTIONS_EN[kind as MisconceptionKind]?.hint ??
    "Compare each step of your answer with the exercise's formula.",
  pastTheEnd:
    "An index past the end of an array gives undefined: code counts from 0, so the last of n entries is at index n − 1.",
  noSuchEntry: (name, index, length) =>
    length === 0
      ? `There is no ${name}[${index}]: ${name} is empty.`
      : `There is no ${name}[${index}], so it reads as undefined: ${name} has ${length} ${length === 1 ? "entry" : "entries"}, ${name}[0]${length > 1 ? ` to ${name}[${length - 1}]` : ""}, because code counts from 0.${index === length ? ` Entry ${length} counted from 1 is ${name}[${length - 1}].` : ""}`,
  coincidence: (answer) =>
    `${answer} is right on the worked example, but not when the same cells run on a second example with other numbers for a1…a4, Wq, Wk and Wv. So it is right by a coincidence of the worked example: compute it from the names the exercise asks about.`,
  typedIn: (answer) =>
    `${answer} stays the same when the cells run on a second example with other numbers for a1…a4, Wq, Wk and Wv, though the right answer changes: its numbers were typed in. Compute it from the names.`,
  unchanged: (answer) =>
    `${answer} stays the same when the cells run on a second example with other numbers for a1…a4, Wq, Wk and Wv, though the right answer changes: it does not follow those names. Compute it from the names the exercise asks about, not from a value fixed elsewhere.`,
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
  cellFailed: (answer, error, note) =>
    `the cell that defines ${answer} failed: ${error}${note ? `\n${note}` : pastTheEnd(error, en.pastTheEnd)}`,
  overviewBox: "self-attention (Attention 機制)",
  kernelRestarted:
    "Stopped: the kernel restarted, because a browser cannot interrupt running code in place. Every variable of earlier cells is gone: run the cells above this one again (Run → Run All Above Selected Cell), then fix this cell's loop.",
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
  "a random case": "一組亂數輸入",
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
  noHintsLeft: (call) => `提示已經用完了，執行 ${call} 可以看參考解答。`,
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
    "你的數字和正確答案在小數點後約 4 位相同，但不完全相等：某個地方被四捨五入了。請用程式碼計算，讓每一位數都正確。",
  roundedByHand:
    "你的數字很接近正確答案，但到小數點後第 4 位還不一樣。請把它四捨五入到小數點後 4 位，或寫成算得出它的運算式（例如 Math.exp(1)）。",
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
  mistake: (kind, answer, formula) =>
    `${answer} 等於 ${formula}。${MISCONCEPTIONS_ZH[kind as MisconceptionKind]?.why ?? kind}。`,
  mistakeHint: (kind) =>
    MISCONCEPTIONS_ZH[kind as MisconceptionKind]?.hint ??
    "請把你答案的每一步和題目的公式對照一下。",
  pastTheEnd:
    "索引超過陣列的尾端，得到的是 undefined。程式碼從 0 開始數，所以 n 個元素裡最後一個的索引是 n − 1。",
  noSuchEntry: (name, index, length) =>
    length === 0
      ? `沒有 ${name}[${index}]，因為 ${name} 是空的。`
      : `沒有 ${name}[${index}]，所以讀到的是 undefined。${name} 只有 ${length} 個元素${length > 1 ? `，從 ${name}[0] 到 ${name}[${length - 1}]` : `，就是 ${name}[0]`}，因為程式碼從 0 開始數。${index === length ? `從 1 數起的第 ${length} 個是 ${name}[${length - 1}]。` : ""}`,
  typedIn: (answer) =>
    `同樣的儲存格換成另一組數字（a1…a4、Wq、Wk、Wv 都不同）重新執行時，正確答案變了，${answer} 卻沒有變，可見它的數字是手動輸入的。請用這些名稱把它算出來。`,
  unchanged: (answer) =>
    `同樣的儲存格換成另一組數字（a1…a4、Wq、Wk、Wv 都不同）重新執行時，正確答案變了，${answer} 卻沒有變，可見它沒有跟著這些名稱計算。請用題目問的那些名稱把它算出來，不要用在別處固定下來的值。`,
  coincidence: (answer) =>
    `${answer} 在範例的數字上正確，但同樣的儲存格換成另一組數字（a1…a4、Wq、Wk、Wv 都不同）重新執行時就不對了。所以它只是碰巧符合範例。請用題目問的那些名稱把它算出來。`,
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
  cellFailed: (answer, error, note) =>
    `定義 ${answer} 的儲存格執行失敗：${error}${note ? `\n${note}` : pastTheEnd(error, zhTW.pastTheEnd)}`,
  overviewBox: "self-attention（Attention 機制）",
  kernelRestarted:
    "已停止：核心重新啟動了，因為瀏覽器無法就地中斷正在執行的程式。前面儲存格的變數都已清除：請重新執行這個儲存格上方的儲存格（選單 Run → Run All Above Selected Cell，也就是執行目前儲存格上方的所有儲存格），再修正這個儲存格的迴圈。",
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
    `無法載入課程的輔助程式來檢查它（${error}）；第一個儲存格（prelude）還在嗎？`,
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
  formula(k: number, english: string): string;
  solution: string;
} {
  const t = lang === "zh-TW" ? ex.translations?.["zh-TW"] : undefined;
  return {
    title: t?.title ?? ex.title,
    hints: t?.hints ?? ex.hints,
    says: (k, english) => t?.says[k] ?? english,
    formula: (k, english) => t?.formulas?.[k] ?? english,
    solution: t?.solution ?? ex.solution,
  };
}

// ---- the explorer (course/explore.ts): every sentence it shows, in each edition ----
// Plain strings, so that the page's script can take them as JSON; {name} marks what is filled in.

/** What the explorer says; `{x}` is filled in with a number, a name or a word. */
export interface ExploreWords {
  title: string;
  intro: string;
  still: string;
  inputs: string;
  weightsLabel: string;
  scale: string;
  causal: string;
  reset: string;
  /** Above A' and O: how to read A'. */
  weightsNote: string;
  /** The panel before anything is hovered. */
  pick: string;
  /** α'{i},{j}: the weight query {i} (“{qw}”) gives key {j} (“{kw}”) … */
  chainHead: string;
  scaled: string;
  shifted: string;
  columnSum: string;
  quotient: string;
  masked: string;
  sumHead: string;
  mineHead: string;
  mineSame: string;
  mineDiffer: string;
  mineThrew: string;
  mineShape: string;
  mineNotArray: string;
  mineNoOptions: string;
  mineCannot: string;
  mineAsync: string;
  yours: string;
  library: string;
  shapeMatrix: string;
  shapeVector: string;
  shapeNumber: string;
}

const exploreEn: ExploreWords = {
  title: "Explore self-attention",
  intro:
    "Change any entry of a1 … a4 or of the weights (type, or use the arrow keys; from −3 to 3): every matrix below follows at once. Hover over or Tab to a weight of A' to see how it is computed, or a column of O to see its sum.",
  still:
    "A still picture of the starting numbers: run this cell in a trusted notebook to change them.",
  inputs: "The tokens I = [a1 a2 a3 a4] (columns)",
  weightsLabel: "The weights",
  scale: "scale the scores by 1/√d_k",
  causal: "causal mask: query i sees keys j ≤ i",
  reset: "Back to the worked example",
  weightsNote: "column i = query i's weights (sum 1)",
  pick: "Hover over or Tab to a weight of A' (its computation) or a column of O (its weighted sum).",
  chainHead: ": the weight query {i} (“{qw}”) gives key {j} (“{kw}”); A'[{r}][{c}] in code",
  scaled: "times 1/√d_k",
  shifted:
    "m = {m} is the column's largest score, subtracted before exp as the library does (the quotient is the same)",
  columnSum: "column sum",
  quotient: "quotient",
  masked: "masked: key {j} comes after query {i}, so this weight is exactly 0",
  sumHead: ": column {c} of O in code: query {i}'s weights times the values",
  mineHead: "{name} beside the library's selfAttention",
  mineSame: "{name} agrees with selfAttention on every entry.",
  mineDiffer:
    "{count} of {total} entries differ from selfAttention (marked in red); the largest gap is {gap}.",
  mineThrew: "{name} threw an error: {error}",
  mineShape: "{name} should return O, {want}, but returned {got}.",
  mineNotArray: "{name} should return a matrix (or an object with O), but returned {got}.",
  mineNoOptions:
    "{name}(I, Wq, Wk, Wv) takes no options: it runs without the scale and the mask, and is compared with selfAttention with them.",
  mineCannot:
    "{name} uses {what}, which this page cannot run: in the page a function may call the prelude's mathjs and library functions and its own functions.",
  mineAsync: "{name} returned a Promise: the explorer needs the matrix itself.",
  yours: "yours",
  library: "selfAttention",
  shapeMatrix: "a {r}×{c} matrix",
  shapeVector: "a vector of length {n}",
  shapeNumber: "a number",
};

const exploreZhTW: ExploreWords = {
  title: "動手探索 Self-attention",
  intro:
    "改動 a1 … a4 或權重矩陣的任何一個元素（直接輸入，或用方向鍵調整；範圍是 −3 到 3），下面每個矩陣都會立刻跟著改變。把滑鼠移到 A' 的某個權重上（或用 Tab 鍵移過去），就會看到它是怎麼算出來的；移到 O 的某一欄，就會看到它的加權總和。",
  still: "這是起始數字的靜態圖：在受信任的筆記本中執行這個儲存格，就可以改動數字。",
  inputs: "token 矩陣 I = [a1 a2 a3 a4]（每個 token 一欄）",
  weightsLabel: "權重矩陣",
  scale: "分數乘上 1/√d_k（縮放）",
  causal: "因果遮罩：query i 只看得到 j ≤ i 的 key",
  reset: "回到範例的數字",
  weightsNote: "第 i 欄 = query i 的權重（總和為 1）",
  pick: "把滑鼠移到 A' 的某個權重上（看它怎麼算出來），或移到 O 的某一欄上（看它的加權總和）；也可以用 Tab 鍵移過去。",
  chainHead: "：query {i}（「{qw}」）給 key {j}（「{kw}」）的權重；程式碼中是 A'[{r}][{c}]",
  scaled: "乘上 1/√d_k",
  shifted: "m = {m} 是這一欄最大的分數；和函式庫一樣，取 exp 之前先減掉它（相除的結果不變）",
  columnSum: "這一欄的總和",
  quotient: "相除",
  masked: "被遮罩遮住：key {j} 在 query {i} 之後，所以這個權重恰好是 0",
  sumHead: "：程式碼中 O 的欄索引 {c}：query {i} 的權重乘上各個 value 再相加",
  mineHead: "{name} 和函式庫的 selfAttention 並排比較",
  mineSame: "{name} 的每個元素都和 selfAttention 相同。",
  mineDiffer:
    "{total} 個元素中有 {count} 個和 selfAttention 不同（紅框標出）；最大的差距是 {gap}。",
  mineThrew: "{name} 丟出了錯誤：{error}",
  mineShape: "{name} 應該回傳 O，也就是{want}，但它回傳了{got}。",
  mineNotArray: "{name} 應該回傳一個矩陣（或帶有 O 的物件），但它回傳了{got}。",
  mineNoOptions:
    "{name}(I, Wq, Wk, Wv) 沒有選項參數：它在不縮放、不遮罩的情況下執行，再和開啟這些選項的 selfAttention 比較。",
  mineCannot:
    "{name} 用到了 {what}，這個頁面無法執行它：在頁面中，函式只能呼叫第一個儲存格（prelude）匯入的 mathjs 與函式庫函式，以及你自己寫的函式。",
  mineAsync: "{name} 回傳了一個 Promise：探索工具需要的是矩陣本身。",
  yours: "你的結果",
  library: "selfAttention",
  shapeMatrix: "一個 {r}×{c} 的矩陣",
  shapeVector: "一個長度為 {n} 的向量",
  shapeNumber: "一個數字",
};

const EXPLORE_WORDS: Record<Language, ExploreWords> = { en: exploreEn, "zh-TW": exploreZhTW };

/** What the explorer says in `lang`, by default the language in use (see useLanguage). */
export function exploreWords(lang: Language = language()): ExploreWords {
  return EXPLORE_WORDS[lang];
}
