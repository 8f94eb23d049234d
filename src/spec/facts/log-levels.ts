// Finds the log level names a spec writes: `INFO` beside "level", `[WARN]`, `ERROR:` list leads, a Level column.
import type { Block, InlineCode, List, SpecDocument, Table } from '../model.js';
import { fold, isPlainAscii, plainText, withoutCode } from '../../text/fold.js';
import { columnOf } from '../walk.js';
import { mentionsLogs } from './topics.js';
import { isSpace, trimEnd } from '../../text/scan.js';

export interface LevelName {
  level: string;
  line: number;
  column: number;
  endColumn: number;
}

// Case-insensitive by hand: the same pattern sits next to case-sensitive `[A-Z]{3,}` below.
const LEVEL_WORD =
  '(?:[Nn][IÍií]ve(?:l|is)|NIVE(?:L|IS)|[Ll]evels?|LEVELS?|[Ss]everity|SEVERITY|[Ss]everidade)';
const BEFORE = new RegExp(`${LEVEL_WORD}\\s*(?:(?:de|is|é|=|:|to|set to|como|em)\\s*)?$`);
const AFTER = new RegExp(`^\\s*${LEVEL_WORD}\\b`);
const LEAD = /^\*{0,2}(`?)\[?([A-Za-z]+)\]?\1\*{0,2}\s*:/;
const LEVEL_COLUMN = /^(?:log )?(?:level|nivel|severity|severidade)(?: de log)?$/;
const LEVEL_LEAD_IN = new RegExp(`${LEVEL_WORD}\\s*:?\\**$`, 'i');
/** How far from a code span "level" is looked for: the longest word and connector with room for spaces. */
const NEAR_CHARS = 48;
/** Words that stand for "some level" in format strings such as `[LEVEL] message`. */
const PLACEHOLDERS = new Set(['level', 'levels', 'nivel', 'niveis', 'severity', 'x']);

/** A block that is never a list of levels. */
const no = (): boolean => false;

/** Does a block of text discuss log levels ("log level", "nível de log", `LOG_LEVEL`)? */
export function discussesLogLevels(text: string): boolean {
  // Every form holds `log`: plain ASCII text without it in any case (most text) is answered without folding.
  if (!/log/i.test(text) && isPlainAscii(text)) return false;
  return /\blog(?:ging)?[ _-]?levels?\b|\bniveis? de log\b|\bloglevel\b/.test(fold(text));
}

/** Level names written in the blocks; `known` tells list leads apart from other `Word:` labels. */
export function collectLevels(
  doc: SpecDocument,
  blocks: readonly Block[],
  known: (word: string) => boolean,
  onlyWhere: (text: string) => boolean,
): LevelName[] {
  const out: LevelName[] = [];
  const push = (level: string, line: number, column: number): void => {
    if (!PLACEHOLDERS.has(fold(level))) out.push({ level, line, column, endColumn: column + level.length });
  };
  const fromText = (
    text: string,
    inlineCode: () => readonly InlineCode[],
    lineRange: () => Lines,
    leadIsLevelList: () => boolean,
    around = '',
  ): void => {
    if (!onlyWhere(`${text} ${around}`)) return;
    // Lines and whether the list is one of levels are worked out only for text in scope: most text is not.
    const lines = lineRange();
    const leadIsLevel = leadIsLevelList();
    // Inline code is parsed on demand: only for text in scope.
    const codes = inlineCode();
    // A block spans several lines; a plain word is reported on the line that holds it.
    const locate = (word: string): void => {
      const re = new RegExp(`\\b${word}\\b`);
      const line = lines.find((l) => re.test(doc.lines[l - 1] ?? '')) ?? lines[0] ?? 1;
      push(word, line, columnOf(doc, line, re));
    };
    const lead = LEAD.exec(text);
    let from = 0;
    for (const code of codes) {
      const word = /^\[?([A-Za-z]+)\]?$/.exec(code.value)?.[1];
      const at = text.indexOf(`\`${code.value}\``, from);
      from = at < 0 ? from : at + code.value.length + 2;
      if (!word || at < 0) continue;
      // A bounded window each side: the whole prefix per code span was quadratic in a line of many spans.
      const near =
        BEFORE.test(text.slice(Math.max(0, at - NEAR_CHARS), at)) ||
        AFTER.test(text.slice(from, from + NEAR_CHARS));
      const isLead = leadIsLevel && lead?.[1] === '`' && lead[2] === word && /^\**$/.test(text.slice(0, at));
      // `[WORD]` is a level in a log-line format; in a sentence about something else it is a marker (`[REDACTED]`).
      const bracketed = code.value.startsWith('[') && (known(word) || mentionsLogs(withoutCode(text)));
      if (bracketed || near || isLead) {
        push(word, code.span.start.line, code.span.start.column + (code.value.startsWith('[') ? 1 : 0));
      }
    }
    if (leadIsLevel && lead?.[2] && lead[1] === '') locate(lead[2]);
    const plain = withoutCode(text);
    if (!mentionsLogs(plain)) return;
    const re = new RegExp(`${LEVEL_WORD}\\s+(?:de\\s+)?([A-Z]{3,})\\b|\\b([A-Z]{3,})\\s+${LEVEL_WORD}`, 'g');
    for (const match of plain.matchAll(re)) {
      locate(match[1] ?? match[2] ?? '');
    }
  };
  const visit = (block: Block, parentText: string): void => {
    if (block.kind === 'paragraph')
      fromText(
        block.text,
        () => block.inlineCode,
        () => range(block.line, block.endLine),
        no,
      );
    else if (block.kind === 'blockquote') for (const inner of block.blocks) visit(inner, parentText);
    else if (block.kind === 'table') fromTable(doc, block, onlyWhere, push, fromText);
    else if (block.kind === 'list') {
      let levelList: boolean | undefined;
      const isLevels = (): boolean => (levelList ??= isLevelList(block, known, parentText));
      for (const item of block.items) {
        fromText(
          item.text,
          () => item.inlineCode,
          () => range(item.line, (item.lists[0]?.line ?? item.endLine + 1) - 1),
          isLevels,
          parentText,
        );
        for (const nested of item.lists) visit(nested, item.text);
      }
    }
  };
  let lead = '';
  for (const block of blocks) {
    visit(block, lead);
    lead = block.kind === 'paragraph' ? block.text : '';
  }
  return out;
}

