// Every required template section is present, once, in template order, at the template's heading level.
import { z } from 'zod';
import type { Section, SpecDocument } from '../../spec/model.js';
import type { TemplateSection } from '../../spec/template.js';
import { codeBlocks, offsetAt } from '../../spec/walk.js';
import type { Fix } from '../diagnostic.js';
import { defineRule } from '../rule.js';

export const requiredSections = defineRule({
  id: 'required-sections',
  description: 'Requires every non-optional template section, in template order and at its heading level.',
  severity: 'error',
  fixable: true,
  messages: {
    missing: 'Missing section `{{title}}`, expected it {{where}} as the template requires',
    order:
      'Unexpected section `{{actual}}` before `{{expected}}`, expected template order: `{{expected}}` first',
    level:
      'Unexpected heading level {{actual}} for `{{title}}`, expected level {{expected}} as in the template',
    duplicate:
      'Unexpected second `{{title}}` section (first on line {{first}}), expected each template section once',
  },
  options: z.strictObject({
    /** Report sections whose heading level differs from the template's. */
    checkLevels: z.boolean().default(true),
    /** Template section ids to require even when the template marks them optional. */
    require: z.array(z.string()).default([]),
  }),
  check(doc, ctx) {
    const firstById = new Map<string, Section>();
    for (const section of doc.sections) {
      if (section.id === undefined) continue;
      const first = firstById.get(section.id);
      if (first) {
        ctx.report({
          messageId: 'duplicate',
          data: { title: section.title, first: first.heading.line },
          line: section.heading.line,
        });
      } else firstById.set(section.id, section);
    }
    const sections = ctx.template.sections;
    for (const expected of sections) {
      if (firstById.has(expected.id)) continue;
      if (expected.optional && !ctx.options.require.includes(expected.id)) continue;
      if (expected.parentId && !firstById.has(expected.parentId) && optionalParent(sections, expected))
        continue;
      const next = sections.find((s) => s.order > expected.order && firstById.has(s.id));
      const before = next ? firstById.get(next.id) : undefined;
      const where = before
        ? `before \`${before.title}\` (line ${before.heading.line})`
        : 'at the end of the spec';
      const line = before ? before.heading.line : Math.max(1, doc.lines.length);
      ctx.report({
        messageId: 'missing',
        data: { title: expected.title, where },
        line,
        ...fixField(insertHeading(doc, expected, before)),
      });
    }
    reportFirstOutOfOrder(doc, sections, ctx.report);
    if (ctx.options.checkLevels) {
      for (const section of firstById.values()) {
        const expected = sections.find((s) => s.id === section.id);
        if (!expected || expected.level === section.heading.level) continue;
        const line = doc.lines[section.heading.line - 1] ?? '';
        const hashes = /^(\s*)(#{1,6})/.exec(line);
        const start = offsetAt(doc, section.heading.line, (hashes?.[1]?.length ?? 0) + 1);
        ctx.report({
          messageId: 'level',
          data: { title: section.title, actual: section.heading.level, expected: expected.level },
          line: section.heading.line,
          column: section.heading.column,
          ...(hashes && !section.heading.setext
            ? {
                fix: {
                  range: [start, start + (hashes[2]?.length ?? 0)] as [number, number],
                  text: '#'.repeat(expected.level),
                },
              }
            : {}),
        });
      }
    }
  },
});

function optionalParent(sections: readonly TemplateSection[], child: TemplateSection): boolean {
  return sections.find((s) => s.id === child.parentId)?.optional ?? false;
}

function reportFirstOutOfOrder(
  doc: SpecDocument,
  sections: readonly TemplateSection[],
  report: (r: { messageId: 'order'; data: Record<string, string>; line: number }) => void,
): void {
  const orderOf = new Map(sections.map((s) => [s.id, s.order]));
  let latest: Section | undefined;
  for (const section of doc.sections) {
    const order = section.id === undefined ? undefined : orderOf.get(section.id);
    if (order === undefined) continue;
    const latestOrder = latest?.id === undefined ? -1 : (orderOf.get(latest.id) ?? -1);
    if (latest && order < latestOrder) {
      report({
        messageId: 'order',
        data: { actual: latest.title, expected: section.title },
        line: section.heading.line,
      });
      return;
    }
    latest = section;
  }
}

function insertHeading(doc: SpecDocument, expected: TemplateSection, before: Section | undefined) {
  // Text appended after a fence or an HTML block that is never closed would land inside it.
  if (!before && endsInOpenBlock(doc)) return undefined;
  const heading = `${'#'.repeat(expected.level)} ${expected.title}\n`;
  if (before) {
    const at = offsetAt(doc, before.heading.line);
    return { range: [at, at] as [number, number], text: `${heading}\n` };
  }
  const end = doc.text.length;
  const lead = doc.text.endsWith('\n') ? '\n' : '\n\n';
  return { range: [end, end] as [number, number], text: `${end === 0 ? '' : lead}${heading}` };
}

function fixField(fix: Fix | undefined): { fix?: Fix } {
  return fix ? { fix } : {};
}

function endsInOpenBlock(doc: SpecDocument): boolean {
  const blocks = [...doc.preamble, ...doc.sections.flatMap((s) => s.blocks)];
  return (
    codeBlocks(blocks).some((block) => !block.closed) ||
    blocks.some((block) => block.kind === 'html' && openHtml(block.content))
  );
}

/**
 * The HTML blocks that CommonMark runs on until an end marker rather than a blank line (`<script>`, `<!--`, `<?`,
 * `<!DOCTYPE`, `<![CDATA[`): without that marker, one runs to the end of the document.
 */
const HTML_RUNS: readonly (readonly [RegExp, RegExp])[] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

function openHtml(content: string): boolean {
  for (const [start, end] of HTML_RUNS) {
    const opened = start.exec(content);
    if (opened) return !end.test(content.slice(opened[0].length));
  }
  return false;
}
