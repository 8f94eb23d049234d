// What a rule file's Markdown says about itself: title, headings, rule ids and scope lines, read from the parsed model.
import type { Block, SpecDocument } from '../../spec/model.js';

export interface BodyFacts {
  title: string | undefined;
  headings: string[];
  ruleIds: string[];
  scopes: string[];
}

// `R-HTTP-001`, `SEC-01`, `RF-16`: an upper-case prefix of one or more dash-separated parts and a number.
const RULE_ID = /\b[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*-\d{2,4}\b/g;
// Standards and algorithms written like ids (`ISO-8601`, `SHA-256`) are references, not project rules.
const NOT_RULE_PREFIX = new Set([
  'ISO',
  'SHA',
  'RFC',
  'AES',
  'UTF',
  'RSA',
  'CVE',
  'CWE',
  'ECMA',
  'IEEE',
  'GPT',
]);
// "Scope:", "**Applies to:**", "Escopo:", "Aplica-se a:", with optional emphasis around the label.
const SCOPE = /^[\s>*_-]*(?:scopes?|applies to|escopo|âmbito|aplica-se a)[*_]*\s*:(.+)$/i;

/** Reads the facts of a parsed rule file; `name` (front matter) wins over the first heading as title. */
export function bodyFacts(doc: SpecDocument, name: string | undefined): BodyFacts {
  const headings = [
    ...(doc.title ? [doc.title.text] : []),
    ...doc.sections.map((section) => section.title),
  ].filter((heading) => heading !== '');
  const prose = [
    ...headings,
    ...doc.preamble.flatMap(blockText),
    ...doc.sections.flatMap((s) => s.blocks.flatMap(blockText)),
  ];
  return {
    title: name ?? headings[0],
    headings,
    ruleIds: unique(prose.flatMap(ruleIdsIn)),
    scopes: unique(prose.flatMap(scopesOf)),
  };
}

/** The prose of a block (code blocks and HTML excluded), one string per paragraph, item or cell. */
function blockText(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.text];
    case 'list':
      return block.items.flatMap((item) => [item.text, ...item.lists.flatMap(blockText)]);
    case 'table':
      return [...block.header, ...block.rows.flat()].map((cell) => cell.text);
    case 'blockquote':
      return block.blocks.flatMap(blockText);
    default:
      return [];
  }
}

function ruleIdsIn(text: string): string[] {
  return [...text.matchAll(RULE_ID)]
    .map((match) => match[0])
    .filter((id) => !NOT_RULE_PREFIX.has(id.slice(0, id.indexOf('-'))));
}

// A line that opens another label (`Severity: hard`, `- Owner:`) ends a scope's continuation lines.
const LABEL = /^[\s>*_-]*[\p{L}][\p{L} -]{0,30}[*_]*\s*:/u;
const MAX_CONTINUATION = 8;

/**
 * The scope lines of one paragraph or item; a value that ends with a comma or `e`/`and` goes on over the next lines
 * (`Escopo: \`a/\`,` then `\`b/\``), which are joined to it.
 */
function scopesOf(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    let value = SCOPE.exec(line)?.[1]
      ?.replace(/^[*_\s]+/, '')
      .trim();
    if (!value) return;
    for (let next = i + 1; next < lines.length && next <= i + MAX_CONTINUATION; next++) {
      const more = lines[next]?.trim() ?? '';
      if (!/(?:,|\b(?:e|and|ou|or))$/.test(value) || more === '' || LABEL.test(more)) break;
      value = `${value} ${more}`;
    }
    out.push(value);
  });
  return out;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
