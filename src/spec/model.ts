// The parsed form of a spec: every block and inline element keeps its 1-based line and column.

/** A position in a document, both 1-based; columns count UTF-16 code units as editors do. */
export interface Position {
  line: number;
  column: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export interface InlineCode {
  value: string;
  span: Span;
}

export interface Link {
  href: string;
  text: string;
  span: Span;
}

interface BlockBase {
  /** First line of the block (1-based). */
  line: number;
  /** Last line of the block (1-based, inclusive). */
  endLine: number;
}

export interface Heading extends BlockBase {
  kind: 'heading';
  level: number;
  text: string;
  /** Column of the first `#` (or of the text, for setext headings). */
  column: number;
  setext: boolean;
}

export interface Paragraph extends BlockBase {
  kind: 'paragraph';
  text: string;
  inlineCode: InlineCode[];
  links: Link[];
}

export interface ListItem extends BlockBase {
  /** The item's own text: its first paragraph. */
  text: string;
  /** Everything inside the item, nested lists included, one block per line. */
  fullText: string;
  checked: boolean | null;
  inlineCode: InlineCode[];
  links: Link[];
  lists: List[];
  /** Every block inside the item, in order: paragraphs, nested lists, code blocks, tables, quotes. */
  blocks: Block[];
}

export interface List extends BlockBase {
  kind: 'list';
  ordered: boolean;
  items: ListItem[];
}

export interface TableCell {
  text: string;
  line: number;
  inlineCode: InlineCode[];
}

export interface Table extends BlockBase {
  kind: 'table';
  header: TableCell[];
  rows: TableCell[][];
}

export interface CodeBlock extends BlockBase {
  kind: 'code';
  fenced: boolean;
  /** False for a fence that runs to the end of the document without its closing marker. */
  closed: boolean;
  /** First word of the info string, or '' when none. */
  lang: string;
  info: string;
  content: string;
  /** Lines of content between the fences. */
  contentLines: number;
  /** Column of the opening fence marker. */
  column: number;
}

export interface HtmlBlock extends BlockBase {
  kind: 'html';
  content: string;
}

export interface Blockquote extends BlockBase {
  kind: 'blockquote';
  blocks: Block[];
}

export interface Rule extends BlockBase {
  kind: 'hr';
}

export type Block = Paragraph | List | Table | CodeBlock | HtmlBlock | Blockquote | Rule;

/** An HTML comment anywhere outside code, with where it starts: the carrier of inline directives. */
export interface Comment {
  text: string;
  line: number;
  column: number;
}

export interface Section {
  heading: Heading;
  /** Title with numbering and trailing colon removed, as written otherwise. */
  title: string;
  /** Template section id this heading matched, by title or alias; undefined for extra sections. */
  id: string | undefined;
  /** Index in `SpecDocument.sections` of the enclosing section, if any. */
  parent: number | undefined;
  /** Blocks between this heading and the next heading of any level. */
  blocks: Block[];
  /** Last line of the section including its subsections. */
  endLine: number;
}

export interface FrontMatter {
  raw: string;
  data: unknown;
  line: number;
  endLine: number;
  error: { message: string; line: number; column: number } | undefined;
}

export interface SpecDocument {
  path: string;
  text: string;
  lines: string[];
  lineStarts: number[];
  frontMatter: FrontMatter | undefined;
  /** The first level-1 heading when it is not itself a template section. */
  title: Heading | undefined;
  /** Blocks before the first heading. */
  preamble: Block[];
  sections: Section[];
  comments: Comment[];
}
