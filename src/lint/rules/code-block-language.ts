// A fenced code block names its language, so that readers and renderers know what they are looking at.
import { z } from 'zod';
import type { Block } from '../../spec/model.js';
import { allCodeBlocks } from '../../spec/walk.js';
import { defineRule } from '../rule.js';

export const codeBlockLanguage = defineRule({
  id: 'code-block-language',
  description: 'Requires every fenced code block to name its language, optionally one of an allowed list.',
  severity: 'warning',
  fixable: false,
  messages: {
    missing:
      'Unexpected code fence without a language, expected one after the fence such as ```ts or ```text',
    notAllowed: 'Unexpected code block language `{{lang}}`, expected one of {{allowed}}',
  },
  options: z.strictObject({
    /** Languages allowed after the fence, compared without case; empty allows any. */
    allowed: z.array(z.string().min(1)).default([]),
  }),
  check(doc, ctx) {
    const allowed = new Set(ctx.options.allowed.map((lang) => lang.toLowerCase()));
    const blocks: Block[] = [...doc.preamble, ...doc.sections.flatMap((section) => section.blocks)];
    for (const block of allCodeBlocks(blocks)) {
      // An indented block has no info string to name a language in.
      if (!block.fenced) continue;
      const source = doc.lines[block.line - 1] ?? '';
      // The model's column is the line's first character, which is `>` inside a blockquote.
      const fence = /`{3,}|~{3,}/.exec(source.slice(block.column - 1));
      const column = block.column + (fence?.index ?? 0);
      const where = { line: block.line, column, endColumn: source.length + 1 };
      if (block.lang === '') {
        ctx.report({ messageId: 'missing', ...where, endColumn: column + (fence?.[0].length ?? 0) });
      } else if (allowed.size > 0 && !allowed.has(block.lang.toLowerCase())) {
        const list = ctx.options.allowed.map((lang) => `\`${lang}\``).join(', ');
        ctx.report({ messageId: 'notAllowed', data: { lang: block.lang, allowed: list }, ...where });
      }
    }
  },
});
