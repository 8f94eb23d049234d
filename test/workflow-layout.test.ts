// Invariant: a repository's feature folder and spec language come from its config, else from its existing specs
// (`.specs/prd-x/techspec.md` in Portuguese), else `tasks/` and the template's language; `new` writes there, in
// that language, and the spec it writes lints with the same headings recognised.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { listFiles } from '../src/workspace/project.js';
import { PRESETS } from '../src/spec/presets.js';
import { projectLayout } from '../src/workflow/layout.js';
import { newSpec } from '../src/workflow/new.js';
import { traceFeature } from '../src/workflow/trace.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const PT_SPEC =
  '# Especificação Técnica\n\n## Resumo Executivo\n\nResumo.\n\n## Arquitetura do Sistema\n\n### Visão Geral dos Componentes\n\nPartes.\n';
const EN_SPEC = '# Tech Spec\n\n## Executive Summary\n\nSummary.\n\n## System Architecture\n\nParts.\n';

function layoutOf(root: string) {
  return projectLayout(root, loadConfig({ cwd: root }), listFiles(root));
}

describe('projectLayout', () => {
  it('learns the folder and the language from the existing specs', () => {
    const root = makeRepo({
      '.specs/prd-a/techspec.md': PT_SPEC,
      '.specs/prd-b/techspec.md': PT_SPEC,
      'docs/prd-c/techspec.md': EN_SPEC,
    });
    expect(layoutOf(root)).toEqual({
      featureDir: '.specs',
      language: 'pt-BR',
      from: { featureDir: 'specs', language: 'specs' },
    });
  });

  it('takes featureDir and language from the config, and defaults to tasks/ in the template language', () => {
    const configured = makeRepo({
      'techspec.config.json': '{ "featureDir": "docs/specs", "language": "en" }',
      '.specs/prd-a/techspec.md': PT_SPEC,
    });
    expect(layoutOf(configured)).toMatchObject({ featureDir: 'docs/specs', language: 'en' });
    expect(layoutOf(makeRepo({ 'README.md': '# x\n' }))).toEqual({
      featureDir: 'tasks',
      language: 'en',
      from: { featureDir: 'default', language: 'default' },
    });
  });
});

describe('new in a Portuguese repository with .specs/', () => {
  it('writes .specs/prd-<feature>/techspec.md with Portuguese headings that lint recognises', async () => {
    const root = makeRepo({
      '.specs/prd-a/techspec.md': PT_SPEC,
      '.specs/prd-exportar-csv/prd.md': '# PRD\n\n- **RF-01** Exportar as transações em CSV.\n',
    });
    const result = await newSpec(root, { name: 'Exportar CSV', today: new Date(2026, 0, 2) });
    expect(result.path).toBe('.specs/prd-exportar-csv/techspec.md');
    const text = readFileSync(path.join(root, result.path), 'utf8');
    expect(text).toContain('\n# Especificação Técnica: Exportar CSV\n');
    const headings = text.split('\n').filter((line) => /^#{2,3} /.test(line));
    const portuguese = Object.values(PRESETS['pt-BR'] ?? {}).map((titles) => titles[0]);
    expect(headings.map((line) => line.replace(/^#+ /, ''))).toEqual(
      expect.arrayContaining(['Resumo Executivo', 'Arquivos Relevantes', 'Conformidade com Padrões']),
    );
    expect(headings.every((line) => portuguese.includes(line.replace(/^#+ /, '')))).toBe(true);
    const findings = lintText(text, { filePath: result.path, config: loadConfig({ cwd: root }) }).diagnostics;
    expect(findings.filter((d) => d.ruleId === 'required-sections')).toStrictEqual([]);
  });

  it('trace finds the feature in .specs/', () => {
    const root = makeRepo({
      '.specs/prd-a/techspec.md': `${PT_SPEC}\nCobre RF-01.\n`,
      '.specs/prd-a/prd.md': '# PRD\n\n- **RF-01** Algo.\n',
    });
    const report = traceFeature(root, 'a');
    expect([report.dir, report.counts.requirements, report.counts.inSpec]).toEqual(['.specs/prd-a', 1, 1]);
  });
});
