// Front matter, when a spec has it, is a closed `---` block holding a YAML mapping.
import { z } from 'zod';
import type { FrontMatter, SpecDocument } from '../../spec/model.js';
import { defineRule } from '../rule.js';
import { isSpace, trimEnd } from '../../text/scan.js';

export const validFrontMatter = defineRule({
  id: 'valid-front-matter',
  description: 'Requires front matter to be a closed `---` block holding a valid YAML mapping.',
  severity: 'error',
  fixable: false,
  messages: {
    unclosed:
      'Unclosed front matter opened with `---` on line 1, expected a closing `---` line after line {{after}}',
    invalid:
      'Unexpected invalid YAML in front matter: {{detail}}, expected a YAML mapping between `---` lines',
    notMapping: 'Unexpected front matter holding {{kind}}, expected a YAML mapping of `key: value` lines',
  },
  options: z.strictObject({}),
  check(doc, ctx) {
    const front = doc.frontMatter;
    if (!front) return;
    if (front.error) {
      // The parser records an unclosed block as an error on the opening line with nothing read.
      if (front.endLine === front.line) {
        const after = lastYamlLine(doc);
        ctx.report({ messageId: 'unclosed', data: { after }, line: after, column: 1 });
        return;
      }
      ctx.report({
        messageId: 'invalid',
        data: { detail: cleanDetail(front.error.message) },
        line: front.error.line,
        column: front.error.column,
      });
      return;
    }
    const kind = describe(front.data);
    if (kind === undefined) return;
    const line = firstContentLine(doc, front);
    const endLine = Math.max(line, front.endLine - 1);
    const endColumn = (doc.lines[endLine - 1] ?? '').length + 1;
    ctx.report({ messageId: 'notMapping', data: { kind }, line, endLine, endColumn });
  },
});

/** What the front matter holds when it is not a mapping; undefined for a mapping or an empty block. */
function describe(data: unknown): string | undefined {
  if (data === null || data === undefined) return undefined;
  if (Array.isArray(data)) return 'a YAML list';
  if (typeof data === 'object') return undefined;
  const shown = typeof data === 'string' ? data : JSON.stringify(data);
  return `a YAML ${typeof data === 'string' ? 'string' : 'scalar'} \`${shown.slice(0, 40)}\``;
}

/** yaml's messages may end in a period or colon; the detail sits mid-sentence in ours. */
function cleanDetail(message: string): string {
  const detail = trimEnd(message.trim(), (char) => char === '.' || char === ':' || isSpace(char));
  return detail.charAt(0).toLowerCase() + detail.slice(1);
}

function firstContentLine(doc: SpecDocument, front: FrontMatter): number {
  for (let line = front.line + 1; line < front.endLine; line++) {
    const text = (doc.lines[line - 1] ?? '').trim();
    if (text !== '' && !text.startsWith('#')) return line;
  }
  return front.line;
}

/** Where the closing `---` belongs: after the run of lines below the opening one, up to a blank line or heading. */
function lastYamlLine(doc: SpecDocument): number {
  let last = 1;
  for (let line = 2; line <= doc.lines.length; line++) {
    const text = doc.lines[line - 1] ?? '';
    if (text.trim() === '' || /^#{1,6}(\s|$)/.test(text)) break;
    last = line;
  }
  return last;
}
