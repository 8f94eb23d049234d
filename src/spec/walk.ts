// Read-only helpers for walking the spec model: sections by id and their subtrees, blocks, entries, offsets.
import type { Block, CodeBlock, ListItem, Section, SpecDocument } from './model.js';
import type { Template, TemplateSection } from './template.js';
import { plainText } from '../text/fold.js';
import { codeSpanRanges } from '../text/scan.js';

/** Index of the first section matched to the template id, or -1 (see `sectionIndexes` for every one). */
export function sectionIndex(doc: SpecDocument, id: string): number {
  return doc.sections.findIndex((section) => section.id === id);
}

export function findSection(doc: SpecDocument, id: string): Section | undefined {
  return doc.sections.find((section) => section.id === id);
}

export function templateSection(template: Template, id: string): TemplateSection | undefined {
  return template.sections.find((section) => section.id === id);
}

/** The section's own blocks followed by those of every subsection, in document order. */
export function subtreeBlocks(doc: SpecDocument, index: number): Block[] {
  return subtreeSections(doc, index).flatMap((section) => section.blocks);
}

/** Visits every block, descending into blockquotes and the lists nested in list items. */
export function walkBlocks(blocks: readonly Block[], visit: (block: Block) => void): void {
  for (const block of blocks) {
    visit(block);
    if (block.kind === 'blockquote') walkBlocks(block.blocks, visit);
    if (block.kind === 'list') for (const item of block.items) walkBlocks(item.lists, visit);
  }
}

/** Code blocks outside list items (a fence inside an item's body is the item's, `allCodeBlocks` has those too). */
export function codeBlocks(blocks: readonly Block[]): CodeBlock[] {
  return collectCode(blocks, false);
}

/** Every list item, nested ones included, in document order. */
export function listItems(blocks: readonly Block[]): ListItem[] {
  const out: ListItem[] = [];
  walkBlocks(blocks, (block) => {
    if (block.kind === 'list') out.push(...block.items);
  });
  return out;
}

/** Character offset of a 1-based (line, column) position. */
export function offsetAt(doc: SpecDocument, line: number, column = 1): number {
  const start = doc.lineStarts[line - 1] ?? doc.text.length;
  return Math.min(start + column - 1, doc.text.length);
}

// Model types reached through `Block`, so that these additions leave the import list above as it was.
type InlineCode = Extract<Block, { kind: 'paragraph' }>['inlineCode'][number];
type Link = Extract<Block, { kind: 'paragraph' }>['links'][number];
type TableCell = Extract<Block, { kind: 'table' }>['header'][number];

/** Something a section lists: a list item, a table row or a paragraph, with the labels it sits under. */
export interface Entry {
  kind: 'item' | 'row' | 'paragraph';
  /** The entry's text as written (inline Markdown kept); a row's cells joined by ` | `. */
  text: string;
  line: number;
  /** What the entry sits under, outermost first: subsection titles, a lead-in paragraph, parent list items. */
  labels: string[];
  /** For a table row: its header's cells and its own, in column order ([] otherwise). */
  header: string[];
  cells: string[];
  /** Code spans, link targets and bare words with a `/` or a `.` in them, in reading order. */
  refs: EntryRef[];
  /** `text` with every reference blanked out, so that words around references can be searched safely. */
  prose: string;
}

export interface EntryRef {
  value: string;
  source: 'code' | 'link' | 'text';
  /** Offset in `Entry.text`, to relate the reference to the words around it. */
  offset: number;
  line: number;
  column: number;
  endColumn: number;
}

/**
 * The entries of a section and its subsections, in document order. Subsection titles label their entries; so does a
 * paragraph ending in `:` (or all in bold) right before a list or table, and a list item for the list nested in it.
 */
export function sectionEntries(doc: SpecDocument, index: number): Entry[] {
  const root = doc.sections[index];
  if (!root) return [];
  const out: Entry[] = [];
  const titles = new Map<number, string[]>([[index, []]]);
  for (let i = index; i < doc.sections.length; i++) {
    const section = doc.sections[i];
    if (!section || section.heading.line > root.endLine) break;
    const parentTitles = section.parent === undefined ? [] : (titles.get(section.parent) ?? []);
    const own = i === index ? [] : [...parentTitles, section.title];
    titles.set(i, own);
    collectEntries(doc, section.blocks, own, out);
  }
  return out;
}

function collectEntries(doc: SpecDocument, blocks: readonly Block[], labels: string[], out: Entry[]): void {
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    const lead =
      previous?.kind === 'paragraph' && isLeadIn(previous.text) ? [...labels, previous.text] : labels;
    if (block.kind === 'paragraph') {
      out.push(entryOf(doc, 'paragraph', block.text, block.line, labels, block.inlineCode, block.links));
    } else if (block.kind === 'list') {
      collectItems(doc, block.items, lead, out);
    } else if (block.kind === 'table') {
      const header = block.header.map((cell) => cell.text);
      for (const row of block.rows) out.push(rowEntry(doc, row, header, lead));
    } else if (block.kind === 'blockquote') {
      collectEntries(doc, block.blocks, labels, out);
    }
  });
}

