// Invariant: the template becomes the same schema every time, and the parser keeps exact positions for
// every element of the model without ever throwing on content.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import { parseFor } from '../src/spec/parse.js';
import type { CodeBlock, List, Paragraph, Table } from '../src/spec/model.js';
import { parseSpec } from '../src/spec/parse.js';
import { loadTemplate } from '../src/spec/template.js';
import { lineOffsets, normalizeTitle, stripNumbering } from '../src/spec/text.js';
import { sharedPath, skipping } from './environment.js';

const root = path.resolve(import.meta.dirname, '..');
const templateText = readFileSync(path.join(root, 'templates/techspec-template.md'), 'utf8');
const config = resolveConfig({}, { root, file: undefined, strict: false });

describe('the default template as a schema', () => {
  const template = loadTemplate(templateText);

  // The seed lives beside the checkout; the shipped copy in templates/ is what every other test reads.
  const seedFile = sharedPath('seed/techspec-template.md');
  it.skipIf(
    seedFile === undefined && skipping('seed comparison: ../shared/seed/techspec-template.md is absent'),
  )('ships the seed with its mojibake corrected, and nothing else changed', () => {
    const seed = readFileSync(seedFile ?? '', 'utf8');
    expect(templateText).toBe(seed.replace('â‰¤20', '≤20'));
    expect(templateText).toContain('(≤20 lines per example)');
  });

  it('has the sections of the template, in order, with stable ids and levels', () => {
    expect(template.sections.map((s) => `${s.level} ${s.id}`)).toEqual([
      '2 executive-summary',
      '2 system-architecture',
      '3 system-architecture/component-overview',
      '2 implementation-design',
      '3 implementation-design/main-interfaces',
      '3 implementation-design/data-models',
      '3 implementation-design/api-endpoints',
      '2 integration-points',
      '2 testing-approach',
      '3 testing-approach/unit-tests',
      '3 testing-approach/integration-tests',
      '2 development-sequencing',
      '3 development-sequencing/build-order',
      '3 development-sequencing/technical-dependencies',
      '2 monitoring-and-observability',
      '2 technical-considerations',
      '3 technical-considerations/key-decisions',
      '3 technical-considerations/known-risks',
      '3 technical-considerations/standards-compliance',
      '3 technical-considerations/relevant-files',
    ]);
    expect(template.title).toBe('Technical Specification Template');
    expect(template.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('marks exactly the sections whose guidance says so as optional', () => {
    expect(template.sections.filter((s) => s.optional).map((s) => s.id)).toEqual([
      'implementation-design/api-endpoints',
      'integration-points',
      'testing-approach/integration-tests',
    ]);
  });

  it('turns constraints written in the guidance into numbers', () => {
    const byId = new Map(template.sections.map((s) => [s.id, s]));
    expect(byId.get('executive-summary')?.constraints).toEqual({ paragraphs: { min: 1, max: 2 } });
    expect(byId.get('implementation-design/main-interfaces')?.constraints).toEqual({ maxExampleLines: 20 });
    expect(byId.get('technical-considerations/relevant-files')?.guidance).toBe('List relevant files here');
    expect(byId.get('implementation-design/main-interfaces')?.guidance).toContain('class ServiceName(ABC):');
  });

  it('reads any template: ids nest under their parent, and a custom optional marker works', () => {
    const custom = loadTemplate(
      '# T\n\n## Goals\n\n[Why]\n\n### Non-Goals\n\n[Optional: what we skip]\n\n## Rollout\n',
    );
    expect(custom.sections.map((s) => [s.id, s.optional, s.guidance])).toEqual([
      ['goals', false, 'Why'],
      ['goals/non-goals', true, 'Optional: what we skip'],
      ['rollout', false, ''],
    ]);
  });
});

describe('titles', () => {
  it('strips numbering and trailing colons', () => {
    expect(stripNumbering('1. Executive Summary')).toBe('Executive Summary');
    expect(stripNumbering('3.1.2 Data Models:')).toBe('Data Models');
    expect(stripNumbering('IV. Known Risks')).toBe('Known Risks');
    expect(stripNumbering('2024 Roadmap')).toBe('2024 Roadmap');
  });

  it('folds case, accents and punctuation', () => {
    expect(normalizeTitle('Visão Geral dos Componentes')).toBe('visao geral dos componentes');
    expect(normalizeTitle('Monitoring & Observability')).toBe('monitoring and observability');
    // ASCII titles skip the accent folding: the same forms either way.
    expect(normalizeTitle('2. Known Risks: ')).toBe('known risks');
    expect(normalizeTitle('Riscos Conhecidos (Técnicos)')).toBe('riscos conhecidos tecnicos');
  });
});

describe('the spec model', () => {
  const text = [
    '---', // 1
    'feature: exports', // 2
    'status: draft', // 3
    '---', // 4
    '# Tech Spec: Exports', // 5
    '', // 6
    '## 1. Resumo Executivo', // 7
    '', // 8
    'Uses `ExportJob` and [docs](https://example.com/x).', // 9
    '', // 10
    '### Core Interfaces (use cases)', // 11
    '', // 12
    '```ts', // 13
    'interface A {}', // 14
    '```', // 15
    '', // 16
    '| Path | Action |', // 17
    '| --- | --- |', // 18
    '| `src/a.ts` | new |', // 19
    '| `src/b.ts` | modify |', // 20
    '', // 21
    '1. [x] First', // 22
    '   - nested `x`', // 23
    '2. Second', // 24
    '', // 25
    'Arquitetura do Sistema', // 26
    '----------------------', // 27
  ].join('\n');
  const doc = parseFor(text, 'spec.md', config);

  it('reads front matter and keeps document-absolute lines', () => {
    expect(doc.frontMatter?.data).toEqual({ feature: 'exports', status: 'draft' });
    expect(doc.frontMatter?.endLine).toBe(4);
    expect(doc.title?.line).toBe(5);
  });

  it('matches sections by title, alias, numbering and qualifier', () => {
    expect(doc.sections.map((s) => [s.heading.line, s.heading.level, s.id])).toEqual([
      [7, 2, 'executive-summary'],
      [11, 3, 'implementation-design/main-interfaces'],
      [26, 2, 'system-architecture'],
    ]);
    expect(doc.sections[2]?.heading.setext).toBe(true);
    expect(doc.sections[1]?.parent).toBe(0);
    expect(doc.sections[0]?.endLine).toBe(25);
  });

  it('keeps positions of inline code, links, code blocks, tables and lists', () => {
    const paragraph = doc.sections[0]?.blocks[0] as Paragraph;
    expect(paragraph.inlineCode).toEqual([
      { value: 'ExportJob', span: { start: { line: 9, column: 7 }, end: { line: 9, column: 16 } } },
    ]);
    expect(paragraph.links[0]).toEqual({
      href: 'https://example.com/x',
      text: 'docs',
      span: { start: { line: 9, column: 23 }, end: { line: 9, column: 27 } },
    });
    const [code, table, list] = doc.sections[1]?.blocks ?? [];
    expect(code).toMatchObject({
      kind: 'code',
      lang: 'ts',
      line: 13,
      endLine: 15,
      contentLines: 1,
      closed: true,
    });
    expect((table as Table).rows.map((row) => row.map((cell) => [cell.line, cell.text]))).toEqual([
      [
        [19, '`src/a.ts`'],
        [19, 'new'],
      ],
      [
        [20, '`src/b.ts`'],
        [20, 'modify'],
      ],
    ]);
    expect((table as Table).rows[0]?.[0]?.inlineCode[0]?.span.start).toEqual({ line: 19, column: 4 });
    const items = (list as List).items;
    expect(items.map((i) => [i.line, i.text, i.checked])).toEqual([
      [22, 'First', true],
      [24, 'Second', null],
    ]);
    expect(items[0]?.lists[0]?.items[0]?.inlineCode[0]?.span.start).toEqual({ line: 23, column: 14 });
    expect(items[0]?.fullText).toBe('[x] First\nnested `x`');
  });

  it('records broken front matter and unclosed fences instead of throwing', () => {
    const broken = parseSpec('---\nkey: [unclosed\n---\n## A\n\n```\ncode');
    expect(broken.frontMatter?.error?.line).toBeGreaterThanOrEqual(2);
    expect((broken.sections[0]?.blocks[0] as CodeBlock).closed).toBe(false);
    expect(parseSpec('---\nno end').frontMatter?.error?.message).toMatch(/never closed/);
    expect(parseSpec('---\nglobs: *.ts\n---\n').frontMatter?.error?.message).toMatch(/alias/);
  });

  it('handles CRLF and a byte-order mark without shifting lines', () => {
    const crlf = parseSpec('\uFEFF## A\r\n\r\nText `x`\r\n');
    expect(crlf.sections[0]?.heading.line).toBe(1);
    expect((crlf.sections[0]?.blocks[0] as Paragraph).inlineCode[0]?.span.start).toEqual({
      line: 3,
      column: 7,
    });
  });

  // The parser derives line starts from the split lines and reads simple list items and cells without getters:
  // the model must be what a per-character scan and the general path give.
  it('keeps line starts equal to a scan of every line break, with LF, CRLF, lone CR and a BOM', () => {
    for (const source of [
      text,
      text.replace(/\n/g, '\r\n'),
      '## A\r\n\r\nx\ry\n- item\r\r\n\n',
      '\uFEFF## A\n\nText\n',
      '',
      'no break',
      '\n\n',
    ]) {
      const parsed = parseSpec(source);
      expect(parsed.lineStarts).toEqual(lineOffsets(parsed.text));
      expect(parsed.lineStarts).toHaveLength(parsed.lines.length);
    }
  });

  it('gives a plain list item and a plain table cell the same fields as one with inline code', () => {
    const parsed = parseSpec(
      '## A\n\n- plain item\n- [x] done item\n- item with `code`\n- item\n\n  more\n\n| a | `b` |\n| - | - |\n| c | d |\n',
    );
    const list = parsed.sections[0]?.blocks[0] as List;
    expect(list.items.map((item) => [item.text, item.fullText, item.checked, item.lists.length])).toEqual([
      ['plain item', 'plain item', null, 0],
      ['done item', '[x] done item', true, 0],
      ['item with `code`', 'item with `code`', null, 0],
      ['item', 'item\nmore', null, 0],
    ]);
    expect(list.items.map((item) => item.inlineCode.map((code) => code.value))).toEqual([
      [],
      [],
      ['code'],
      [],
    ]);
    expect(list.items.map((item) => Object.keys(item))).toEqual(
      list.items.map(() => [
        'line',
        'endLine',
        'text',
        'fullText',
        'checked',
        'inlineCode',
        'links',
        'lists',
        'blocks',
      ]),
    );
    expect(list.items[0]?.blocks).toHaveLength(1);
    const table = parsed.sections[0]?.blocks[1] as Table;
    expect(
      [...table.header, ...table.rows.flat()].map((cell) => [cell.text, cell.line, cell.inlineCode.length]),
    ).toEqual([
      ['a', 10, 0],
      ['`b`', 10, 1],
      ['c', 12, 0],
      ['d', 12, 0],
    ]);
  });

  it('counts the lines of a code block with and without a final line break', () => {
    const blocks = parseSpec('## A\n\n```\none\ntwo\n```\n\n```\n```\n\n    indented\n\n```\nopen')
      .sections[0]?.blocks;
    expect(blocks?.map((block) => (block as CodeBlock).contentLines)).toEqual([2, 0, 1, 1]);
  });

  it('matches a heading one level off (reported as drift), never two', () => {
    const deep = parseFor('## Known Risks\n\n#### Monitoramento\n', 'x.md', config);
    expect(deep.sections.map((s) => s.id)).toEqual(['technical-considerations/known-risks', undefined]);
  });
});
