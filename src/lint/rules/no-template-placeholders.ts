// Template guidance and filler words (`TBD`, `TODO`, lorem ipsum) left in a spec's prose.
import { z } from 'zod';
import type { Block, SpecDocument } from '../../spec/model.js';
import type { Template } from '../../spec/template.js';
import { defineRule } from '../rule.js';
import { countWords } from '../../spec/text.js';
import { replaceBetween, replaceCodeSpans } from '../../text/scan.js';
import { fold } from '../../text/fold.js';

const WORDS = ['TBD', 'TODO', 'FIXME', 'XXX'];

export const noTemplatePlaceholders = defineRule({
  id: 'no-template-placeholders',
  description:
    'Disallows template guidance and filler words such as `TBD`, `TODO` or lorem ipsum left in a spec.',
  severity: 'error',
  fixable: false,
  messages: {
    bracketed: 'Unexpected bracketed placeholder `{{text}}`, expected the content it asks for',
    guidance:
      'Unexpected template guidance `{{text}}` left in the spec, expected it replaced by the content it asks for',
    word: 'Unexpected placeholder `{{word}}`, expected finished content in its place',
    title: "Unexpected template title `{{text}}` as the spec's title, expected the name of the feature",
    emptyTitle: "Unexpected empty title, expected the spec's H1 to name the feature",
  },
  options: z.strictObject({
    /** Extra placeholder words, matched as whole words and case-sensitively. */
    words: z.array(z.string().min(1)).default([]),
  }),
  check(doc, ctx) {
    // The template's own H1 (`Tech Spec Template`, `Template de Especificação Técnica`) left as the title, or an
    // H1 with no text at all; `# Email Template Editor` names a feature.
    if (doc.title && doc.title.text.trim() === '') {
      ctx.report({ messageId: 'emptyTitle', line: doc.title.line });
    } else if (doc.title && isTemplateTitle(doc.title.text)) {
      ctx.report({
        messageId: 'title',
        data: { text: doc.title.text.slice(0, 60) },
        line: doc.title.line,
      });
    }
    const guidance = guidanceIndex(ctx.template);
    const words = [...WORDS, ...ctx.options.words];
    const [wordsPattern, loremPattern] = placeholderPatterns(ctx.options.words);
    // Cheap tests first: most pieces hold none of the words, and the whole-word patterns are costly (lorem ipsum's
    // runs only on text that holds `lorem`).
    const holdsWord = (text: string): boolean => words.some((w) => text.includes(w));
    for (const piece of textPieces(doc)) {
      const at = (offset: number) => locate(doc, piece, offset);
      // Comments are not content: `[Describe it] <!-- note -->` is still a bare placeholder.
      const whole = (
        piece.text.includes('<!--') ? piece.text.replace(/<!--[\s\S]*?-->/g, '') : piece.text
      ).trim();
      if (isBracketed(whole)) {
        const text = whole.replace(/\s+/g, ' ').slice(0, 60);
        ctx.report({ messageId: 'bracketed', data: { text }, ...at(piece.text.indexOf('[')) });
        continue;
      }
      // A bold or italic label (`**Critical Test Scenarios:**`) titles the author's own content below it.
      // So does a heading with content under it (`### Critical Test Scenarios` followed by the scenarios).
      const label = /^([*_]{1,2})[^*_]+\1:?$/.test(whole) || piece.titlesContent === true;
      const left = label ? undefined : guidance.find(whole, piece.sectionId);
      if (left !== undefined) {
        ctx.report({
          messageId: 'guidance',
          data: { text: left.slice(0, 60) },
          ...at(piece.text.search(/\S/)),
        });
        continue;
      }
      const lorem = /lorem/i.test(piece.text);
      if (!lorem && !holdsWord(piece.text)) continue;
      const patterns = lorem ? [wordsPattern, loremPattern] : [wordsPattern];
      const visible = maskCode(piece.text);
      const found = patterns.flatMap((pattern) => [...visible.matchAll(pattern)]);
      for (const match of found.sort((a, b) => a.index - b.index)) {
        const word = match[0];
        if (openAlternative(visible, match.index, word.length)) continue;
        const start = at(match.index);
        ctx.report({ messageId: 'word', data: { word }, ...start, endColumn: start.column + word.length });
      }
    }
  },
});

interface TextPiece {
  /** Inline Markdown source of a heading, paragraph, list item or table cell. */
  text: string;
  line: number;
  sectionId: string | undefined;
  /** A heading with blocks or subsections under it. */
  titlesContent?: boolean;
}

