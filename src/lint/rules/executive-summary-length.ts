// The executive summary stays as short as the template asks ("1-2 paragraphs").
import { z } from 'zod';
import type { Block } from '../../spec/model.js';
import { sectionIndex, subtreeBlocks } from '../../spec/walk.js';
import { defineRule } from '../rule.js';

export const executiveSummaryLength = defineRule({
  id: 'executive-summary-length',
  description: 'Limits the executive summary to the number of paragraphs the template asks for.',
  severity: 'warning',
  fixable: false,
  messages: {
    tooMany:
      'Unexpected {{count}} paragraphs in `{{title}}`, expected at most {{max}} ({{range}}): move the detail to later sections',
    tooFew: 'Unexpected {{count}} paragraph in `{{title}}`, expected at least {{min}} ({{range}})',
  },
  options: z.strictObject({
    /** Fewest paragraphs; defaults to the template's constraint. */
    min: z.number().int().min(0).optional(),
    /** Most paragraphs; defaults to the template's constraint. */
    max: z.number().int().min(1).optional(),
  }),
  check(doc, ctx) {
    for (const expected of ctx.template.sections) {
      const constraint = expected.constraints.paragraphs;
      if (!constraint) continue;
      const index = sectionIndex(doc, expected.id);
      const section = doc.sections[index];
      if (!section) continue;
      const min = ctx.options.min ?? constraint.min;
      const max = ctx.options.max ?? constraint.max;
      const range = min === max ? `${min} paragraph${min === 1 ? '' : 's'}` : `${min}-${max} paragraphs`;
      const units = paragraphUnits(subtreeBlocks(doc, index));
      const data = { count: units.length, title: section.title, min, max, range };
      // An empty summary is left to no-empty-sections.
      if (units.length > 0 && units.length < min) {
        ctx.report({ messageId: 'tooFew', data, line: section.heading.line, column: section.heading.column });
      }
      const excess = units[max];
      const last = units.at(-1);
      if (excess && last) {
        // Block ranges may take in the blank line after a list; the finding ends on the last written line.
        let endLine = last.endLine;
        while (endLine > excess.line && (doc.lines[endLine - 1] ?? '').trim() === '') endLine--;
        const endColumn = (doc.lines[endLine - 1] ?? '').length + 1;
        ctx.report({ messageId: 'tooMany', data, line: excess.line, endLine, endColumn });
      }
    }
  },
});

/**
 * The blocks a reader takes in as one paragraph each: a paragraph, list, table, quote or code block.
 * A list or code block right after a paragraph that ends in a colon belongs to that paragraph.
 */
function paragraphUnits(blocks: readonly Block[]): Block[] {
  const units: Block[] = [];
  let previous: Block | undefined;
  for (const block of blocks) {
    if (block.kind === 'hr' || (block.kind === 'html' && /^\s*(<!--[\s\S]*?-->\s*)*$/.test(block.content)))
      continue;
    const introduced = previous?.kind === 'paragraph' && /:\**\s*$/.test(previous.text);
    if (!(introduced && (block.kind === 'list' || block.kind === 'code'))) units.push(block);
    previous = block;
  }
  return units;
}
