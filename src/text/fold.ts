// Small pure helpers the content rules share: a section's subtree, folded text, where a word sits on a line.

import { editDistance } from './paths.js';
import { replaceCodeSpans } from './scan.js';

/** Lower case, accents removed: for matching keywords in English and Portuguese alike. */
const NON_ASCII = /[^ -~\t\n\r]/;

/** Printable ASCII, tabs and line breaks only: text that fold() merely lower-cases. */
export function isPlainAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

export function fold(text: string): string {
  // ASCII text has no accents to drop, and NFD normalisation is the costly part.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Markdown emphasis and code markers removed, for reading a block's words. */
export function plainText(text: string): string {
  return text.replace(/[*`]/g, '').replace(/\s+/g, ' ').trim();
}

/** Replaces each code span with a neutral word so that prose patterns do not match inside code. */
export function withoutCode(text: string): string {
  return replaceCodeSpans(text, () => 'code');
}

/** The closest candidate within `max` edits, if any. */
export function closest(word: string, candidates: readonly string[], max: number): string | undefined {
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
