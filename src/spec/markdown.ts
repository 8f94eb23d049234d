// Adapter over markdown-it: turns its flat token stream into the blocks of our model, with positions.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type {
  Block,
  Comment,
  Heading,
  InlineCode,
  Link,
  List,
  ListItem,
  Span,
  Table,
  TableCell,
} from './model.js';

// Two configured parsers; markdown-it keeps no state between parse() calls. The block parser leaves inline
// content unparsed (the larger half of the work); inline code and links are parsed only when a rule asks.
const markdown = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
markdown.core.ruler.disable(['inline', 'text_join']);
const inlineMarkdown = new MarkdownIt('commonmark', { html: true }).enable(['strikethrough']);

interface Inlines {
  inlineCode: InlineCode[];
  links: Link[];
}

/**
 * A block's inline parse, run when first asked. Blocks expose it through getters written in their object literals
 * (cheaper than Object.defineProperty per block), enumerable like plain properties.
 */
class LazyInlines {
  private parsed: Inlines | undefined;
  constructor(
    private readonly reader: TokenReader,
    private readonly content: string,
    private readonly line: number,
    private readonly endLine: number,
  ) {}

  get(): Inlines {
    return (this.parsed ??= this.reader.parseInlines(this.content, this.line, this.endLine));
  }
}

