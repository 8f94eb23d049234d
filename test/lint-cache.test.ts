// Invariant: --cache reuses a result only while the file's bytes, the config, the repository's file list and
// techspec's version are unchanged; anything else is linted again, and --fix still fixes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE, tamper } from './lint-cache-files.js';
import { lintFiles } from '../src/lint/files.js';

const SPEC = '# Tech Spec\n\n## Executive Summary\n\nPages of â‰¤20 rows.\n';

function repo(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'techspec-cache-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  writeFileSync(path.join(root, 'techspec.md'), SPEC);
  return root;
}

const messages = async (root: string, fix = false): Promise<string[]> =>
  (await lintFiles([], { cwd: root, cache: CACHE, fix })).results.flatMap((r) =>
    r.diagnostics.map((d) => d.message),
  );

describe('lint cache', () => {
  it('reuses the result of an unchanged file, and keeps itself out of git', async () => {
    const root = repo();
    const fresh = await messages(root);
    expect(fresh.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(root, '.techspec/cache/.gitignore'), 'utf8')).toBe('*\n');
    tamper(root);
    expect(new Set(await messages(root))).toEqual(new Set(['FROM CACHE']));
  });

  it('lints again when the file, the config or the repository changes', async () => {
    const root = repo();
    const fresh = await messages(root);
    tamper(root);
    writeFileSync(path.join(root, 'techspec.md'), `${SPEC}\n`);
    expect(await messages(root)).toEqual(fresh);

    tamper(root);
    writeFileSync(path.join(root, 'techspec.config.json'), '{"rules":{"word-budget":"off"}}');
    expect(await messages(root)).toEqual(fresh);

    tamper(root);
    writeFileSync(path.join(root, 'notes.md'), 'a new file changes what path checks can see\n');
    expect(await messages(root)).toEqual(fresh);

    mkdirSync(path.join(root, '.kilocode/rules'), { recursive: true });
    writeFileSync(path.join(root, '.kilocode/rules/api.md'), '# API\n');
    const withRule = await messages(root);
    tamper(root);
    writeFileSync(path.join(root, '.kilocode/rules/api.md'), '# API, edited\n');
    expect(await messages(root)).toEqual(withRule);
  });

  it('still fixes a file whose cached result has fixes, and caches the fixed file', async () => {
    const root = repo();
    await messages(root);
    await messages(root, true);
    expect(readFileSync(path.join(root, 'techspec.md'), 'utf8')).toContain('Pages of ≤20 rows.');
    tamper(root);
    const after = await messages(root);
    expect(after.every((m) => m === 'FROM CACHE')).toBe(true);
  });

  it('ignores a corrupt cache file', async () => {
    const root = repo();
    const fresh = await messages(root);
    writeFileSync(path.join(root, CACHE), '{not json');
    expect(await messages(root)).toEqual(fresh);
  });
});
