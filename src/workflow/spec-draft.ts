// A new spec's text: the template as written, its title set, front matter recorded, and the sections that the context
// engine can answer (Standards Compliance, Relevant Files) filled with one list item per rule or file.
import type { ResolvedConfig } from '../lint/config.js';
import { parseFor } from '../spec/parse.js';
import { templateSection } from '../spec/walk.js';
import { titleIn, type Language } from '../spec/language.js';
import type { SpecDocument } from '../spec/model.js';
import { setFrontMatterField } from '../spec/front-matter-edit.js';
import { templateLanguage } from './layout.js';
import { trimEnd } from '../text/scan.js';

export const STANDARDS_SECTION = 'technical-considerations/standards-compliance';
export const RELEVANT_FILES_SECTION = 'technical-considerations/relevant-files';

/** One list item of a pre-filled section: a repository path and why the context engine chose it. */
export interface DraftItem {
  path: string;
  reason: string;
}

export interface DraftInput {
  config: ResolvedConfig;
  /** The title after `Tech Spec: `. */
  title: string;
  /** Front matter keys in order. */
  fields: readonly (readonly [string, string])[];
  /** The language of the spec's headings (default: the template's own). */
  language?: Language;
  /** Items per template section id; a section with no items keeps the template's guidance. */
  fill: ReadonlyMap<string, readonly DraftItem[]>;
}

export interface Draft {
  content: string;
  /** Template section ids of `fill` that the template does not have. */
  missing: string[];
}

/** The template's text with the title line, the filled sections and the front matter in place; LF line endings. */
export function draftSpec(input: DraftInput): Draft {
  const text = input.config.template.text.replace(/\r\n/g, '\n');
  const doc = parseFor(text, '<template>', input.config);
  const lines = [...doc.lines];
  // Heading lines are rewritten in place before any section is filled: line numbers stay those of `doc`.
  const language = input.language ?? templateLanguage(input.config);
  localizeHeadings(lines, doc, input.config, language);
  const missing: string[] = [];
  // Replace from the last section up, so that earlier line numbers stay valid.
  const edits = [...input.fill.entries()]
    .map(([id, items]) => {
      // A project template may hold the section at another depth: `relevant-files` for `## Relevant Files`.
      const leaf = id.split('/').at(-1) ?? id;
      const index = doc.sections.findIndex(
        (section) => section.id === id || section.id === leaf || section.id?.endsWith(`/${leaf}`) === true,
      );
      if (index < 0) missing.push(id);
      return { index, items };
    })
    .filter((edit) => edit.index >= 0 && edit.items.length > 0)
    .sort((a, b) => b.index - a.index);
  for (const { index, items } of edits) {
    const section = doc.sections[index];
    if (!section) continue;
    const next = doc.sections[index + 1];
    const start = section.heading.endLine; // 0-based index of the first line after the heading
    const end = next ? next.heading.line - 1 : lines.length;
    const trailing = next ? [''] : [];
    lines.splice(start, end - start, '', ...items.map(listItem), ...trailing);
  }
  const label = language === 'pt-BR' ? 'Especificação Técnica' : 'Tech Spec';
  const heading = `# ${label}: ${input.title.replace(/\s+/g, ' ').trim()}`;
  if (doc.title) lines.splice(doc.title.line - 1, doc.title.endLine - doc.title.line + 1, heading);
  else lines.unshift(heading, '');
  let content = `${trimEnd(lines.join('\n'), '\n')}\n`;
  // The first field creates the front matter (unless the template has one); each next one is added after it.
  for (const [key, value] of input.fields) content = setFrontMatterField(content, key, value);
  return { content, missing };
}

/** Rewrites each template heading in `language` when the template is in another one (titles from the presets). */
function localizeHeadings(
  lines: string[],
  doc: SpecDocument,
  config: ResolvedConfig,
  language: Language,
): void {
  const from = templateLanguage(config);
  if (from === language) return;
  for (const section of doc.sections) {
    const known = section.id === undefined ? undefined : templateSection(config.template, section.id);
    const line = lines[section.heading.line - 1];
    if (!known || line === undefined || section.heading.setext) continue;
    lines[section.heading.line - 1] =
      `${'#'.repeat(section.heading.level)} ${titleIn(known, language, from)}`;
  }
}

/** `- \`path\` <!-- context: reason -->`: the reason stays in the source for the author, out of the rendered page. */
function listItem(item: DraftItem): string {
  const reason = item.reason.replace(/\s+/g, ' ').replace(/-{2,}/g, '-').replace(/-$/, '').trim();
  const code = item.path.includes('`') ? `\`\` ${item.path} \`\`` : `\`${item.path}\``;
  return reason === '' ? `- ${code}` : `- ${code} <!-- context: ${reason} -->`;
}
