// A spec is read in one sitting: its prose stays within a word budget; code and front matter are free.
import { z } from 'zod';
import type { Block, SpecDocument } from '../../spec/model.js';
import { countWords, replaceBetween } from '../../spec/text.js';
import { subtreeBlocks } from '../helpers.js';
import { defineRule } from '../rule.js';

export const wordBudget = defineRule({
  id: 'word-budget',
  description:
    'Limits the words of a spec, and optionally of chosen sections, not counting code or front matter.',
  severity: 'warning',
  fixable: false,
  messages: {
    spec: 'Unexpected {{count}} words in the spec, expected at most {{max}} not counting code and front matter',
    section: 'Unexpected {{count}} words in `{{title}}`, expected at most {{max}} for this section',
  },
  options: z.strictObject({
    /** Most words in the whole spec. */
    max: z.number().int().min(1).default(2000),
    /** Most words per template section id (subsections included), e.g. `{ "executive-summary": 150 }`. */
    sections: z.record(z.string(), z.number().int().min(1)).default({}),
  }),
  check(doc, ctx) {
    const total = specWords(doc);
    if (total > ctx.options.max) {
      ctx.report({ messageId: 'spec', data: { count: total, max: ctx.options.max }, line: 1, column: 1 });
    }
    doc.sections.forEach((section, index) => {
      const max = section.id === undefined ? undefined : ctx.options.sections[section.id];
      if (max === undefined) return;
      const inside = doc.sections.filter((s, i) => i > index && s.heading.line <= section.endLine);
      const count =
        blockWords(subtreeBlocks(doc, index)) + inside.reduce((n, s) => n + words(s.heading.text), 0);
      if (count <= max) return;
      const { line, column } = section.heading;
      ctx.report({ messageId: 'section', data: { count, title: section.title, max }, line, column });
    });
  },
});

/** The words of a spec as this rule counts them: title, headings and prose, not code or front matter. */
export function specWords(doc: SpecDocument): number {
  let total = doc.title ? words(doc.title.text) : 0;
  total += blockWords(doc.preamble);
  for (const section of doc.sections) total += words(section.heading.text) + blockWords(section.blocks);
  return total;
}

/** Words of inline Markdown as a reader sees them: without link targets, comments or a task checkbox. */
function words(text: string): number {
  const bare = replaceBetween(
    replaceBetween(text, '<!--', '-->', () => ' '),
    '](',
    ')',
    () => '] ',
  );
  return countWords(/^\[[ xX]\]\s/.test(bare) ? bare.slice(3) : bare);
}

/** Words of prose blocks; code blocks, HTML and thematic breaks count for nothing. */
function blockWords(blocks: readonly Block[]): number {
  let total = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') total += words(block.text);
    else if (block.kind === 'blockquote') total += blockWords(block.blocks);
    else if (block.kind === 'list') for (const item of block.items) total += blockWords(item.blocks);
    else if (block.kind === 'table')
      for (const cell of [...block.header, ...block.rows.flat()]) total += words(cell.text);
  }
  return total;
}
