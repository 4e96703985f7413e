// The language check() and the grader speak: English, or Traditional Chinese in the zh-TW edition.

/** The editions of the course: English, and Traditional Chinese as written in Taiwan. */
export const LANGUAGES = ["en", "zh-TW"] as const;
export type Language = (typeof LANGUAGES)[number];

let current: Language = "en";

/** Where the course kernel reads the edition, to caption a cell's matrix result in its words. */
const FOR_KERNEL = Symbol.for("attention-from-zero.language");

/** Makes check() speak `lang` from now on; a zh-TW notebook's prelude calls it. */
export function useLanguage(lang: Language): void {
  if (!LANGUAGES.includes(lang))
    throw new Error(`useLanguage(lang): lang is "en" or "zh-TW", got ${JSON.stringify(lang)}`);
  current = lang;
  (globalThis as Record<PropertyKey, unknown>)[FOR_KERNEL] = lang;
}

/**
 * The language check() speaks now: English until a notebook calls useLanguage.
 *
 * @example
 * language() // returns "en"
 */
export function language(): Language {
  return current;
}