/** Text with no code span, link or HTML has no inline parse to run (parseInlines would return two empty lists). */
function mayHoldInlines(content: string): boolean {
  return /[`[<]/.test(content);
}

export interface TokenBlocks {
  items: (Block | Heading)[];
  comments: Comment[];
}

/** Parses Markdown into headings and blocks in document order; never throws on content. */
export function parseBlocks(text: string, lines: string[]): TokenBlocks {
  const tokens = markdown.parse(text, {});
  const comments: Comment[] = [];
  const reader = new TokenReader(tokens, lines, comments);
  return { items: reader.readUntil(null), comments };
}

class TokenReader {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly lines: string[],
    private readonly comments: Comment[],
  ) {}

  /** Reads sibling blocks until a closing token of the given type (or the end). */
  readUntil(closeType: string | null): (Block | Heading)[] {
    const out: (Block | Heading)[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (!token) break;
      if (closeType !== null && token.type === closeType) {
        this.index++;
        return out;
      }
      const block = this.readBlock(token);
      if (block) out.push(block);
    }
    return out;
  }

  private readBlock(token: Token): Block | Heading | undefined {
    const map = token.map;
    const line = map ? map[0] + 1 : 1;
    const endLine = map ? Math.max(line, map[1]) : 1;
    switch (token.type) {
      case 'heading_open':
        return this.readHeading(token, line, endLine);
      case 'paragraph_open': {
        const inline = this.tokens[this.index + 1];
        this.index += 3;
        const content = inline?.content ?? '';
        if (!mayHoldInlines(content)) {
          return { kind: 'paragraph', line, endLine, text: content, inlineCode: [], links: [] };
        }
        const inlines = this.inlines(content, line, endLine);
        return {
          kind: 'paragraph',
          line,
          endLine,
          text: content,
          get inlineCode() {
            return inlines.get().inlineCode;
          },
          get links() {
            return inlines.get().links;
          },
        };
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        return this.readList(token, line, endLine);
      case 'table_open':
        return this.readTable(line, endLine);
      case 'fence':
      case 'code_block':
        this.index++;
        return this.codeBlock(token, line, endLine);
      case 'html_block':
        this.index++;
        this.collectComments(token.content, line, 1);
        return { kind: 'html', line, endLine, content: token.content };
      case 'blockquote_open':
        this.index++;
        return { kind: 'blockquote', line, endLine, blocks: this.readUntil('blockquote_close') as Block[] };
      case 'hr':
        this.index++;
        return { kind: 'hr', line, endLine };
      default:
        this.index++;
        return undefined;
    }
  }

  private readHeading(token: Token, line: number, endLine: number): Heading {
    const inline = this.tokens[this.index + 1];
    this.index += 3;
    const content = inline?.content ?? '';
    const commented = content.includes('<!--');
    // Only for its comments (inline directives), which are collected in document order.
    if (commented) this.inlines(content, line, endLine);
    const source = this.lines[line - 1] ?? '';
    const setext = token.markup === '=' || token.markup === '-';
    const column = firstColumn(source);
    return {
      kind: 'heading',
      level: Number(token.tag.slice(1)),
      // Comments in a heading (such as a fixture's expectation) are not part of its title.
      text: (commented ? content.replace(/<!--[\s\S]*?-->/g, '') : content).trim(),
      line,
      endLine,
      column,
      setext,
    };
  }

  private readList(token: Token, line: number, endLine: number): List {
    const closeType = token.type.replace('_open', '_close');
    const items: ListItem[] = [];
    this.index++;
    while (this.index < this.tokens.length) {
      const current = this.tokens[this.index];
      if (!current) break;
      if (current.type === closeType) {
        this.index++;
        break;
      }
      if (current.type !== 'list_item_open') {
        this.index++;
        continue;
      }
      const itemMap = current.map;
      const itemLine = itemMap ? itemMap[0] + 1 : 1;
      const itemEnd = itemMap ? Math.max(itemLine, itemMap[1]) : 1;
      this.index++;
      const children = this.readUntil('list_item_close');
      items.push(this.listItem(children, itemLine, itemEnd));
    }
    return { kind: 'list', ordered: token.type === 'ordered_list_open', line, endLine, items };
  }

  private listItem(children: (Block | Heading)[], line: number, endLine: number): ListItem {
    const first = children.find((child) => child.kind === 'paragraph');
    const raw = first?.kind === 'paragraph' ? first.text : '';
    const box = raw.charCodeAt(0) === 91 ? /^\[([ xX])\]\s+/.exec(raw) : null;
    const paragraph = first?.kind === 'paragraph' ? first : undefined;
    const text = box ? raw.slice(box[0].length) : raw;
    const checked = box ? box[1] !== ' ' : null;
    // Most items are one paragraph with no code span or link: their full text is that paragraph's, their inline
    // lists its (empty) ones, read now rather than through getters.
    if (paragraph && children.length === 1 && !mayHoldInlines(raw)) {
      const { inlineCode, links } = paragraph;
      return {
        line,
        endLine,
        text,
        fullText: raw,
        checked,
        inlineCode,
        links,
        lists: [],
        blocks: [paragraph],
      };
    }
    const lists = children.filter((child): child is List => child.kind === 'list');
    const parts: string[] = [];
    collectText(children, parts);
    return {
      line,
      endLine,
      text,
      fullText: parts.join('\n'),
      checked,
      get inlineCode() {
        return paragraph?.inlineCode ?? [];
      },
      get links() {
        return paragraph?.links ?? [];
      },
      lists,
      blocks: children.filter((child): child is Block => child.kind !== 'heading'),
    };
  }

  private readTable(line: number, endLine: number): Table {
    const rows: TableCell[][] = [];
    let row: TableCell[] | undefined;
    let rowLine = line;
    this.index++;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      this.index++;
      if (!token) break;
      const type = token.type;
      if (type === 'table_close') break;
      if (type === 'tr_open') rows.push((row = []));
      else if (type === 'tr_close') rowLine += rows.length === 1 ? 2 : 1;
      else if (type === 'inline' && row) {
        const text = token.content;
        if (!mayHoldInlines(text)) {
          row.push({ text, line: rowLine, inlineCode: [] });
          continue;
        }
        const inlines = this.inlines(text, rowLine, rowLine);
        row.push({
          text,
          line: rowLine,
          get inlineCode() {
            return inlines.get().inlineCode;
          },
        });
      }
    }
    return { kind: 'table', line, endLine, header: rows[0] ?? [], rows: rows.slice(1) };
  }

  private codeBlock(token: Token, line: number, endLine: number): Block {
    const fenced = token.type === 'fence';
    const info = token.info.trim();
    const content = token.content;
    const contentLines = countLines(content);
    const column = firstColumn(this.lines[line - 1] ?? '');
    const last = (this.lines[endLine - 1] ?? '').trim();
    const closed = !fenced || (endLine > line && last.startsWith(token.markup) && /^([`~])\1*$/.test(last));
    return {
      kind: 'code',
      fenced,
      closed,
      lang: info.split(/\s+/)[0] ?? '',
      info,
      content,
      contentLines,
      line,
      endLine,
      column,
    };
  }

  /**
   * The parse of a block's inline content (code spans and links, located in the source lines), to run when
   * first needed. Content holding a comment is parsed at once, in document order, for inline directives.
   */
  private inlines(content: string, line: number, endLine: number): LazyInlines {
    const inlines = new LazyInlines(this, content, line, endLine);
    if (content.includes('<!--')) inlines.get();
    return inlines;
  }

  parseInlines(content: string, line: number, endLine: number): Inlines {
    const inlineCode: InlineCode[] = [];
    const links: Link[] = [];
    if (!mayHoldInlines(content)) return { inlineCode, links };
    const locator = new Locator(this.lines, line, endLine);
    const children = inlineMarkdown.parseInline(content, {})[0]?.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!child) continue;
      if (child.type === 'code_inline') {
        inlineCode.push({ value: child.content, span: locator.find(child.content, child.markup) });
      } else if (child.type === 'link_open') {
        let text = '';
        for (let j = i + 1; j < children.length && children[j]?.type !== 'link_close'; j++)
          text += children[j]?.content ?? '';
        const href = String(child.attrGet('href') ?? '');
        links.push({ href, text, span: text ? locator.find(text, '[') : locator.find(href) });
      } else if (child.type === 'html_inline') {
        const span = locator.find(child.content);
        this.collectComments(child.content, span.start.line, span.start.column);
      }
    }
    return { inlineCode, links };
  }

  private collectComments(html: string, line: number, column: number): void {
    for (const match of html.matchAll(/<!--([\s\S]*?)-->/g)) {
      const before = html.slice(0, match.index);
      const extraLines = before.split('\n').length - 1;
      const col = extraLines === 0 ? column + before.length : before.length - before.lastIndexOf('\n');
      this.comments.push({ text: (match[1] ?? '').trim(), line: line + extraLines, column: col });
    }
  }
}

