// The shape of an exercise at run time: what the generated registry holds for each one.

/** What an exercise is, without what it is checked against: its name, its answer's name, its hints. */
export type ExerciseInfo = Omit<Exercise, "expected" | "reference" | "mistakes">;

/** What an exercise is checked against, and how to help when an answer is wrong. */
export interface Exercise {
  id: string;
  /** The lesson's slug, e.g. "01-queries-and-keys". */
  lesson: string;
  title: string;
  /** The name the learner's answer is bound to, e.g. "q1" or "mySoftmax". */
  answer: string;
  kind: "value" | "function";
  /** value: the right answer. */
  expected?: () => unknown;
  /** function: the reference implementation, called with the same arguments. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds functions of many signatures
  reference?: (...args: any[]) => unknown;
  /** function: which generator in course/inputs.ts supplies the arguments. */
  inputs?: string;
  tolerance?: number;
  /** value: a number the lesson asks to work out by hand, checked to the 4 decimals the lesson prints. */
  byHand?: boolean;
  /** function: library functions the answer must not call, because the exercise is to write them. */
  forbid?: readonly string[];
  /** From a question about the concept, to the formula, to code with one blank `___` left. */
  hints: readonly string[];
  /** The lesson's reference solution, which `solution("N.M")` prints when the hints run out. */
  solution: string;
  /** The title, hints and messages (in the order of `mistakes`) in the other editions. */
  translations?: { readonly "zh-TW"?: ExerciseWords };
  /**
   * Wrong answers to recognise: the exercise's catalogue of misconceptions first (each a kind of
   * course/words.ts and the formula of the wrong computation), then the lesson's own wrong answers
   * with a message of their own (`say`). `when` gives the wrong value, or for a function exercise
   * the wrong function.
   */
  mistakes: readonly Mistake[];
}

/** One wrong computation an answer may equal, and how to name it. */
export interface Mistake {
  when: () => unknown;
  /** A catalogue entry: its kind (see MISCONCEPTIONS_EN in course/words.ts)… */
  kind?: string;
  /** …and what it computes, in notation ("Wk·a3, the key k3"). */
  formula?: string;
  /** A lesson's wrong answer: its own message (English; its translations are `says`). */
  say?: string;
}

/** What an edition says of an exercise: its title, its hints, its mistakes' messages and its solution. */
export interface ExerciseWords {
  title: string;
  hints: readonly string[];
  says: readonly string[];
  /** What each catalogue misconception computes, in the order of `mistakes`. */
  formulas?: readonly string[];
  /** The reference solution with its comments in the edition's words, where they differ. */
  solution?: string;
}
