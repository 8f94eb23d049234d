// Types, interfaces and classes that Main Interfaces and Data Models name, against the definitions in the code.
import { fileKind, isTestFile, skipByPath } from '../code/classify.js';
import { allCodeBlocks, subtreeBlocks, walkBlocks } from '../spec/walk.js';
import { columnOf, sectionIndexes } from '../spec/walk.js';
import type { InlineCode, SpecDocument } from '../spec/model.js';
import type { GrepLine } from './git.js';
import type { SpecPosition } from './model.js';
import type { DriftFinding } from './rules.js';
import { whyDrift, type Introduced } from './status.js';

const SECTION_IDS = ['implementation-design/main-interfaces', 'implementation-design/data-models'];
/** Code block languages whose declarations the context index can confirm (SQL, Prisma, GraphQL cannot be). */
const CODE_LANGS = new Set(
  'ts typescript tsx js javascript jsx mjs go golang java kotlin kt cs csharp c# py python rust rs rb ruby php swift dart scala'.split(
    ' ',
  ),
);
const DECLARATION =
  /\b(?:interface|type|class|struct|enum|record|trait|protocol|object)\s+([A-Z][A-Za-z0-9_]*)/g;
/** `WebhookSubscription { id, … }`, `Order`, `Page<T>`: a type name leading an entry's code span. */
/** A type name (capital first, a lower-case letter somewhere), alone or before `{`, `<` or `(`. */
const LEAD_TYPE = /^([A-Z]\w*)(?:\s*[{<(]|$)/;

export interface SpecSymbol extends SpecPosition {
  name: string;
}

/** The type names the spec declares in code blocks, or leads entries with, in those two sections; each once. */
export function specSymbols(doc: SpecDocument): SpecSymbol[] {
  const out: SpecSymbol[] = [];
  const seen = new Set<string>();
  const add = (name: string, line: number, from = 0): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const column = columnOf(doc, line, name, from);
    out.push({ name, line, column, endColumn: column + name.length });
  };
  for (const id of SECTION_IDS) {
    for (const index of sectionIndexes(doc, id)) {
      const blocks = subtreeBlocks(doc, index);
      for (const block of allCodeBlocks(blocks)) {
        if (!CODE_LANGS.has(block.lang.toLowerCase())) continue;
        const first = block.line + (block.fenced ? 1 : 0);
        block.content.split('\n').forEach((text, offset) => {
          const indent = (doc.lines[first + offset - 1] ?? '').length - text.length;
          for (const match of text.matchAll(DECLARATION)) {
            const name = match[1] ?? '';
            add(name, first + offset, Math.max(0, indent) + match.index + match[0].length - name.length);
          }
        });
      }
      walkBlocks(blocks, (block) => {
        if (block.kind === 'list') for (const item of block.items) lead(item.text, item.inlineCode, add);
        if (block.kind === 'table') {
          for (const row of block.rows) if (row[0]) lead(row[0].text, row[0].inlineCode, add);
        }
      });
    }
  }
  return out;
}

function lead(
  text: string,
  codes: readonly InlineCode[],
  add: (name: string, line: number, from?: number) => void,
) {
  const code = codes[0];
  if (!code || !/^[*_\s]*`/.test(text)) return;
  const lead = LEAD_TYPE.exec(code.value)?.[1];
  const name = lead !== undefined && /[a-z]/.test(lead) ? lead : undefined;
  if (name) add(name, code.span.start.line, code.span.start.column - 1);
}

/** Fixed strings to grep for (fast in git, unlike extended regexes), and what the lines found show of the names. */
export interface CodeSearch {
  needles: string[];
  find(lines: readonly GrepLine[]): Set<string>;
}

/** A search for code files declaring `names` (`interface X`, `class X`, `type X struct`…). */
export function symbolSearch(names: readonly string[]): CodeSearch {
  const wanted = new Set(names);
  return {
    needles: [...wanted],
    find(lines) {
      const found = new Set<string>();
      for (const { file, text } of lines) {
        if (!isCode(file)) continue;
        for (const match of text.matchAll(DECLARATION)) {
          const name = match[1] ?? '';
          if (wanted.has(name)) found.add(name);
        }
      }
      return found;
    },
  };
}

/** Files whose words are code: not prose, data, tests, vendored or generated files. */
export function isCode(file: string): boolean {
  return fileKind(file) === 'code' && !isTestFile(file) && skipByPath(file) === undefined;
}

export interface SymbolCheck extends Introduced {
  symbols: readonly SpecSymbol[];
  defined: (name: string) => boolean;
}

/** A symbol the code lacks is drift when the spec says it is implemented, or when the baseline had it. */
export function symbolDrift(check: SymbolCheck): DriftFinding[] {
  return check.symbols.flatMap((symbol): DriftFinding[] => {
    const why = check.defined(symbol.name)
      ? undefined
      : whyDrift(check, check.atBaseline.has(symbol.name) ? 'it was declared' : undefined);
    return why === undefined
      ? []
      : [{ ruleId: 'drift/symbol-missing', data: { name: symbol.name, why }, at: symbol }];
  });
}
