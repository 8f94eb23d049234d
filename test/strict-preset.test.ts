// The strict preset: rules of taste and rules not yet precise on real specs are off unless the config extends
// `strict` or names them; required-sections follows the repository's own tech spec template.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { RULES } from '../src/lint/rules/index.js';
import { createProject } from '../src/workspace/project.js';

const context = { root: '/tmp', file: undefined, strict: false };
const strictIds = RULES.filter((rule) => rule.strict === true).map((rule) => rule.id);

describe('extends', () => {
  it('leaves the strict rules off by default and in `recommended`', () => {
    expect(strictIds.length).toBeGreaterThan(0);
    for (const raw of [{}, { extends: 'recommended' }]) {
      const active = resolveConfig(raw, context).rules.map((r) => r.rule.id);
      expect(active.filter((id) => strictIds.includes(id))).toEqual([]);
      expect(active).toContain('required-sections');
    }
  });

  it('turns every rule on with `strict`', () => {
    const active = resolveConfig({ extends: 'strict' }, context).rules.map((r) => r.rule.id);
    expect(active).toEqual(RULES.map((rule) => rule.id));
  });

  it('turns one strict rule on when the config names it, and off again with "off"', () => {
    const on = resolveConfig({ rules: { 'build-order': 'warn' } }, context).rules.map((r) => r.rule.id);
    expect(on).toContain('build-order');
    const off = resolveConfig({ extends: 'strict', rules: { 'build-order': 'off' } }, context).rules;
    expect(off.map((r) => r.rule.id)).not.toContain('build-order');
  });

  it('rejects an unknown rule set with the key and the values it accepts', () => {
    expect(() => resolveConfig({ extends: 'all' }, context)).toThrow(/extends/);
  });
});

describe("required-sections and the repository's own template", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techspec-repo-template-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const sections = [
    '## Executive Summary',
    '## System Architecture',
    '### Component Overview',
    '## Implementation Design',
    '### Main Interfaces',
    '### Data Models',
    '## Testing Approach',
    '### Unit Tests',
    '## Development Sequencing',
    '### Build Order',
    '### Technical Dependencies',
    '## Monitoring and Observability',
    '## Technical Considerations',
    '### Key Decisions',
    '### Known Risks',
  ];
  const spec = ['# Tech Spec: Stock alerts', ...sections.flatMap((h) => ['', h, '', 'Text.'])].join('\n');
  const lint = (files: Record<string, string>) => {
    rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const config = resolveConfig({}, { root: dir, file: undefined, strict: false });
    const project = createProject(dir, Object.keys(files));
    return lintText(spec, { filePath: path.join(dir, 'techspec.md'), config, project })
      .diagnostics.filter((d) => d.ruleId === 'required-sections')
      .map((d) => d.message.split(',')[0]);
  };

  it('asks for Standards Compliance and Relevant Files when the repository keeps no template', () => {
    expect(lint({ 'README.md': '# x' })).toEqual([
      'Missing section `Standards Compliance`',
      'Missing section `Relevant Files`',
    ]);
  });

  it('does not when the template the repository keeps has neither', () => {
    const template = ['# Tech Spec Template', ...sections].join('\n\n');
    expect(lint({ '.agents/skills/spec/references/techspec-template.md': template })).toEqual([]);
  });

  it('follows, of two templates, the one that holds the spec best', () => {
    const withAll = ['# T', ...sections, '### Standards Compliance', '### Relevant Files'].join('\n\n');
    const template = ['# T', ...sections, '## Architecture Decision Records'].join('\n\n');
    expect(
      lint({ 'docs/templates/techspec-template.md': withAll, 'skills/techspec-template.md': template }),
    ).toEqual([]);
  });
});

describe('messages name sections as the spec does', () => {
  it('names a missing section in Portuguese in a spec whose headings are Portuguese, and inserts no empty heading', () => {
    const spec = [
      '# Especificação Técnica: Lembretes',
      '## Resumo Executivo',
      'Texto.',
      '## Considerações Técnicas',
      '### Decisões Principais',
      'Texto.',
    ].join('\n\n');
    const config = resolveConfig(
      { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id === 'required-sections' ? 'error' : 'off'])) },
      context,
    );
    const found = lintText(spec, { config }).diagnostics.find((d) =>
      d.message.includes('Arquivos Relevantes'),
    );
    expect(found?.message).toBe(
      'Missing section `Arquivos Relevantes`, expected it at the end of the spec as the template requires',
    );
    // An empty `### Arquivos Relevantes` appended at the end would only turn this finding into an empty-section one:
    // --fix inserts a heading only where it groups subsections that follow (test/fix-property.test.ts).
    expect(found?.fix).toBeUndefined();
  });

  it("quotes the spec's own headings in its messages: a Portuguese heading and a paragraph meant as one", () => {
    const only = (id: string) =>
      resolveConfig(
        { rules: Object.fromEntries(RULES.map((r) => [r.id, r.id === id ? 'error' : 'off'])) },
        context,
      );
    const order = [
      '# Especificação Técnica: Lembretes',
      '## Sequenciamento de Desenvolvimento',
      '### Ordem de Construção',
      '- Modelo',
      '- Job',
    ];
    expect(
      lintText(order.join('\n\n'), { config: only('build-order') }).diagnostics.map((d) => d.message),
    ).toEqual([
      'Unexpected bullet list in `Ordem de Construção`, expected a numbered list of steps (`1.`, `2.`, …)',
    ]);
    const paragraph = [
      '# Especificação Técnica: Lembretes',
      '## Considerações Técnicas',
      '### Conformidade com Padrões',
      '- `.kilocode/rules/jobs.md`',
      '**Arquivos Relevantes:**',
      '- `src/reminders/job.ts`',
    ].join('\n\n');
    const found = lintText(paragraph, { config: only('required-sections') }).diagnostics.filter(
      (d) => d.messageId === 'paragraph',
    );
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [
        9,
        'Unexpected paragraph `Arquivos Relevantes` in place of the `Arquivos Relevantes` heading, expected the heading `### Arquivos Relevantes`',
      ],
    ]);
  });
});