function textPieces(doc: SpecDocument): TextPiece[] {
  const out: TextPiece[] = [];
  const visit = (blocks: readonly Block[], sectionId: string | undefined): void => {
    for (const block of blocks) {
      if (block.kind === 'paragraph') out.push({ text: block.text, line: block.line, sectionId });
      else if (block.kind === 'blockquote') visit(block.blocks, sectionId);
      else if (block.kind === 'table')
        for (const cell of [...block.header, ...block.rows.flat()])
          out.push({ text: cell.text, line: cell.line, sectionId });
      else if (block.kind === 'list')
        for (const item of block.items) {
          // The item's first paragraph is read as `item.text`, without its task checkbox.
          const first = item.blocks.find((inner) => inner.kind === 'paragraph');
          out.push({ text: item.text, line: first?.line ?? item.line, sectionId });
          visit(
            item.blocks.filter((inner) => inner !== first),
            sectionId,
          );
        }
    }
  };
  if (doc.title) out.push({ text: doc.title.text, line: doc.title.line, sectionId: undefined });
  visit(doc.preamble, undefined);
  for (const section of doc.sections) {
    const titlesContent = section.blocks.length > 0 || section.endLine > section.heading.endLine;
    out.push({
      text: section.heading.text,
      line: section.heading.line,
      sectionId: section.id,
      titlesContent,
    });
    visit(section.blocks, section.id);
  }
  return out;
}

// The words of a template's own title: `Technical Specification Template`, `Template de Especificação Técnica`.
const TITLE_WORDS = new Set(
  'template modelo tech technical spec specification techspec especificacao tecnica de da do of for the a'.split(
    ' ',
  ),
);

/** An H1 made only of template-title words, one of them `template` or `modelo`. */
function isTemplateTitle(text: string): boolean {
  const words = fold(text).match(/[a-z]+/g) ?? [];
  return words.some((w) => w === 'template' || w === 'modelo') && words.every((w) => TITLE_WORDS.has(w));
}

/**
 * A filler word that is one side of an `a / b` choice whose other side is decided, `(MailHog dev / TBD prod)`:
 * the author marks one open decision beside a made one, not a leftover. The choice ends at a bracket, a table
 * cell or a line break; its sides are split at ` / ` (spaced, so paths such as `a/TBD` never count).
 */
function openAlternative(text: string, index: number, length: number): boolean {
  const stops = '()[]|\n';
  let start = index;
  while (start > 0 && !stops.includes(text.charAt(start - 1))) start--;
  let end = index + length;
  while (end < text.length && !stops.includes(text.charAt(end))) end++;
  const sides = text.slice(start, end).split(/\s\/\s/);
  if (sides.length < 2) return false;
  let at = start;
  let own = '';
  const others: string[] = [];
  for (const side of sides) {
    if (index >= at && index < at + side.length) own = side;
    else others.push(side);
    at += side.length + 3;
  }
  // The word's own side is short (`TBD prod`); another side names something (`MailHog dev`).
  return (
    countWords(own) <= 3 &&
    others.some((side) => /\p{L}{2}/u.test(side) && !WORDS.some((w) => side.includes(w)))
  );
}

/** A whole block that is one bracketed phrase, `[Describe the flow here]`; not `[x]`, links or `[a] → [b]`. */
function isBracketed(text: string): boolean {
  if (!text.startsWith('[') || !text.endsWith(']')) return false;
  if (isListLiteral(text)) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '[') depth++;
    if (text[i] === ']' && --depth === 0 && i < text.length - 1) return false;
  }
  return countWords(text.slice(1, -1)) >= 2;
}

/** A JSON or YAML flow array, `["billing", "urgent"]` or `[1, 2, 3]`: data, not guidance. */
function isListLiteral(text: string): boolean {
  const items = text.slice(1, -1).split(',');
  if (items.length < 2) return false;
  return items.every((item) =>
    /^\s*(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|true|false|null|[\w.:-]+)\s*$/.test(item),
  );
}

/** Hides inline code, HTML comments and link destinations (keeping offsets) so their words are not read. */
function maskCode(text: string): string {
  const blank = (part: string) => part.replace(/[^\n]/g, ' ');
  return replaceBetween(replaceCodeSpans(text, blank), '<!--', '-->', blank).replace(
    /\]\([^)]*\)|<[a-z]+:[^>\s]*>/gi,
    blank,
  );
}

