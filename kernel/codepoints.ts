// Jupyter counts cursor positions in Unicode code points; JavaScript strings index UTF-16 units.
// The two differ after any astral character (an emoji, a math letter like 𝑥), which is one code
// point but two units.

/** The UTF-16 index of code point `position` in `text` (clamped to the text). */
export function unitIndex(text: string, position: number): number {
  let units = 0;
  for (let points = 0; points < position && units < text.length; points++) {
    units += unitsAt(text, units);
  }
  return units;
}

/** The code point position of UTF-16 index `index` in `text`. */
export function pointIndex(text: string, index: number): number {
  let points = 0;
  for (let units = 0; units < index && units < text.length; points++) {
    units += unitsAt(text, units);
  }
  return points;
}

/** How many UTF-16 units the code point at unit `units` takes: 2 for a surrogate pair, else 1. */
function unitsAt(text: string, units: number): 1 | 2 {
  const code = text.charCodeAt(units);
  return code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
}
