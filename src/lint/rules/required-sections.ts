// Every required template section is present, once, in template order, at the template's heading level.
import { z } from 'zod';
import type { Section, SpecDocument } from '../../spec/model.js';
import type { SectionIndex, TemplateSection } from '../../spec/template.js';
import type { Project } from '../../workspace/project.js';
import { PRESETS } from '../../spec/presets.js';
import { normalizeTitle } from '../../spec/text.js';
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
    const nameOf = sectionNamer(doc, sections);
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

/**
 * How a missing section is named: as the spec names its sections. A spec whose headings are mostly the Portuguese
 * titles (`Resumo Executivo`, `Riscos Conhecidos`) gets `Arquivos Relevantes`, not `Relevant Files`.
 */
function sectionNamer(
  doc: SpecDocument,
  sections: readonly TemplateSection[],
): (section: TemplateSection) => string {
  const portuguese = PRESETS['pt-BR'] ?? {};
  const titleOf = new Map(sections.map((s) => [s.id, normalizeTitle(s.title)]));
  let pt = 0;
  let en = 0;
  for (const section of doc.sections) {
    if (section.id === undefined) continue;
    const title = normalizeTitle(section.title);
    if (title === titleOf.get(section.id)) en++;
    else if ((portuguese[section.id] ?? []).some((alias) => normalizeTitle(alias) === title)) pt++;
  }
  return (section) => (pt > en ? (portuguese[section.id]?.[0] ?? section.title) : section.title);
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

function insertHeading(
  doc: SpecDocument,
  expected: TemplateSection,
  before: Section | undefined,
  title: string,
) {
  // Text appended after a fence or an HTML block that is never closed would land inside it.
  if (!before && endsInOpenBlock(doc)) return undefined;
  const heading = `${'#'.repeat(expected.level)} ${title}\n`;
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
