// A spec is read in one sitting: its prose stays within a word budget; code and front matter are free.
import { z } from 'zod';
import { blockWords, specWords, words } from '../../spec/facts/words.js';
import { subtreeBlocks } from '../../spec/walk.js';
import { defineRule } from '../rule.js';

export const wordBudget = defineRule({
  id: 'word-budget',
  description:
    'Limits the words of a spec, and optionally of chosen sections, not counting code or front matter.',
  severity: 'warning',
  strict: true,
  fixable: false,
  messages: {
    spec: 'Unexpected {{count}} words in the spec, expected at most {{max}} not counting code and front matter',
    section: 'Unexpected {{count}} words in `{{title}}`, expected at most {{max}} for this section',
  },
  options: z.strictObject({
    /** Most words in the whole spec; none unless configured (the template sets no budget). */
    max: z.number().int().min(1).optional(),
    /** Most words per template section id (subsections included), e.g. `{ "executive-summary": 150 }`. */
    sections: z.record(z.string(), z.number().int().min(1)).default({}),
  }),
  check(doc, ctx) {
    const budget = ctx.options.max;
    const total = budget === undefined ? 0 : specWords(doc);
    if (budget !== undefined && total > budget) {
      ctx.report({ messageId: 'spec', data: { count: total, max: budget }, line: 1, column: 1 });
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
