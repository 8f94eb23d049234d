// Invariants over arbitrary input: the linter never throws, every position lies inside the document,
// and --fix is idempotent and touches nothing outside the ranges of the fixes it applies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { applyFixes } from '../src/lint/fix.js';
import { countWords } from '../src/spec/text.js';
import type { Diagnostic, Fix } from '../src/lint/diagnostic.js';

const config = resolveConfig({}, { root: process.cwd(), file: undefined, strict: false });

const TITLES = [
  'Executive Summary',
  'System Architecture',
  'Component Overview',
  'Implementation Design',
  'Main Interfaces',
  'API Endpoints',
  'Known Risks',
  'Build Order',
  'Monitoring and Observability',
  'Relevant Files',
  'Standards Compliance',
  'Resumo Executivo',
];

/** Lines that look like what specs are made of, so the generator reaches the rules' interesting paths. */
const specLine = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 5 }), fc.constantFrom(...TITLES))
    .map(([level, t]) => `${'#'.repeat(level)} ${t}`),
  fc.constantFrom(
    '```ts',
    '```',
    '---',
    '- `GET /api/v0/items/{id}` — read',
    '- `POST /api/v1/items/:id`',
    '1. First step',
    '- `http_requests_ms` counter with label `user_id`',
    '| a | b |',
    '|---|---|',
    '| `src/x.ts` | (new) |',
    '[List relevant files here]',
    'TODO write this',
    'pages of â‰¤20 and Ã© and â€™',
    '<!-- techspec-disable -->',
    '<!-- techspec-enable -->',
    '<!-- techspec-disable-next-line required-sections -->',
    '   ',
    '',
    '> quoted `code`',
    // HTML blocks that run until an end marker, and one that ends at a blank line.
    '<?',
    '<!-- open',
    '<script>',
    '<div>',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const specText = fc.array(specLine, { maxLength: 40 }).map((lines) => lines.join('\n'));
const anyText = fc.oneof(
  specText,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

function insideDocument(text: string, d: Diagnostic): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lineLength = (n: number): number => lines[n - 1]?.length ?? -1;
  return (
    d.line >= 1 &&
    d.line <= lines.length &&
    d.endLine >= d.line &&
    d.endLine <= lines.length &&
    d.column >= 1 &&
    d.column <= lineLength(d.line) + 1 &&
    d.endColumn >= 1 &&
    d.endColumn <= lineLength(d.endLine) + 1 &&
    (d.endLine > d.line || d.endColumn >= d.column)
  );
}

describe('lint properties', () => {
  it('never throws and keeps every diagnostic inside the document', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = lintText(text, { filePath: 'spec.md', config });
        for (const d of result.diagnostics) {
          if (!insideDocument(text, d)) throw new Error(`Out of range: ${JSON.stringify(d)}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('fixes idempotently: a second --fix changes nothing', () => {
    fc.assert(
      fc.property(specText, (text) => {
        const once = lintText(text, { filePath: 'spec.md', config, fix: true });
        const fixed = once.output ?? text;
        const twice = lintText(fixed, { filePath: 'spec.md', config, fix: true });
        expect(twice.output ?? fixed).toBe(fixed);
      }),
      { numRuns: 200 },
    );
  });

  it('adds no heading inside an HTML block that is never closed, so a second --fix changes nothing', () => {
    for (const open of ['<?', '<!-- note', '<script>\nlet a;', '<![CDATA[ raw', '<!DOCTYPE', '<pre>\ncode']) {
      const once = lintText(`${open}\n`, { filePath: 'spec.md', config, fix: true });
      const fixed = once.output ?? `${open}\n`;
      const twice = lintText(fixed, { filePath: 'spec.md', config, fix: true });
      expect(twice.output ?? fixed, open).toBe(fixed);
    }
  });

  it('never changes a character outside the ranges of the fixes it applies', () => {
    fc.assert(
      fc.property(specText, (text) => {
        const result = lintText(text, { filePath: 'spec.md', config });
        const { output } = applyFixes(text.replace(/^\uFEFF/, ''), result.diagnostics);
        const source = text.replace(/^\uFEFF/, '');
        const fixes = result.diagnostics.map((d) => d.fix).filter((f): f is Fix => f !== undefined);
        expect(rebuild(source, fixes)).toBe(output);
      }),
      { numRuns: 200 },
    );
  });
});

/** Independent re-statement of the fix contract: untouched text kept verbatim, overlapping fixes skipped. */
function rebuild(source: string, fixes: Fix[]): string {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const pieces: string[] = [];
  let cursor = 0;
  for (const fix of sorted) {
    if (fix.range[0] < cursor) continue;
    pieces.push(source.slice(cursor, fix.range[0]), fix.text);
    cursor = fix.range[1];
  }
  pieces.push(source.slice(cursor));
  return pieces.join('');
}

describe('word counting', () => {
  // The hand-written loop must count exactly what the plain Unicode definition of a word counts.
  const reference = (text: string): number => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu) ?? []).length;
  it('matches the regex definition on any text', () => {
    const units = fc.constantFrom(
      'a',
      'Z',
      'é',
      'ç',
      '1',
      '_',
      '-',
      "'",
      '’',
      ' ',
      '.',
      '\n',
      '😀',
      '中',
      '𝒜',
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: units, maxLength: 40 })),
        (t) => {
          expect(countWords(t)).toBe(reference(t));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
