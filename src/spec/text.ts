import { isSpace, trimEnd } from '../text/scan.js';
// Small text helpers shared by the parser and the rules: title normalisation, slugs, positions.

const NON_ASCII = /[^ -~\t\n\r]/;

/** Folds a heading title to the form used for matching: no numbering, case, accents or punctuation. */
export function normalizeTitle(title: string): string {
  const unnumbered = stripNumbering(title);
  // ASCII has no accents to drop: NFD normalisation is skipped for it, as fold() does.
  const plain = NON_ASCII.test(unnumbered)
    ? unnumbered.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    : unnumbered;
  return plain
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Removes leading section numbering such as `1.`, `2.3`, `IV.` or `A)` and trailing colons. */
export function stripNumbering(title: string): string {
  const unnumbered = title.replace(/^\s*(?:\d+(?:\.\d+)+\.?|\d+[.)]|[IVXLC]+\.|[A-Za-z][.)])\s+/, '');
  return trimEnd(unnumbered, (char) => char === ':' || isSpace(char)).trim();
}

/** Kebab-case identifier for a title: `Main Interfaces` → `main-interfaces`. */
export function headingSlug(title: string): string {
  return normalizeTitle(title).replace(/\s+/g, '-');
}

/** Counts words the way a reader would: runs of letters or digits, code excluded by the caller. */
export function countWords(text: string): number {
  // A character loop: the equivalent Unicode regex allocates every word and dominates word counting.
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isWordChar(code, text, i)) {
      if (!inWord) count++;
      inWord = true;
    } else if (!(inWord && (code === 39 || code === 0x2019 || code === 95 || code === 45))) {
      inWord = false;
    }
  }
  return count;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** A letter or digit in any script; a surrogate pair is judged by the code point it forms. */
function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128)
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  // Latin-1 letters (Portuguese accents) without the regex: every code from À to ÿ but × and ÷.
  if (code >= 0xc0 && code <= 0xff) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0xdc00 && code <= 0xdfff) return i > 0 && isWordChar(text.charCodeAt(i - 1), text, i - 1);
  const char = code >= 0xd800 && code <= 0xdbff ? text.slice(i, i + 2) : text.charAt(i);
  return LETTER_OR_NUMBER.test(char);
}

/** Start offset of every line, so that (line, column) and offsets convert both ways. */
export function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) offsets.push(i + 1);
  }
  return offsets;
}
