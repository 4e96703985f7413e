// Lines that fit JupyterLab's default width. Its output area breaks a line too long for it
// anywhere, even inside a word ("numb|ers"), so check() breaks its lines itself, at words.

/** Where a printed line is broken: JupyterLab's output area at 1280 px shows about 100 columns. */
export const TEXT_WIDTH = 88;

// Characters a browser shows twice as wide as a Latin letter: CJK, fullwidth forms, Hangul.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
// After these a line may end: a space (kept at the line's end), or Chinese punctuation.
const BREAK_AFTER = /[ ，、；：）」』]/u;

/** How many columns `text` takes in a monospace font: a Chinese character counts two. */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/** `line` cut into pieces that each end where a line may break (the last piece as it is). */
function pieces(line: string): string[] {
  const out: string[] = [];
  let piece = "";
  for (const ch of line) {
    piece += ch;
    if (BREAK_AFTER.test(ch)) {
      out.push(piece);
      piece = "";
    }
  }
  if (piece) out.push(piece);
  return out;
}

/**
 * Each line of `text` broken into lines of at most `width` columns, only after a space or after
 * Chinese punctuation, never inside a word; a single word longer than `width` stays whole. The
 * space where a line breaks stays at its end (`trim: true` drops it), so `unwrap()` gives back
 * the text as it was. `prefix` starts every line but the first (e.g. "// " in a comment).
 */
export function wrap(
  text: string,
  width = TEXT_WIDTH,
  options: { prefix?: string; trim?: boolean } = {},
): string {
  const prefix = options.prefix ?? "";
  return text
    .split("\n")
    .map((line) => {
      const lines: string[] = [];
      let current = "";
      for (const piece of pieces(line)) {
        const fits = columns((current + piece).trimEnd()) <= width;
        if (current && !fits) {
          lines.push(options.trim ? current.trimEnd() : current);
          current = prefix + piece;
        } else current += piece;
      }
      lines.push(current);
      return lines.join("\n");
    })
    .join("\n");
}

/** A text `wrap()` broke, joined again where it broke (after a space or Chinese punctuation). */
export function unwrap(text: string): string {
  return text.replace(/([ ，、；：）」』])\n/gu, "$1");
}
