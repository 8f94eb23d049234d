// Small pure helpers the content rules share: a section's subtree, folded text, where a word sits on a line.
import type { Section, SpecDocument } from '../../../spec/model.js';
import { replaceCodeSpans } from '../../../spec/text.js';

/** Indexes of every section matched to the template id (a spec may repeat one by mistake). */
export function sectionIndexes(doc: SpecDocument, id: string): number[] {
  const out: number[] = [];
  doc.sections.forEach((section, index) => {
    if (section.id === id) out.push(index);
  });
  return out;
}

/** The section at `index` followed by all of its subsections, in document order. */
export function subtreeSections(doc: SpecDocument, index: number): Section[] {
  const root = doc.sections[index];
  if (!root) return [];
  const out = [root];
  for (let i = index + 1; i < doc.sections.length; i++) {
    const section = doc.sections[i];
    if (!section || section.heading.line > root.endLine) break;
    out.push(section);
  }
  return out;
}

/** The direct subsections of the section at `index`. */
export function childSections(doc: SpecDocument, index: number): Section[] {
  return subtreeSections(doc, index).filter((section) => section.parent === index);
}

/** Lower case, accents removed: for matching keywords in English and Portuguese alike. */
const NON_ASCII = /[^ -~\t\n\r]/;

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

/** 1-based column of the first match of `pattern` (or text) on a line at or after `from`; 1 when absent. */
export function columnOf(doc: SpecDocument, line: number, needle: string | RegExp, from = 0): number {
  const source = doc.lines[line - 1] ?? '';
  if (typeof needle === 'string') {
    const at = needle === '' ? -1 : source.indexOf(needle, from);
    return at >= 0 ? at + 1 : 1;
  }
  const flags = needle.flags.includes('g') ? needle.flags : `${needle.flags}g`;
  const re = new RegExp(needle.source, flags);
  re.lastIndex = from;
  const match = re.exec(source);
  return match ? match.index + 1 : 1;
}

/** Levenshtein distance, for "did you mean" suggestions on short words. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
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

/** A short quotable excerpt of a block's text: plain words, at most `max` characters. */
export function excerpt(text: string, max = 48): string {
  const plain = plainText((text.split('\n')[0] ?? '').replace(/<!--[\s\S]*?(?:-->|$)/g, ''));
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).trimEnd()}…`;
}
