// Keeps every result's mime bundle small enough for a notebook to render and store (plain
// JavaScript: the in-browser kernel uses it too).
import type { MimeBundle } from "./mime-bundle.js";

/** All forms of one result together stay under this many bytes (UTF-8, as they travel). */
export const MAX_BUNDLE_BYTES = 96 * 1024;
/** text/plain alone: the form every frontend shows; past this it is cut with a note. */
const MAX_PLAIN_BYTES = 32 * 1024;

/** The length of `text` in UTF-8, a lone surrogate counted as the 3 bytes of U+FFFD that replace it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function bytesOf(form: unknown): number {
  const text = typeof form === "string" ? form : JSON.stringify(form);
  return utf8Length(text ?? "");
}

/** `text` cut to at most `max` bytes of UTF-8, ending with a note of how much was left out. */
function cutText(text: string, max: number): string {
  if (utf8Length(text) <= max) return text;
  // Chars are at most 3 bytes in UTF-8 for the BMP, 4 for a surrogate pair (2 chars): /3 is safe.
  let kept = text.slice(0, Math.floor((max - 100) / 3));
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}\n… (${(text.length - kept.length).toLocaleString("en")} more characters left out)`;
}

/**
 * The bundle with text/plain cut to MAX_PLAIN_BYTES and, while the whole is over MAX_BUNDLE_BYTES,
 * its largest other form dropped: a cut table or LaTeX would not render, text/plain always does.
 */
export function boundBundle(bundle: MimeBundle): MimeBundle {
  const bounded: MimeBundle = { ...bundle };
  if (typeof bounded["text/plain"] === "string") {
    bounded["text/plain"] = cutText(bounded["text/plain"], MAX_PLAIN_BYTES);
  }
  const sizes = new Map(Object.entries(bounded).map(([mime, form]) => [mime, bytesOf(form)]));
  let total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const others = [...sizes.entries()]
    .filter(([mime]) => mime !== "text/plain")
    .sort((a, b) => b[1] - a[1]);
  for (const [mime, size] of others) {
    if (total <= MAX_BUNDLE_BYTES) break;
    delete bounded[mime];
    total -= size;
  }
  return bounded;
}
