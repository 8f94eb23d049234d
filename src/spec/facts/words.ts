// The words of a spec as a reader counts them: title, headings and prose, not code, link targets or comments.
import type { Block, SpecDocument } from '../model.js';
import { countWords } from '../text.js';
import { replaceCodeSpans } from '../../text/scan.js';

/** The words of a spec as word-budget counts them: title, headings and prose, not code or front matter. */
export function specWords(doc: SpecDocument): number {
  let total = doc.title ? words(doc.title.text) : 0;
  total += blockWords(doc.preamble);
  for (const section of doc.sections) total += words(section.heading.text) + blockWords(section.blocks);
  return total;
}

/**
 * Words of inline Markdown as a reader sees them: without link targets, comments or a task checkbox, and a code
 * span as one word (`src/export/job.ts` is one name, not four words).
 */
export function words(text: string): number {
  // Most blocks hold no code span, comment, link or checkbox: then the text is counted as it is, with no copy made.
  let plain = text;
  if (plain.includes('`')) plain = replaceCodeSpans(plain, () => ' code ');
  if (plain.includes('<!--')) plain = plain.replace(/<!--[\s\S]*?-->/g, ' ');
  if (plain.includes('](')) plain = plain.replace(/\]\([^)]*\)/g, '] ');
  if (plain.startsWith('[')) plain = plain.replace(/^\[[ xX]\]\s+/, '');
  return countWords(plain);
}

/** Words of prose blocks; code blocks, HTML and thematic breaks count for nothing. */
export function blockWords(blocks: readonly Block[]): number {
  let total = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') total += words(block.text);
    else if (block.kind === 'blockquote') total += blockWords(block.blocks);
    else if (block.kind === 'list') for (const item of block.items) total += blockWords(item.blocks);
    else if (block.kind === 'table') {
      for (const cell of block.header) total += words(cell.text);
      for (const row of block.rows) for (const cell of row) total += words(cell.text);
    }
  }
  return total;
}
