// Invariant: configuration is found where users put it, applied exactly, and rejected with the file, key,
// value and expectation named when it is wrong.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { TechspecError } from '../src/errors.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'techspec-config-'));
  mkdirSync(path.join(root, '.git'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function failure(run: () => unknown): TechspecError {
  try {
    run();
  } catch (error) {
    if (error instanceof TechspecError) return error;
    throw error;
  }
  throw new Error('expected a TechspecError');
}

const TEMPLATE =
  '# Design Doc\n\n## Goals\n\n[Why we build it]\n\n## Rollout\n\n[How it ships, if applicable]\n';

describe('finding the config', () => {
  it('reads techspec.config.json from a parent folder up to the repository root', () => {
    const root = project({ 'techspec.config.json': '{"rules":{"word-budget":"off"}}', 'a/b/x.md': '' });
    const config = loadConfig({ cwd: path.join(root, 'a/b') });
    expect(config.file).toBe(path.join(root, 'techspec.config.json'));
    expect(config.root).toBe(root);
    expect(config.rules.map((r) => r.rule.id)).not.toContain('word-budget');
  });

  it('reads .techspecrc.json and the techspec key of package.json, and ignores a package.json without it', () => {
    const rc = project({ '.techspecrc.json': '{"rules":{"log-levels":"off"}}' });
    expect(loadConfig({ cwd: rc }).rules.map((r) => r.rule.id)).not.toContain('log-levels');
    const pkg = project({ 'package.json': '{"name":"x","techspec":{"rules":{"build-order":"error"}}}' });
    expect(loadConfig({ cwd: pkg }).rules.find((r) => r.rule.id === 'build-order')?.severity).toBe('error');
    const plain = project({ 'package.json': '{"name":"x"}' });
    expect(loadConfig({ cwd: plain }).file).toBeUndefined();
  });

  it('applies --strict to every rule', () => {
    const root = project({});
    expect(new Set(loadConfig({ cwd: root, strict: true }).rules.map((r) => r.severity))).toEqual(
      new Set(['error']),
    );
  });
});

describe('a project template with aliases', () => {
  it('becomes the schema that required-sections checks, with config aliases', () => {
    const root = project({
      'docs/template.md': TEMPLATE,
      'techspec.config.json': JSON.stringify({
        template: 'docs/template.md',
        presets: [],
        aliases: { goals: ['Objetivos'] },
        rules: Object.fromEntries(['word-budget'].map((id) => [id, 'off'])),
      }),
    });
    const config = loadConfig({ cwd: root });
    expect(config.template.sections.map((s) => [s.id, s.optional])).toEqual([
      ['goals', false],
      ['rollout', true],
    ]);
    const ok = lintText('# X\n\n## Objetivos\n\nShip it.\n', { config, filePath: 'x.md' });
    expect(ok.diagnostics.filter((d) => d.ruleId === 'required-sections')).toEqual([]);
    const missing = lintText('# X\n\n## Rollout\n\nSoon.\n', { config, filePath: 'x.md' });
    expect(
      missing.diagnostics.filter((d) => d.ruleId === 'required-sections').map((d) => [d.line, d.message]),
    ).toEqual([
      [3, 'Missing section `Goals`, expected it before `Rollout` (line 3) as the template requires'],
    ]);
  });
});

describe('bad config', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    [
      'an unknown rule id',
      { 'techspec.config.json': '{"rules":{"no-such-rule":"warn"}}' },
      'CONFIG_INVALID',
      'Unknown rule "no-such-rule" at rules',
    ],
    [
      'a bad option value',
      { 'techspec.config.json': '{"rules":{"word-budget":["warn",{"max":"many"}]}}' },
      'CONFIG_INVALID',
      'Invalid value at rules.word-budget[1].max (got "many")',
    ],
    [
      'an unknown option',
      { 'techspec.config.json': '{"rules":{"word-budget":["warn",{"maximum":3}]}}' },
      'CONFIG_INVALID',
      'rules.word-budget[1]',
    ],
    [
      'a bad severity',
      { 'techspec.config.json': '{"rules":{"word-budget":"warning"}}' },
      'CONFIG_INVALID',
      'Invalid value at rules.word-budget (got "warning")',
    ],
    [
      'an unknown top-level key',
      { 'techspec.config.json': '{"rule":{}}' },
      'CONFIG_INVALID',
      'Invalid value at (root)',
    ],
    ['invalid JSON', { 'techspec.config.json': '{"rules":' }, 'CONFIG_PARSE', 'Invalid JSON'],
    [
      'an unknown preset',
      { 'techspec.config.json': '{"presets":["fr-FR"]}' },
      'CONFIG_INVALID',
      'Unknown preset "fr-FR" at presets, expected one of: pt-BR, en-variants',
    ],
    [
      'an alias for no section',
      { 'techspec.config.json': '{"aliases":{"summary":["Resumo"]}}' },
      'CONFIG_INVALID',
      'Unknown section id "summary" at aliases',
    ],
    [
      'a missing template',
      { 'techspec.config.json': '{"template":"nope.md"}' },
      'TEMPLATE_NOT_FOUND',
      'Template "nope.md" at template does not exist',
    ],
  ];
  it.each(cases)('rejects %s, naming the file and the key', (_name, files, code, message) => {
    const root = project(files);
    const error = failure(() => loadConfig({ cwd: root }));
    expect(error.code).toBe(code);
    expect(error.file).toBe(path.join(root, 'techspec.config.json'));
    expect(error.message).toContain(message);
  });

  it('rejects an explicit --config that does not exist', () => {
    const root = project({});
    const error = failure(() => loadConfig({ cwd: root, configFile: 'missing.json' }));
    expect([error.code, error.message]).toEqual([
      'CONFIG_NOT_FOUND',
      'Config file missing.json does not exist',
    ]);
  });
});
