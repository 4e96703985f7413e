// Jupyter counts cursor positions in Unicode code points; JavaScript strings index UTF-16 units.
// The two differ after any astral character (an emoji, a math letter like 𝑥), which is one code
// point but two units.

/** The UTF-16 index of code point `position` in `text` (clamped to the text). */
export function unitIndex(text: string, position: number): number {
  let units = 0;
  for (let points = 0; points < position && units < text.length; points++) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return units;
}

/** The code point position of UTF-16 index `index` in `text`. */
export function pointIndex(text: string, index: number): number {
  let points = 0;
  for (let units = 0; units < index && units < text.length; points++) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return points;
}
