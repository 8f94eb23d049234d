// Invariant: `techspec lint` keeps its cache by default, and a cached result is reused only while every part of its
// key is unchanged: the file's bytes, the config, the template, each rule file (even edited in place at the same
// size) and techspec's version; `--no-cache` writes nothing at all.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CACHE, tamper } from './lint-cache-files.js';
import { techspec } from './cli-run.js';

const version = vi.hoisted(() => ({ value: '9.9.9' }));
vi.mock('../src/package-info.js', () => ({ packageVersion: () => version.value }));

const { lintFiles } = await import('../src/lint/files.js');

const SPEC = '# Tech Spec\n\n## Executive Summary\n\nPages of â‰¤20 rows.\n';
const RULE = '---\nglobs: src/**\n---\n# API\n';

function repo(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'techspec-cache-default-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  for (const [file, text] of Object.entries({ 'techspec.md': SPEC, ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const messages = async (root: string): Promise<string[]> =>
  (await lintFiles([], { cwd: root, cache: true })).results.flatMap((r) =>
    r.diagnostics.map((d) => d.message),
  );

afterEach(() => {
  version.value = '9.9.9';
});

describe('lint cache key', () => {
  it('is reused while nothing changed, at the config root whatever the working directory', async () => {
    const root = repo({ 'docs/readme.md': '# Docs\n', 'techspec.config.json': '{}' });
    const fresh = await messages(root);
    expect(fresh.length).toBeGreaterThan(0);
    tamper(root);
    expect(new Set(await messages(root))).toEqual(new Set(['FROM CACHE']));
    const fromBelow = await lintFiles([], { cwd: path.join(root, 'docs'), cache: true });
    expect(existsSync(path.join(root, 'docs/.techspec'))).toBe(false);
    expect(fromBelow.results.flatMap((r) => r.diagnostics.map((d) => d.message))).toContain('FROM CACHE');
  });

  it('changes with the template the config names', async () => {
    const template = '# Tech Spec\n\n## Executive Summary\n\n## Extra\n';
    const root = repo({
      'techspec.config.json': '{"template":"my-template.md"}',
      'my-template.md': template,
    });
    const fresh = await messages(root);
    tamper(root);
    writeFileSync(path.join(root, 'my-template.md'), template.replace('## Extra\n', ''));
    const again = await messages(root);
    expect(again).not.toContain('FROM CACHE');
    expect(again).not.toEqual(fresh);
  });

  it('changes with a rule file edited in place at the same size', async () => {
    const root = repo({ '.cursor/rules/api.mdc': RULE });
    const fresh = await messages(root);
    tamper(root);
    const rule = path.join(root, '.cursor/rules/api.mdc');
    writeFileSync(rule, RULE.replace('src/**', 'lib/**'));
    const later = new Date(Date.now() + 5000);
    utimesSync(rule, later, later);
    expect(await messages(root)).toEqual(fresh);
  });

  it("changes with techspec's version", async () => {
    const root = repo();
    const fresh = await messages(root);
    tamper(root);
    version.value = '9.9.10';
    expect(await messages(root)).toEqual(fresh);
  });
});

describe('techspec lint (built CLI)', () => {
  it('writes its cache by default and nothing with --no-cache', () => {
    const cached = repo();
    expect(techspec(cached, ['lint', 'techspec.md']).status).toBe(1);
    expect(existsSync(path.join(cached, CACHE))).toBe(true);

    const plain = repo();
    const result = techspec(plain, ['lint', '--no-cache', 'techspec.md']);
    expect(result.status).toBe(1);
    expect(existsSync(path.join(plain, '.techspec'))).toBe(false);
    expect(
      execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: plain, encoding: 'utf8' }),
    ).toBe('?? techspec.md\n');
  });

  it('refuses --cache-location with --no-cache, exit 2', () => {
    const result = techspec(repo(), ['lint', '--no-cache', '--cache-location', 'x.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--cache-location was given with --no-cache, expected one or the other');
  });
});
