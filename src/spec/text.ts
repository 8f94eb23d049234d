// Small text helpers shared by the parser and the rules: title normalisation, slugs, positions.

/** Folds a heading title to the form used for matching: no numbering, case, accents or punctuation. */
export function normalizeTitle(title: string): string {
  return stripNumbering(title)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Removes leading section numbering such as `1.`, `2.3`, `IV.` or `A)` and trailing colons. */
export function stripNumbering(title: string): string {
  return title
    .replace(/^\s*(?:\d+(?:\.\d+)+\.?|\d+[.)]|[IVXLC]+\.|[A-Za-z][.)])\s+/, '')
    .replace(/[\s:]+$/, '')
    .trim();
}

/** Kebab-case identifier for a title: `Main Interfaces` → `main-interfaces`. */
export function slugify(title: string): string {
  return normalizeTitle(title).replace(/\s+/g, '-');
}

/** Counts words the way a reader would: runs of letters or digits, code excluded by the caller. */
export function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu);
  return matches ? matches.length : 0;
}

/** Start offset of every line, so that (line, column) and offsets convert both ways. */
export function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) offsets.push(i + 1);
  }
  return offsets;
}
