// A heading promises content: a section with nothing under it (and no subsections) is unfinished.
import { z } from 'zod';
import type { Block } from '../../spec/model.js';
import { templateSection } from '../../spec/walk.js';
import { defineRule } from '../rule.js';

export const noEmptySections = defineRule({
  id: 'no-empty-sections',
  description: 'Disallows headings with no content under them, optional template sections included.',
  severity: 'error',
  fixable: false,
  messages: {
    empty: 'Unexpected empty section `{{title}}`, expected content under the heading or the heading removed',
    emptyOptional:
      'Unexpected empty optional section `{{title}}`, expected a short reason it does not apply (such as "Not applicable: no external services") or the heading removed',
  },
  options: z.strictObject({}),
  check(doc, ctx) {
    doc.sections.forEach((section, index) => {
      if (section.blocks.some(hasContent)) return;
      // A heading followed directly by subheadings is a grouping; the subsections are judged on their own.
      if (doc.sections.some((other) => other.parent === index)) return;
      // A template section followed at its own level by headings of no template section (`### Relevant Files`, then
      // `### Backend`, `### Frontend`) heads those parts, written one level too high.
      const next = doc.sections[index + 1];
      if (
        section.id !== undefined &&
        next !== undefined &&
        next.id === undefined &&
        next.heading.level === section.heading.level &&
        next.blocks.some(hasContent)
      )
        return;
      const expected = section.id === undefined ? undefined : templateSection(ctx.template, section.id);
      ctx.report({
        messageId: expected?.optional ? 'emptyOptional' : 'empty',
        data: { title: section.title },
        line: section.heading.line,
        column: section.heading.column,
      });
    });
  },
});

/** Anything a reader sees counts, however short ("N/A"); HTML comments and thematic breaks do not. */
function hasContent(block: Block): boolean {
  switch (block.kind) {
    case 'hr':
      return false;
    case 'html':
      return block.content.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '';
    case 'blockquote':
      return block.blocks.some(hasContent);
    case 'paragraph':
      return block.text.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '';
    default:
      return true;
  }
}