function collectItems(doc: SpecDocument, items: readonly ListItem[], labels: string[], out: Entry[]): void {
  for (const item of items) {
    out.push(entryOf(doc, 'item', item.text, item.line, labels, item.inlineCode, item.links));
    for (const list of item.lists) collectItems(doc, list.items, [...labels, item.text], out);
  }
}

/** `**Backend (new):**`, `Files to change:`: a short paragraph that names the group of what follows. */
function isLeadIn(text: string): boolean {
  const bare = text.trim();
  return /:[*_\s]*$/.test(bare) || /^(\*\*|__)[^*_]+\1$/.test(bare);
}

function entryOf(
  doc: SpecDocument,
  kind: Entry['kind'],
  text: string,
  line: number,
  labels: string[],
  codes: readonly InlineCode[],
  links: readonly Link[],
): Entry {
  const { refs, prose } = scanInline(doc, text, line, 0, codes, links);
  return { kind, text, line, labels, header: [], cells: [], refs, prose };
}

function rowEntry(doc: SpecDocument, row: readonly TableCell[], header: string[], labels: string[]): Entry {
  const cells = row.map((cell) => cell.text);
  const refs: EntryRef[] = [];
  const prose: string[] = [];
  let offset = 0;
  for (const cell of row) {
    const scanned = scanInline(doc, cell.text, cell.line, offset, cell.inlineCode, []);
    refs.push(...scanned.refs);
    prose.push(scanned.prose);
    offset += cell.text.length + 3;
  }
  const line = row[0]?.line ?? 1;
  return {
    kind: 'row',
    text: cells.join(' | '),
    line,
    labels,
    header,
    cells,
    refs,
    prose: prose.join(' | '),
  };
}

