// The template as data: any template Markdown file becomes an ordered schema of sections with stable ids.
import { createHash } from 'node:crypto';
import { parseSpec } from './parse.js';
import { normalizeTitle, headingSlug } from './text.js';

export interface SectionConstraints {
  /** "≤20 lines per example": the longest code example the section should hold. */
  maxExampleLines?: number;
  /** "1-2 paragraphs": how many paragraphs the section should have. */
  paragraphs?: { min: number; max: number };
}

export interface TemplateSection {
  /** Stable id: the title's slug, prefixed by the parent's id (`implementation-design/main-interfaces`). */
  id: string;
  title: string;
  level: number;
  parentId: string | undefined;
  /** Position in template order, 0-based. */
  order: number;
  /** The bracketed guidance under the heading, without the brackets; '' when there is none. */
  guidance: string;
  optional: boolean;
  constraints: SectionConstraints;
}

export interface Template {
  title: string;
  /** First 12 hex digits of the template text's SHA-256: recorded in specs created from it. */
  version: string;
  sections: TemplateSection[];
  text: string;
  /**
   * Titles of a project template's headings that map onto no section of the default template (no title, preset or
   * alias matched): they are sections of their own, which no content rule knows. Empty for the default template.
   */
  unmapped: string[];
}

// English and Portuguese: a translated template marks its optional sections in its own words.
const OPTIONAL_MARKERS =
  /\b(if applicable|include only if|if needed|optional|se aplic[áa]vel|incluir somente se|apenas se|se necess[áa]rio|opcional)\b/i;

/** Parses a template file into its schema. Headings of level 2 and deeper are sections. */
export function loadTemplate(text: string): Template {
  const doc = parseSpec(text);
  const sections: TemplateSection[] = [];
  const idAt = new Map<number, string>();
  doc.sections.forEach((section, index) => {
    const parentId = section.parent === undefined ? undefined : idAt.get(section.parent);
    const id = parentId ? `${parentId}/${headingSlug(section.title)}` : headingSlug(section.title);
    idAt.set(index, id);
    const ownEnd = doc.sections[index + 1]?.heading.line ?? doc.lines.length + 1;
    const guidance = readGuidance(doc.lines.slice(section.heading.endLine, ownEnd - 1));
    const firstLine = guidance.split('\n')[0] ?? '';
    sections.push({
      id,
      title: section.title,
      level: section.heading.level,
      parentId,
      order: sections.length,
      guidance,
      optional: OPTIONAL_MARKERS.test(firstLine),
      constraints: readConstraints(guidance),
    });
  });
  markOptionalParents(sections);
  return {
    title: doc.title?.text ?? 'Technical Specification',
    version: createHash('sha256').update(text).digest('hex').slice(0, 12),
    sections,
    text,
    unmapped: [],
  };
}

/**
 * A project's own template (a translation, a copy with sections added) with every heading that matches a section of
 * `reference` (by title, preset or alias; see indexSections) given that section's id, so that every content rule
 * keyed to an id works with it; constraints the project's guidance does not state (`≤20 lines`) come from
 * `reference`. Headings that match nothing keep their own ids and are listed in `unmapped`.
 */
export function alignTemplate(
  custom: Template,
  reference: Template,
  aliases: Record<string, readonly string[]>,
): Template {
  const index = indexSections(reference, aliases);
  const byId = new Map(reference.sections.map((s) => [s.id, s]));
  const newIds = new Map<string, string>();
  const used = new Set<string>();
  const unmapped: string[] = [];
  const sections = custom.sections.map((section) => {
    const parentId = section.parentId === undefined ? undefined : newIds.get(section.parentId);
    const matched = index.match(section.title, parentId, section.level);
    const known = matched === undefined || used.has(matched) ? undefined : byId.get(matched);
    const id =
      known?.id ?? (parentId ? `${parentId}/${headingSlug(section.title)}` : headingSlug(section.title));
    newIds.set(section.id, id);
    if (known) used.add(known.id);
    else unmapped.push(section.title);
    const constraints = { ...known?.constraints, ...section.constraints };
    return {
      ...section,
      id,
      parentId,
      constraints,
      optional: section.optional || (known?.optional ?? false),
    };
  });
  return { ...custom, sections, unmapped };
}

/** A parent without guidance of its own is optional when every child is. */
function markOptionalParents(sections: TemplateSection[]): void {
  for (const section of [...sections].reverse()) {
    const children = sections.filter((s) => s.parentId === section.id);
    if (section.guidance === '' && children.length > 0) section.optional = children.every((c) => c.optional);
  }
}

function readGuidance(lines: string[]): string {
  const text = lines.join('\n').trim();
  if (!text.startsWith('[')) return '';
  return text.slice(1, text.endsWith(']') ? -1 : undefined).trim();
}

