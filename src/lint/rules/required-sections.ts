// Every required template section is present, once, in template order, at the template's heading level.
import { z } from 'zod';
import type { Section, SpecDocument } from '../../spec/model.js';
import { englishTitles, languageOfTitles, titleIn, type Language } from '../../spec/language.js';
import type { SectionIndex, Template, TemplateSection } from '../../spec/template.js';
import type { Project } from '../../workspace/project.js';
import { hasContent, offsetAt } from '../../spec/walk.js';
import { stripNumbering } from '../../spec/text.js';
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
    paragraph:
      'Unexpected paragraph `{{text}}` in place of the `{{title}}` heading, expected the heading `{{heading}}`',
  },
  options: z.strictObject({
    /** Report sections whose heading level differs from the template's. */
    checkLevels: z.boolean().default(false),
    /** Template section ids to require even when the template marks them optional. */
    require: z.array(z.string()).default([]),
  }),
  check(doc, ctx) {
    const firstById = new Map<string, Section>();
    for (const section of doc.sections) {
      if (section.id === undefined) continue;
      const first = firstById.get(section.id);
      // A section split on purpose (`Unit Tests (Backend)`, `Unit Tests (Frontend)`) is one section in parts.
      if (first && first.title !== section.title) continue;
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
    const nameOf = (section: TemplateSection): string => titleIn(section, language.spec, language.template);
    const repositoryTemplate = repositoryTemplateIds(ctx.project, ctx.sections, new Set(firstById.keys()));
    for (const expected of sections) {
      if (firstById.has(expected.id)) continue;
      // The repository's own tech spec template leaves this section out: the spec follows that template.
      if (repositoryTemplate && !repositoryTemplate.has(expected.id)) continue;
      if (expected.optional && !ctx.options.require.includes(expected.id)) continue;
      if (expected.parentId && !firstById.has(expected.parentId) && optionalParent(sections, expected))
        continue;
      // A parent there with content of its own but none of its template children (`## Testing Approach` with its
      // own subheadings) is organised the team's way: its children are not asked for one by one.
      if (ownStructure(doc, expected, firstById, sections)) continue;
      // A parent whose child stands at its place (`## Risks and Considerations`) is there in that child.
      if (sections.some((s) => s.parentId === expected.id && firstById.has(s.id))) continue;
      if (listedInParent(expected, expected.parentId ? firstById.get(expected.parentId) : undefined))
        continue;
      // A paragraph that names the section (`**Relevant Files**`, `Arquivos Relevantes:`) was meant as its
      // heading: what follows it is read as part of the section before (code pasted into Standards Compliance).
      const standIn = ctx.sections ? paragraphHeading(doc, expected, ctx.sections) : undefined;
      if (standIn) {
        ctx.report({
          messageId: 'paragraph',
          data: {
            text: standIn.text,
            title: nameOf(expected),
            heading: `${'#'.repeat(expected.level)} ${standIn.text}`,
          },
          line: standIn.line,
        });
        continue;
      }
      const next = sections.find((s) => s.order > expected.order && firstById.has(s.id));
      const before = next ? firstById.get(next.id) : undefined;
      const where = before
        ? `before \`${before.title}\` (line ${before.heading.line})`
        : 'at the end of the spec';
      const line = before ? before.heading.line : Math.max(1, doc.lines.length);
      ctx.report({
        messageId: 'missing',
        data: { title: nameOf(expected), where },
        line,
        ...fixField(insertHeading(doc, expected, before, nameOf(expected))),
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

function ownStructure(
  doc: SpecDocument,
  expected: TemplateSection,
  found: ReadonlyMap<string, Section>,
  sections: readonly TemplateSection[],
): boolean {
  const parent = expected.parentId === undefined ? undefined : found.get(expected.parentId);
  if (!parent) return false;
  const siblings = sections.filter((s) => s.parentId === expected.parentId);
  if (siblings.some((s) => found.has(s.id) || listedInParent(s, parent))) return false;
  const index = doc.sections.indexOf(parent);
  const hasSubsections = doc.sections.some((s) => s.parent === index);
  return hasSubsections || parent.blocks.some((block) => block.kind !== 'html');
}

/** Enough matched headings to call a repository file a version of this template rather than something else. */
const MIN_TEMPLATE_MATCHES = 5;

/**
 * The template section ids of the repository's own tech spec template that this spec follows, when the repository
 * keeps one that is recognisably a version of this template: of several (an English and a Portuguese one), the one
 * that holds most of the spec's sections and, among those, the fewest it lacks. Undefined when there is none.
 */
function repositoryTemplateIds(
  project: Project | undefined,
  index: SectionIndex | undefined,
  present: ReadonlySet<string>,
): Set<string> | undefined {
  const files = project?.specTemplates;
  if (!index || !files || files.length === 0) return undefined;
  let best: { ids: Set<string>; held: number; extra: number } | undefined;
  for (const { headings } of files) {
    const found = new Set<string>();
    const idAt: (string | undefined)[] = [];
    for (const { title, level } of headings) {
      const parentId = idAt
        .slice(0, level)
        .reverse()
        .find((id) => id !== undefined);
      const id = index.match(title.replace(/^\d+(\.\d+)*\.?\s+/, ''), parentId, level);
      idAt.length = level;
      idAt[level] = id;
      if (id !== undefined) found.add(id);
    }
    if (found.size < MIN_TEMPLATE_MATCHES) continue;
    const held = [...present].filter((id) => found.has(id)).length;
    const extra = [...found].filter((id) => !present.has(id)).length;
    if (!best || held > best.held || (held === best.held && extra < best.extra))
      best = { ids: found, held, extra };
  }
  return best?.ids;
}

/**
 * A section whose guidance is a numbered list (Build Order) is there when its parent (Development Sequencing) holds
 * a numbered list directly, before any subsection.
 */
function listedInParent(expected: TemplateSection, parent: Section | undefined): boolean {
  if (!parent || !/^1\.\s/m.test(expected.guidance)) return false;
  return parent.blocks.some((block) => block.kind === 'list' && block.ordered);
}

/**
 * A one-line paragraph of a few words, emphasis and a final colon aside, that the section index matches to the
 * expected section, with blocks after it in its section: a heading written as a paragraph.
 */
function paragraphHeading(
  doc: SpecDocument,
  expected: TemplateSection,
  index: SectionIndex,
): { text: string; line: number } | undefined {
  for (const section of doc.sections) {
    const blocks = section.blocks;
    for (let i = 0; i < blocks.length - 1; i++) {
      const block = blocks[i];
      if (block?.kind !== 'paragraph' || block.text.includes('\n')) continue;
      const text = stripNumbering(stripEmphasis(block.text));
      if (text === '' || text.split(/\s+/).length > 6 || /[`[\]()]/.test(text)) continue;
      if (index.match(text, section.id, expected.level) === expected.id) return { text, line: block.line };
    }
  }
  return undefined;
}

/** `**Relevant Files:**` → `Relevant Files`: a paragraph written as a label. */
function stripEmphasis(text: string): string {
  let out = text.trim();
  const marks = /^([*_]{1,2})([^*_]+)\1$/.exec(out);
  if (marks?.[2] !== undefined) out = marks[2].trim();
  while (out.endsWith(':')) out = out.slice(0, -1).trimEnd();
  return out;
}

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
  const seen = new Set<string>();
  for (const section of doc.sections) {
    const order = section.id === undefined ? undefined : orderOf.get(section.id);
    // A second part of a section already placed says nothing about the order of the template's sections.
    if (order === undefined || section.id === undefined || seen.has(section.id)) continue;
    seen.add(section.id);
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
  title: string,
) {
  if (!before?.id?.startsWith(`${expected.id}/`) || before.heading.level <= expected.level) return undefined;
  // The heading before, if it only groups what follows, would be left empty by a heading at its level or above.
  const previous = doc.sections[doc.sections.indexOf(before) - 1];
  if (previous && previous.heading.level >= expected.level && !previous.blocks.some(hasContent))
    return undefined;
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
