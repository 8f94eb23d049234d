// Interface examples stay short enough to read at a glance ("≤20 lines per example" in the template).
import { z } from 'zod';
import { allCodeBlocks, subtreeBlocks } from '../../spec/walk.js';
import { defineRule } from '../rule.js';

export const interfaceExampleLength = defineRule({
  id: 'interface-example-length',
  description: 'Limits code examples in sections such as Main Interfaces to the template’s line budget.',
  severity: 'warning',
  fixable: false,
  messages: {
    tooLong:
      'Unexpected {{count}}-line example in `{{title}}`, expected at most {{max}} lines per example: show the signatures and move the rest to the code',
  },
  options: z.strictObject({
    /** Most lines of code per example; defaults to the template section's constraint. */
    max: z.number().int().min(1).optional(),
  }),
  check(doc, ctx) {
    const limits = new Map<string, number>();
    for (const section of ctx.template.sections) {
      const max = ctx.options.max ?? section.constraints.maxExampleLines;
      if (section.constraints.maxExampleLines !== undefined && max !== undefined) limits.set(section.id, max);
    }
    doc.sections.forEach((section, index) => {
      const max = section.id === undefined ? undefined : limits.get(section.id);
      if (max === undefined) return;
      // Subsections of a limited section are walked from here, so they are not checked twice below.
      const inside = doc.sections[section.parent ?? -1];
      if (inside?.id !== undefined && limits.has(inside.id)) return;
      for (const block of allCodeBlocks(subtreeBlocks(doc, index))) {
        if (block.contentLines <= max) continue;
        ctx.report({
          messageId: 'tooLong',
          data: { count: block.contentLines, title: section.title, max },
          line: block.line,
          column: block.column,
          endLine: block.endLine,
          endColumn: (doc.lines[block.endLine - 1] ?? '').length + 1,
        });
      }
    });
  },
});