/** A list of levels: most of its `Word:` leads are known levels, or its parent says it lists levels. */
function isLevelList(list: List, known: (word: string) => boolean, parentText: string): boolean {
  if (LEVEL_LEAD_IN.test(trimEnd(plainText(parentText), isSpace).slice(-NEAR_CHARS))) return true;
  const leads = list.items.map((item) => LEAD.exec(item.text)?.[2]).filter((word) => word !== undefined);
  const hits = leads.filter(known).length;
  return hits > 0 && hits * 2 >= leads.length;
}

type Push = (level: string, line: number, column: number) => void;
type Lines = readonly number[];
type FromText = (
  text: string,
  inlineCode: () => readonly InlineCode[],
  lines: () => Lines,
  leadIsLevel: () => boolean,
  around?: string,
) => void;

function fromTable(
  doc: SpecDocument,
  table: Table,
  onlyWhere: (t: string) => boolean,
  push: Push,
  fromText: FromText,
): void {
  const headers = table.header.map((cell) => fold(plainText(cell.text)));
  const levelCol = headers.findIndex((h) => LEVEL_COLUMN.test(h));
  const tableText = table.header.map((cell) => cell.text).join(' | ');
  for (const row of table.rows) {
    row.forEach((cell, index) => {
      if (index !== levelCol) {
        fromText(
          cell.text,
          () => cell.inlineCode,
          () => [cell.line],
          no,
        );
        return;
      }
      const word = /^\[?([A-Za-z]+)\]?$/.exec(plainText(cell.text))?.[1];
      if (word && onlyWhere(`${tableText} ${row.map((c) => c.text).join(' ')}`)) {
        push(word, cell.line, columnOf(doc, cell.line, new RegExp(`\\b${word}\\b`)));
      }
    });
  }
}

function range(first: number, last: number): number[] {
  return Array.from({ length: Math.max(1, last - first + 1) }, (_, i) => first + i);
}