// The patterns of a config's extra words (an options array, immutable once resolved): compiled once, not per spec.
const compiledPatterns = new WeakMap<readonly string[], [RegExp, RegExp]>();

function placeholderPatterns(extra: readonly string[]): [RegExp, RegExp] {
  let patterns = compiledPatterns.get(extra);
  if (!patterns) {
    patterns = [wordPattern([...WORDS, ...extra], 'gu'), wordPattern(['lorem ipsum'], 'giu')];
    compiledPatterns.set(extra, patterns);
  }
  return patterns;
}

function wordPattern(words: readonly string[], flags: string): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Whole words only: not part of a name, path, file name (`TODO.md`) or mask such as `XXX.XXX-XX`.
  const before = String.raw`(?<![\p{L}\p{N}_\-./\\])`;
  const after = String.raw`(?![\p{L}\p{N}_\-/\\]|[.,:][\p{L}\p{N}])`;
  return new RegExp(`${before}(?:${escaped.join('|').replace(/ /g, '\\s+')})${after}`, flags);
}

type GuidanceIndex = ReturnType<typeof buildGuidanceIndex>;

// A memo keyed by the (immutable) template: concurrent lints share it safely, and it goes with the template.
const indexes = new WeakMap<Template, GuidanceIndex>();

function guidanceIndex(template: Template): GuidanceIndex {
  let index = indexes.get(template);
  if (!index) indexes.set(template, (index = buildGuidanceIndex(template)));
  return index;
}

/** Template guidance lines, normalised, for matching leftovers in any section. */
function buildGuidanceIndex(template: Template) {
  const lines = new Map<string, Set<string>>();
  const sentences = new Map<string, string>();
  // The longest word of every line and sentence: a text holding none of them cannot reproduce any.
  const anchors = new Set<string>();
  const anchor = (key: string): void => {
    const longest = (key.match(/\p{L}+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (longest !== '') anchors.add(longest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  };
  for (const section of template.sections) {
    const text = section.guidance.replace(/```[\s\S]*?```/g, '');
    for (const line of text.split('\n')) {
      const key = normalize(line);
      if (countWords(key) < 2) continue;
      lines.set(key, (lines.get(key) ?? new Set()).add(section.id));
      anchor(key);
      for (const sentence of line.split(/(?<=[.!?])\s+/)) {
        const part = normalize(sentence);
        if (countWords(part) < 6) continue;
        sentences.set(part, sentence.replace(/^\[/, '').trim());
        anchor(part);
      }
    }
  }
  const mayReproduce = anchors.size > 0 ? new RegExp([...anchors].join('|'), 'iu') : /(?!)/;
  // In insertion order, as the map iterates; a text shorter than a sentence cannot hold it.
  const sentenceList = [...sentences].map(([sentence, original]) => ({ sentence, original }));
  return {
    /** The guidance a text reproduces: a whole line (short ones only in their own section) or a long sentence. */
    find(text: string, sectionId: string | undefined): string | undefined {
      if (!mayReproduce.test(text)) return undefined;
      const key = normalize(text);
      const owners = lines.get(key);
      if (owners && (countWords(key) >= 3 || (sectionId !== undefined && owners.has(sectionId)))) return text;
      for (const { sentence, original } of sentenceList)
        if (sentence.length <= key.length && key.includes(sentence)) return original;
      return undefined;
    },
  };
}

function normalize(text: string): string {
  const folded = text
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/[[\]`*_]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  // Trailing spaces and punctuation, trimmed by hand: the equivalent regex backtracks on long pieces.
  let end = folded.length;
  while (end > 0 && ' :;.,'.includes(folded.charAt(end - 1))) end--;
  return folded.slice(0, end).trim();
}

/** Source position of an offset into a piece's text: its line inside the block, its column in that line. */
function locate(doc: SpecDocument, piece: TextPiece, offset: number): { line: number; column: number } {
  const before = piece.text.slice(0, Math.max(0, offset));
  const row = before.split('\n').length - 1;
  const textLine = piece.text.split('\n')[row] ?? '';
  const inLine = offset - (before.lastIndexOf('\n') + 1);
  const line = Math.min(piece.line + row, doc.lines.length);
  const source = doc.lines[line - 1] ?? '';
  const at = source.indexOf(textLine.trim());
  const lead = textLine.length - textLine.trimStart().length;
  const column = at >= 0 ? at + inLine - lead + 1 : 1;
  return { line, column: Math.min(Math.max(column, 1), source.length + 1) };
}