function readConstraints(guidance: string): SectionConstraints {
  const constraints: SectionConstraints = {};
  const lines = /(?:≤|<=|at most|no more than|max(?:imum)?|no máximo|até)\s*(\d+)\s*(?:lines|linhas)/i.exec(
    guidance,
  );
  if (lines?.[1]) constraints.maxExampleLines = Number(lines[1]);
  const paragraphs = /(\d{1,4})\s{0,3}(?:-|–|to|a)\s{0,3}(\d{1,4})\s{0,3}(?:paragraphs?|parágrafos?)/i.exec(
    guidance,
  );
  if (paragraphs?.[1] && paragraphs[2]) {
    constraints.paragraphs = { min: Number(paragraphs[1]), max: Number(paragraphs[2]) };
  }
  return constraints;
}

/** Titles (and aliases) by normalised form → section ids, so headings can be matched in any language. */
export interface SectionIndex {
  /** The template section id a heading is, if any; headings more than one level off never match. */
  match(title: string, parentId: string | undefined, level: number): string | undefined;
}

export function indexSections(template: Template, aliases: Record<string, readonly string[]>): SectionIndex {
  const byTitle = new Map<string, string[]>();
  const add = (title: string, id: string): void => {
    const key = normalizeTitle(title);
    const ids = byTitle.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    byTitle.set(key, ids);
  };
  for (const section of template.sections) add(section.title, section.id);
  for (const [id, titles] of Object.entries(aliases)) for (const title of titles) add(title, id);
  const levelOf = new Map(template.sections.map((s) => [s.id, s]));
  // Longest first, so that `Riscos Conhecidos Controlados` takes `Riscos Conhecidos` before `Riscos`. Each head's
  // `head ` prefix and ` head` suffix are built once here, not once per heading matched.
  const heads = [...byTitle.keys()]
    .sort((a, b) => b.length - a.length)
    .map((head) => ({ head, prefix: `${head} `, suffix: head.includes(' ') ? undefined : ` ${head}` }));
  return {
    match(title, parentId, level) {
      const fits = (id: string): boolean => {
        const section = levelOf.get(id);
        if (!section) return true;
        if (Math.abs(section.level - level) > 1) return false;
        // A subsection of a template section (`### 8. Observability` inside Implementation Design) is part of
        // it, not a top-level section out of place, unless it sits at that section's own level.
        return !(parentId !== undefined && section.parentId === undefined && section.level !== level);
      };
      const normalized = normalizeTitle(title);
      const ids = byVariant(title, normalized, fits) ?? byHeadWords(normalized, fits);
      if (!ids) return undefined;
      if (ids.length === 1) return ids[0];
      const byParent = ids.find((id) => levelOf.get(id)?.parentId === parentId);
      return byParent ?? ids[0];
    },
  };

  /**
   * The ids of the first variant of the title that names a section that fits (each variant normalised once;
   * `normalized` is the title's own normal form).
   */
  function byVariant(title: string, normalized: string, fits: (id: string) => boolean): string[] | undefined {
    const seen: string[] = [];
    for (const variant of titleVariants(title)) {
      if (seen.includes(variant)) continue;
      seen.push(variant);
      const found = byTitle.get(variant === title ? normalized : normalizeTitle(variant))?.filter(fits);
      if (found !== undefined && found.length > 0) return found;
    }
    return undefined;
  }

  /**
   * A heading that starts with a section's title or alias and goes on (`Dependências Técnicas Bloqueantes`), or,
   * for one-word aliases such as `Interfaces`, ends with it (`Repository Interfaces`, `Contracts (DTOs and
   * Interfaces)`).
   */
  function byHeadWords(words: string, fits: (id: string) => boolean): string[] | undefined {
    for (const { head, prefix, suffix } of heads) {
      if (!words.startsWith(prefix) && !(suffix !== undefined && words.endsWith(suffix))) continue;
      const ids = byTitle.get(head)?.filter(fits);
      if (ids && ids.length > 0) return ids;
    }
    return undefined;
  }
}

/** A heading as written, then without a trailing qualifier: `Core Interfaces (Use Cases)`, `Build Order — phases`. */
function titleVariants(title: string): string[] {
  const withoutParenthesis = withoutTrailingParenthesis(title);
  const beforeSeparator = (title.split(/\s[—–-]\s|:\s/)[0] ?? title).trimEnd();
  return [title, withoutParenthesis, beforeSeparator];
}

/** `Core Interfaces (Use Cases)` → `Core Interfaces`: a last `(…)` with nothing after it but spaces, removed. */
function withoutTrailingParenthesis(title: string): string {
  const end = title.trimEnd();
  if (!end.endsWith(')')) return title;
  const open = end.lastIndexOf('(');
  if (open === -1 || end.slice(open, -1).includes(')')) return title;
  return end.slice(0, open).trimEnd();
}