// A label holds no `[` (a run of `[` without `](` would rescan to each `]`). `(?=(\s*))\2` takes the spaces
// atomically, so that no two space quantifiers can trade them; a title starts after a space. Groups: 1 label, 3 target.
const LINK = /!?\[((?:[^[\]\\]|\\.)*)\]\((?=(\s*))\2<?([^)\s>]*)>?(?=(\s*))\4(?:(?<=\s)["'(][^)]*)?\)/g;
const WORD = /[^\s|]+/g;

/** Finds the references in one run of inline Markdown; positions come from the model's spans where it has them. */
function scanInline(
  doc: SpecDocument,
  text: string,
  line: number,
  base: number,
  codes: readonly InlineCode[],
  links: readonly Link[],
): { refs: EntryRef[]; prose: string } {
  const refs: EntryRef[] = [];
  // Ranges are blanked once per pass: blanking each as it was found copied the whole text per reference.
  let pending: [number, number][] = [];
  const blank = (from: number, to: number): void => {
    pending.push([from, to]);
  };
  const masking = (current: string): string => {
    let out = '';
    let at = 0;
    for (const [from, to] of pending) {
      out += current.slice(at, from) + ' '.repeat(to - from);
      at = to;
    }
    pending = [];
    return out + current.slice(at);
  };
  let masked = text;
  const locate = (value: string, at: number): Pick<EntryRef, 'line' | 'column' | 'endColumn'> =>
    locateInLines(doc, text, line, at, value);
  codeSpanRanges(text).forEach((range, k) => {
    const value = text.slice(range.start + range.ticks, range.end - range.ticks).trim();
    const at = range.start + range.ticks;
    const code = codes[k];
    const span = code?.value.trim() === value ? code.span : undefined;
    const where = span
      ? { line: span.start.line, column: span.start.column, endColumn: span.end.column }
      : locate(value, at);
    refs.push({ value, source: 'code', offset: base + at, ...where });
    blank(range.start, range.end);
  });
  masked = masking(masked);
  [...masked.matchAll(LINK)].forEach((match, k) => {
    const label = match[1] ?? '';
    // `[`src/a.ts`](…)`: the code span already names the file; its target would name it twice.
    const hasCode = text.slice(match.index, match.index + label.length + 2).includes('`');
    const href = match[3] ?? '';
    const link = links[k];
    const span = link?.href === href ? link.span : undefined;
    if (!hasCode && href !== '') {
      const at = match.index + match[0].indexOf(href, label.length + 2);
      const where = span
        ? { line: span.start.line, column: span.start.column, endColumn: span.end.column }
        : locate(href, at);
      refs.push({ value: href, source: 'link', offset: base + at, ...where });
    }
    blank(match.index, match.index + match[0].length);
  });
  masked = masking(masked);
  for (const match of masked.matchAll(WORD)) {
    const value = trimWord(match[0]);
    if (!/[/.]/.test(value)) continue;
    const at = match.index + match[0].indexOf(value);
    refs.push({ value, source: 'text', offset: base + at, ...locate(value, at) });
    blank(at, at + value.length);
  }
  masked = masking(masked);
  refs.sort((a, b) => a.offset - b.offset);
  return { refs, prose: masked };
}

const WORD_LEAD = new Set('*_("\'[<');
const WORD_TAIL = new Set('*_)"\']>.,;:!?');

/**
 * A bare word without the emphasis, brackets and punctuation around it (`(src/a.ts),` → `src/a.ts`). Two index
 * walks, linear in the word: the regex it replaces backtracked quadratically on a word of 100,000 dots.
 */
function trimWord(word: string): string {
  let start = 0;
  while (start < word.length && WORD_LEAD.has(word[start] ?? '')) start++;
  let end = word.length;
  while (end > start && WORD_TAIL.has(word[end - 1] ?? '')) end--;
  return word.slice(start, end);
}

/** Position of `value` found at `offset` of a block's inline text that starts on `line`. */
function locateInLines(
  doc: SpecDocument,
  text: string,
  line: number,
  offset: number,
  value: string,
): Pick<EntryRef, 'line' | 'column' | 'endColumn'> {
  const before = text.slice(0, offset);
  const at = line + (before.match(/\n/g)?.length ?? 0);
  const source = doc.lines[at - 1] ?? '';
  const lead = before.slice(before.lastIndexOf('\n') + 1);
  const found = source.indexOf(value, Math.max(0, source.indexOf(lead.trimStart().slice(0, 20))));
  const column = (found >= 0 ? found : source.indexOf(value) >= 0 ? source.indexOf(value) : 0) + 1;
  return { line: at, column, endColumn: column + value.length };
}

/** Every code block, those written inside list items included. */
export function allCodeBlocks(blocks: readonly Block[]): CodeBlock[] {
  return collectCode(blocks, true);
}

function collectCode(blocks: readonly Block[], inItems: boolean): CodeBlock[] {
  const out: CodeBlock[] = [];
  const visit = (inside: readonly Block[]): void => {
    for (const block of inside) {
      if (block.kind === 'code') out.push(block);
      else if (block.kind === 'blockquote') visit(block.blocks);
      else if (block.kind === 'list')
        for (const item of block.items) visit(inItems ? item.blocks : item.lists);
    }
  };
  visit(blocks);
  return out;
}

/** Anything a reader sees counts, however short ("N/A"); HTML comments and thematic breaks do not. */
export function hasContent(block: Block): boolean {
  switch (block.kind) {
    case 'hr':
      return false;
    case 'html':
      return block.content.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '';
    case 'blockquote':
      return block.blocks.some(hasContent);
    case 'paragraph':
      return block.text.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '';
    default:
      return true;
  }
}

/** Indexes of every section matched to the template id (a spec may repeat one by mistake). */
export function sectionIndexes(doc: SpecDocument, id: string): number[] {
  const out: number[] = [];
  doc.sections.forEach((section, index) => {
    if (section.id === id) out.push(index);
  });
  return out;
}

/** The section at `index` followed by all of its subsections, in document order. */
export function subtreeSections(doc: SpecDocument, index: number): Section[] {
  const root = doc.sections[index];
  if (!root) return [];
  const out = [root];
  for (let i = index + 1; i < doc.sections.length; i++) {
    const section = doc.sections[i];
    if (!section || section.heading.line > root.endLine) break;
    out.push(section);
  }
  return out;
}

/** The direct subsections of the section at `index`. */
export function childSections(doc: SpecDocument, index: number): Section[] {
  return subtreeSections(doc, index).filter((section) => section.parent === index);
}

/** 1-based column of the first match of `pattern` (or text) on a line at or after `from`; 1 when absent. */
export function columnOf(doc: SpecDocument, line: number, needle: string | RegExp, from = 0): number {
  const source = doc.lines[line - 1] ?? '';
  if (typeof needle === 'string') {
    const at = needle === '' ? -1 : source.indexOf(needle, from);
    return at >= 0 ? at + 1 : 1;
  }
  const flags = needle.flags.includes('g') ? needle.flags : `${needle.flags}g`;
  const re = new RegExp(needle.source, flags);
  re.lastIndex = from;
  const match = re.exec(source);
  return match ? match.index + 1 : 1;
}

/** A short quotable excerpt of a block's text: plain words, at most `max` characters. */
export function excerpt(text: string, max = 48): string {
  const plain = plainText((text.split('\n')[0] ?? '').replace(/<!--[\s\S]*?(?:-->|$)/g, ''));
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).trimEnd()}…`;
}
