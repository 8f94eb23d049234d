// Every required template section is present, once, in template order, at the template's heading level.
import { z } from 'zod';
import type { Section, SpecDocument } from '../../spec/model.js';
import { englishTitles, languageOfTitles, titleIn, type Language } from '../../spec/language.js';
import type { Template, TemplateSection } from '../../spec/template.js';
import { hasContent, offsetAt } from '../helpers.js';
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
    const language = specLanguage(doc, ctx.template);
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
        ...fixField(insertHeading(doc, expected, before, language)),
      });
    }
    reportFirstOutOfOrder(doc, sections, ctx.report);
    if (ctx.options.checkLevels) {
      for (const section of firstById.values()) {
        const expected = sections.find((s) => s.id === section.id);
        if (!expected || expected.level === section.heading.level) continue;
        const fixable = keepsContent(doc, section, expected.level);
        const line = doc.lines[section.heading.line - 1] ?? '';
        const hashes = /^(\s*)(#{1,6})/.exec(line);
        const start = offsetAt(doc, section.heading.line, (hashes?.[1]?.length ?? 0) + 1);
        ctx.report({
          messageId: 'level',
          data: { title: section.title, actual: section.heading.level, expected: expected.level },
          line: section.heading.line,
          column: section.heading.column,
          ...(hashes && !section.heading.setext && fixable
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

/** The spec's language and its template's, told from their headings (see spec/language.ts). */
function specLanguage(doc: SpecDocument, template: Template): { spec: Language; template: Language } {
  const english = englishTitles(template.sections);
  const own =
    languageOfTitles(
      template.sections.map((s) => s.title),
      english,
    ) ?? 'en';
  const titles = doc.sections.filter((s) => s.id !== undefined).map((s) => s.title);
  return { spec: languageOfTitles(titles, english) ?? own, template: own };
}

/**
 * A missing heading is inserted only where it groups what follows: right before the first present subsection of
 * it, at its level, in the spec's language. Anywhere else it would be an empty section (a new finding) or would
 * take the paragraphs before the next heading as its own, so the finding is left for the author.
 */
function insertHeading(
  doc: SpecDocument,
  expected: TemplateSection,
  before: Section | undefined,
  language: { spec: Language; template: Language },
) {
  if (!before?.id?.startsWith(`${expected.id}/`) || before.heading.level <= expected.level) return undefined;
  // The heading before, if it only groups what follows, would be left empty by a heading at its level or above.
  const previous = doc.sections[doc.sections.indexOf(before) - 1];
  if (previous && previous.heading.level >= expected.level && !previous.blocks.some(hasContent))
    return undefined;
  const title = titleIn(expected, language.spec, language.template);
  const at = offsetAt(doc, before.heading.line);
  return { range: [at, at] as [number, number], text: `${'#'.repeat(expected.level)} ${title}\n\n` };
}

/**
 * A level change that leaves the section with something under it: content of its own, or a next heading that
 * stays its subsection. Otherwise the fix would turn a grouping heading into an empty section (a new finding).
 */
function keepsContent(doc: SpecDocument, section: Section, level: number): boolean {
  if (section.blocks.some(hasContent)) return true;
  const next = doc.sections[doc.sections.indexOf(section) + 1];
  return next !== undefined && next.heading.level > level;
}

function fixField(fix: Fix | undefined): { fix?: Fix } {
  return fix ? { fix } : {};
}
