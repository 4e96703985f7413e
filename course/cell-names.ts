// What a cell's source says about itself, read without compiling it: the names it declares and
// the entries it reads by a written-out index. Plain string work, so the notebook's course code,
// the grader and the build share it.

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

/** An entry a cell reads by a written-out index past the end of an array: `keys[4]` where keys has 4. */
export interface MissingEntry {
  name: string;
  index: number;
  length: number;
}

/** `name[3]` read in code (not after a dot: `x.keys[3]` is another array), with comments left out. */
const INDEXED = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*\[\s*(\d+)\s*\]/g;

/**
 * The entries `source` reads past the end of an array in `scope` (a notebook's variables), each
 * once, in the order they are written.
 *
 * @example
 * missingEntries("score(q1, keys[4])", { keys: [[1], [2], [3], [4]] }) // returns [{ name: "keys", index: 4, length: 4 }]
 */
export function missingEntries(source: string, scope: Record<string, unknown>): MissingEntry[] {
  const code = source.replace(/\/\*[^]*?\*\//g, " ").replace(/\/\/.*$/gm, "");
  const found: MissingEntry[] = [];
  for (const m of code.matchAll(INDEXED)) {
    const name = m[1] as string;
    const index = Number(m[2]);
    const value = Object.prototype.hasOwnProperty.call(scope, name) ? scope[name] : undefined;
    if (!Array.isArray(value) || index < value.length) continue;
    if (!found.some((f) => f.name === name && f.index === index))
      found.push({ name, index, length: value.length });
  }
  return found;
}

/**
 * Whether a cell's code holds numbers written out: `[0.5, 1.2]` or `= 4`, not the index of `keys[2]`
 * or the digit of `a3`. Comments and strings do not count.
 *
 * @example
 * holdsNumbers("const q3mine = [1.5, 0, 2];") // returns true
 * @example
 * holdsNumbers("const q3mine = query(Wq, inputs[2]); // a3") // returns false
 */
export function holdsNumbers(source: string): boolean {
  const code = source
    .replace(/\/\*[^]*?\*\//g, " ")
    .replace(/\/\/.*$/gm, "")
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""')
    .replace(/([\w$\])])\s*\[\s*\d+\s*\]/g, "$1");
  return /(?<![\w$.])\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w$])/i.test(code);
}
