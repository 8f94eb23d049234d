// Invariant: the package file (`npm pack`) holds what an installed techspec needs and nothing internal: the licence,
// the built CLI and library, only the declarations the public API reaches, the config schema, the action and the
// pre-commit hook; no script points at a file it lacks, and no link in a shipped Markdown file points at a file it lacks.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  repository?: { url: string };
  homepage?: string;
  bugs?: { url: string };
  scripts: Record<string, string>;
};

// --ignore-scripts: the list, not a build (global setup has built dist/ already).
const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
  cwd: ROOT,
  encoding: 'utf8',
});
const files = new Set(
  (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [],
);

describe('the package file', () => {
  it('has the licence, the repository fields and what an install runs', () => {
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\/github\.com\/.+\.git$/);
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs?.url).toMatch(/\/issues$/);
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/techspec.js',
      'dist/cli.js',
      'dist/index.js',
      'dist/types/index.d.ts',
      'schema/techspec.config.schema.json',
      'templates/techspec-template.md',
      'templates/commands/create-techspec.md',
      'action.yml',
      'scripts/action-lint.sh',
      '.pre-commit-hooks.yaml',
    ]) {
      expect(files, file).toContain(file);
    }
  });

  it('ships no script whose file it lacks (prepare, install hooks)', () => {
    for (const name of ['prepare', 'preinstall', 'install', 'postinstall']) {
      const script = manifest.scripts[name];
      if (script === undefined) continue;
      for (const file of script.match(/\b[\w./-]+\.(?:mjs|cjs|js|sh)\b/g) ?? [])
        expect(files, `${name}: ${file}`).toContain(file);
    }
  });

  it('ships only the declarations the public API reaches, and no source, test or internal file', () => {
    const declarations = [...files].filter((file) => file.endsWith('.d.ts'));
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file) || !files.has(file)) return;
      reached.add(file);
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        visit(path.posix.join(path.posix.dirname(file), (match[1] ?? '').replace(/\.js$/, '.d.ts')));
      }
    };
    visit('dist/types/index.d.ts');
    expect(declarations.filter((file) => !reached.has(file))).toStrictEqual([]);
    expect(declarations.length).toBeLessThan(100);
    expect(
      [...files].filter((file) => /^(src|test|bench|web|grafana|examples)\/|^AGENTS\.md$/.test(file)),
    ).toStrictEqual([]);
  });

  it('has no link in a shipped Markdown file to a file it does not ship', () => {
    const broken: string[] = [];
    for (const file of [...files].filter((f) => f.endsWith('.md') && !f.startsWith('templates/'))) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      const links = new MarkdownIt()
        .parse(text, {})
        .flatMap((token) => token.children ?? [])
        .filter((token) => token.type === 'link_open')
        .map((token) => String(token.attrGet('href') ?? '').split('#')[0] ?? '');
      for (const target of links) {
        if (target === '' || /^[a-z]+:/i.test(target)) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
        if (!files.has(resolved) && ![...files].some((f) => f.startsWith(`${resolved}/`)))
          broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toStrictEqual([]);
  });
});
