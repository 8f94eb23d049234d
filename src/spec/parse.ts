// Markdown text → SpecDocument: front matter, headings grouped into sections matched to template ids.
import { LineCounter, parseDocument } from 'yaml';
import { parseBlocks } from './markdown.js';
import type { Block, FrontMatter, Heading, SpecDocument } from './model.js';
import { stripNumbering } from './text.js';

/** Decides which template section a heading is, given the id of the section it sits in. */
export type SectionMatcher = (
  title: string,
  parentId: string | undefined,
  level: number,
) => string | undefined;

export interface ParseOptions {
  path?: string;
  match?: SectionMatcher;
}

/** Parses a spec once; content problems (bad YAML, odd headings) are recorded, never thrown. */
export function parseSpec(text: string, options: ParseOptions = {}): SpecDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A plain split when there is no carriage return (most files): the same lines without a regex.
  const lines = source.includes('\r') ? source.split(/\r?\n/) : source.split('\n');
  const frontMatter = readFrontMatter(lines);
  // Blank the front matter so that markdown-it keeps document-absolute line numbers.
  const body = frontMatter
    ? lines.map((line, i) => (i < frontMatter.endLine ? '' : line)).join('\n')
    : source;
  const { items, comments } = parseBlocks(body, lines);
  const doc: SpecDocument = {
    path: options.path ?? '<text>',
    text: source,
    lines,
    lineStarts: lineStartsOf(source, lines),
    frontMatter,
    title: undefined,
    preamble: [],
    sections: [],
    comments,
  };
  groupSections(doc, items, options.match ?? (() => undefined));
  return doc;
}

function groupSections(doc: SpecDocument, items: (Block | Heading)[], match: SectionMatcher): void {
  const open: number[] = [];
  for (const item of items) {
    if (item.kind !== 'heading') {
      const current = doc.sections.at(-1);
      (current ? current.blocks : doc.preamble).push(item);
      continue;
    }
    while (open.length > 0 && (doc.sections[open.at(-1) ?? 0]?.heading.level ?? 0) >= item.level) open.pop();
    const parent = open.at(-1);
    const parentId = parent === undefined ? undefined : doc.sections[parent]?.id;
    const title = stripNumbering(item.text);
    const id = match(title, parentId, item.level);
    if (item.level === 1 && id === undefined && doc.title === undefined && doc.sections.length === 0) {
      doc.title = item;
      continue;
    }
    doc.sections.push({ heading: item, title, id, parent, blocks: [], endLine: item.endLine });
    open.push(doc.sections.length - 1);
  }
  const lastLine = lastContentLine(doc.lines);
  const sections = doc.sections;
  sections.forEach((section, index) => {
    let next: (typeof sections)[number] | undefined;
    for (let i = index + 1; i < sections.length && next === undefined; i++) {
      const later = sections[i];
      if (later && later.heading.level <= section.heading.level) next = later;
    }
    section.endLine = next ? next.heading.line - 1 : Math.max(lastLine, section.heading.endLine);
  });
}

/**
 * The offset where each line starts, from the split lines (one step per line, not per character): each line is
 * followed by `\n` or `\r\n`. Equal to lineOffsets(source).
 */
function lineStartsOf(source: string, lines: readonly string[]): number[] {
  const starts = [0];
  let at = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    at += (lines[i] ?? '').length;
    at += source.charCodeAt(at) === 13 ? 2 : 1;
    starts.push(at);
  }
  return starts;
}

function lastContentLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if ((lines[i] ?? '').trim() !== '') return i + 1;
  return 1;
}

function readFrontMatter(lines: string[]): FrontMatter | undefined {
  if (lines[0]?.trimEnd() !== '---') return undefined;
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) {
    return {
      raw: '',
      data: undefined,
      line: 1,
      endLine: 1,
      error: { message: 'Front matter opened with `---` on line 1 is never closed', line: 1, column: 1 },
    };
  }
  const raw = lines.slice(1, close).join('\n');
  // Without pretty errors, yaml leaves `linePos` unset: positions come from the offsets via a line counter.
  const counter = new LineCounter();
  const parsed = parseDocument(raw, { prettyErrors: false, lineCounter: counter });
  const first = parsed.errors[0];
  const at = first ? counter.linePos(first.pos[0]) : undefined;
  const error = first
    ? {
        message: first.message.split('\n')[0] ?? first.message,
        line: (at?.line ?? 1) + 1,
        column: at?.col ?? 1,
      }
    : undefined;
  if (error) return { raw, data: undefined, line: 1, endLine: close + 1, error };
  try {
    return { raw, data: parsed.toJS() as unknown, line: 1, endLine: close + 1, error: undefined };
  } catch (thrown) {
    // yaml accepts an unresolved alias such as `globs: *.ts` when parsing and throws only when converting.
    const alias = raw.split('\n').findIndex((line) => /(?::|^\s*-)\s+\*/.test(line));
    const message =
      alias >= 0
        ? 'a value starts with `*`, which YAML reads as an alias'
        : ((thrown instanceof Error ? thrown.message : String(thrown)).split('\n')[0] ?? '');
    const error = { message, line: alias >= 0 ? alias + 2 : 2, column: 1 };
    return { raw, data: undefined, line: 1, endLine: close + 1, error };
  }
}

/** What parsing needs of a config: how it matches headings to the template's sections (its aliases and presets). */
export interface SectionMatching {
  sections: { match(title: string, parentId: string | undefined, level: number): string | undefined };
}

/** Parses a spec with the config's section matching: the one way every surface reads a spec. */
export function parseFor(text: string, file: string, config: SectionMatching): SpecDocument {
  return parseSpec(text, {
    path: file,
    match: (title, parentId, level) => config.sections.match(title, parentId, level),
  });
}
