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
 * A memo of a block's inline parse. Blocks expose it through getters written in their object literals
 * (cheaper than Object.defineProperty per block), enumerable like plain properties.
 */
function memo(compute: () => Inlines): () => Inlines {
  let cached: Inlines | undefined;
  return () => (cached ??= compute());
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
    const [line, endLine] = this.range(token);
    switch (token.type) {
      case 'heading_open':
        return this.readHeading(token, line, endLine);
      case 'paragraph_open': {
        const inline = this.tokens[this.index + 1];
        this.index += 3;
        const content = inline?.content ?? '';
        const inlines = memo(this.inlines(content, line, endLine));
        return {
          kind: 'paragraph',
          line,
          endLine,
          text: content,
          get inlineCode() {
            return inlines().inlineCode;
          },
          get links() {
            return inlines().links;
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
    this.inlines(inline?.content ?? '', line, endLine);
    const source = this.lines[line - 1] ?? '';
    const setext = token.markup === '=' || token.markup === '-';
    const column = firstColumn(source);
    return {
      kind: 'heading',
      level: Number(token.tag.slice(1)),
      // Comments in a heading (such as a fixture's expectation) are not part of its title.
      text: (inline?.content ?? '').replace(/<!--[\s\S]*?-->/g, '').trim(),
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
      const [itemLine, itemEnd] = this.range(current);
      this.index++;
      const children = this.readUntil('list_item_close');
      items.push(this.listItem(children, itemLine, itemEnd));
    }
    return { kind: 'list', ordered: token.type === 'ordered_list_open', line, endLine, items };
  }

  private listItem(children: (Block | Heading)[], line: number, endLine: number): ListItem {
    const first = children.find((child) => child.kind === 'paragraph');
    const raw = first?.kind === 'paragraph' ? first.text : '';
    const box = /^\[([ xX])\]\s+/.exec(raw);
    const lists = children.filter((child): child is List => child.kind === 'list');
    const parts: string[] = [];
    collectText(children, parts);
    const paragraph = first?.kind === 'paragraph' ? first : undefined;
    return {
      line,
      endLine,
      text: box ? raw.slice(box[0].length) : raw,
      fullText: parts.join('\n'),
      checked: box ? box[1] !== ' ' : null,
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
    let rowLine = line;
    this.index++;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      this.index++;
      if (!token || token.type === 'table_close') break;
      if (token.type === 'tr_open') rows.push([]);
      if (token.type === 'tr_close') rowLine += rows.length === 1 ? 2 : 1;
      if (token.type === 'inline') {
        const inlines = memo(this.inlines(token.content, rowLine, rowLine));
        rows.at(-1)?.push({
          text: token.content,
          line: rowLine,
          get inlineCode() {
            return inlines().inlineCode;
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
    const contentLines = content === '' ? 0 : content.replace(/\n$/, '').split('\n').length;
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
  private inlines(content: string, line: number, endLine: number): () => Inlines {
    const parse = (): Inlines => this.parseInlines(content, line, endLine);
    if (!content.includes('<!--')) return parse;
    const parsed = parse();
    return () => parsed;
  }

  private parseInlines(content: string, line: number, endLine: number): Inlines {
    const inlineCode: InlineCode[] = [];
    const links: Link[] = [];
    if (!/[`[<]/.test(content)) return { inlineCode, links };
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

  private range(token: Token): [number, number] {
    const map = token.map;
    if (!map) return [1, 1];
    return [map[0] + 1, Math.max(map[0] + 1, map[1])];
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