/** Walks forward through a block's source lines to find where each inline piece was written. */
class Locator {
  private line: number;
  private column = 0;
  constructor(
    private readonly lines: string[],
    startLine: number,
    private readonly endLine: number,
  ) {
    this.line = startLine;
  }

  /** Finds `needle` (first line of it), preferably right after `opener` such as a backtick run or `[`. */
  find(needle: string, opener = ''): Span {
    const firstPart = needle.split('\n')[0] ?? '';
    for (let line = this.line; line <= this.endLine; line++) {
      const source = this.lines[line - 1] ?? '';
      const from = line === this.line ? this.column : 0;
      const at = firstPart === '' ? -1 : indexAfter(source, opener, firstPart, from);
      if (at >= 0) {
        this.line = line;
        this.column = at + firstPart.length;
        return { start: { line, column: at + 1 }, end: { line, column: at + firstPart.length + 1 } };
      }
    }
    return {
      start: { line: this.line, column: this.column + 1 },
      end: { line: this.line, column: this.column + 1 },
    };
  }
}

function indexAfter(source: string, opener: string, needle: string, from: number): number {
  if (opener !== '') {
    const opened = source.indexOf(opener + needle, from);
    if (opened >= 0) return opened + opener.length;
    const spaced = source.indexOf(`${opener} ${needle}`, from);
    if (spaced >= 0) return spaced + opener.length + 1;
  }
  return source.indexOf(needle, from);
}

/** Lines of a code block's content: its line breaks, plus one for a last line without its own. */
function countLines(content: string): number {
  if (content === '') return 0;
  let breaks = 0;
  for (let at = content.indexOf('\n'); at >= 0; at = content.indexOf('\n', at + 1)) breaks++;
  return content.endsWith('\n') ? breaks : breaks + 1;
}

function firstColumn(source: string): number {
  const match = /\S/.exec(source);
  return match ? match.index + 1 : 1;
}

function collectText(blocks: readonly (Block | Heading)[], out: string[]): void {
  for (const block of blocks) {
    if (block.kind === 'paragraph' || block.kind === 'heading') out.push(block.text);
    else if (block.kind === 'list') for (const item of block.items) out.push(item.fullText);
    else if (block.kind === 'blockquote') collectText(block.blocks, out);
  }
}
