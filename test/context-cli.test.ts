// Invariant: `techspec context` and `techspec rules`, run as users run them (node bin/techspec.js inside a real git
// repository), print the documented JSON shape or ready-to-paste Markdown, read a spec from outside the repository,
// and exit 0 on an answer, 2 on bad input with one line saying why.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressBar } from '../src/cli/progress.js';
import { makeRepo, removeRepos } from './context-repos.js';
import { techspec } from './cli-run.js';

afterAll(removeRepos);

const cursor = (front: string, body: string): string => `---\n${front}\n---\n\n${body}\n`;

const REPO = {
  '.cursor/rules/api.mdc': cursor('description: HTTP handlers\nglobs: src/api/**', '# API handlers'),
  '.cursor/rules/base.mdc': cursor('alwaysApply: true', '# Base conventions'),
  '.cursor/rules/commits.mdc': cursor('alwaysApply: true', '# Commit messages'),
  'src/api/invoices.ts': 'export function exportInvoices() {\n  return [];\n}\n',
  'src/billing/totals.ts': 'export function invoiceTotal(lines: number[]) {\n  return lines.length;\n}\n',
};

const SPEC = [
  '# Invoice export',
  '',
  '## Technical Considerations',
  '',
  '### Relevant Files',
  '',
  '- `src/api/invoices.ts` — add the CSV export',
  '',
].join('\n');

/** A spec in a temp dir of its own, outside any repository. */
function outsideSpec(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techspec-outside-'));
  const file = path.join(dir, 'techspec.md');
  writeFileSync(file, text);
  return file;
}

describe('techspec context', () => {
  it('--format json prints exactly { rules, files }, for a spec outside the repository', () => {
    const root = makeRepo(REPO);
    const { status, stdout, stderr } = techspec(root, [
      'context',
      outsideSpec(SPEC),
      '--format',
      'json',
      '--k',
      '1',
    ]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    const answer = JSON.parse(stdout) as {
      rules: { path: string; verdict: string; reason: string; score: number }[];
      files: { path: string; score: number; reason: string }[];
    };
    expect(answer.rules.map(({ path, verdict, reason }) => ({ path, verdict, reason }))).toEqual([
      { path: '.cursor/rules/base.mdc', verdict: 'applies', reason: 'always on (alwaysApply: true)' },
      {
        path: '.cursor/rules/api.mdc',
        verdict: 'applies',
        reason: 'globs `src/api/**` match src/api/invoices.ts',
      },
      {
        path: '.cursor/rules/commits.mdc',
        verdict: 'no',
        reason: 'process rule (commits): left out of Standards Compliance by default',
      },
    ]);
    const scores = answer.rules.map((rule) => rule.score);
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
    expect(scores[0]).toBeGreaterThan(scores[2] ?? 1);
    expect(answer.files.map((file) => [file.path, Object.keys(file)])).toEqual([
      ['src/api/invoices.ts', ['path', 'score', 'reason']],
    ]);
    expect(answer.files[0]?.reason).toMatch(/^listed in the spec; /);
  });

  it('markdown prints the two lists, ready to paste, from a subfolder of the repository', () => {
    const root = makeRepo(REPO);
    const { status, stdout } = techspec(path.join(root, 'src'), [
      'context',
      '--text',
      'invoice totals',
      '--k',
      '1',
    ]);
    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        '### Standards Compliance',
        '',
        '- `.cursor/rules/base.mdc` — always on (alwaysApply: true)',
        '',
        '### Relevant Files',
        '',
        '- `src/billing/totals.ts` — matches totals, invoice',
        '',
      ].join('\n'),
    );
  });

  it('a PRD is read as text: no seeds, scoped rules judged against the ranked files', () => {
    const root = makeRepo(REPO);
    const prd = outsideSpec('# PRD\n\nUsers export their invoices from the API.\n');
    const { status, stdout } = techspec(root, ['context', '--prd', prd, '--format', 'json', '--k', '3']);
    expect(status).toBe(0);
    const answer = JSON.parse(stdout) as { rules: { path: string; verdict: string; reason: string }[] };
    expect(answer.rules[1]).toMatchObject({
      path: '.cursor/rules/api.mdc',
      verdict: 'likely',
      reason: 'globs `src/api/**` match src/api/invoices.ts (a suggested relevant file)',
    });
  });

  it.each([
    [[], 'Expected one input, a spec path, --prd <file> or --text <text>, but none was given'],
    [
      ['a.md', '--text', 'x'],
      'Expected one input, a spec path, --prd <file> or --text <text>, but more than one was given',
    ],
    [['missing.md'], 'Cannot read missing.md (ENOENT), expected a readable Markdown file'],
    [['--prd', 'missing.md'], 'Cannot read missing.md (ENOENT), expected a readable Markdown file'],
    [
      ['--text', 'x', '--k', 'ten'],
      "option '--k <n>' argument 'ten' is invalid. Expected a whole number of files, 1 or more.",
    ],
    [
      ['--text', 'x', '--format', 'yaml'],
      "option '-f, --format <name>' argument 'yaml' is invalid. Allowed choices are markdown, json.",
    ],
  ])('bad input %j: one line, exit 2', (args, message) => {
    const root = makeRepo(REPO);
    expect(techspec(root, ['context', ...args])).toEqual({
      status: 2,
      stdout: '',
      stderr: `techspec: ${message}\n`,
    });
  });
});

describe('techspec rules', () => {
  it('lists the rule files per tool with activation, and as JSON', () => {
    const root = makeRepo({
      ...REPO,
      'AGENTS.md': '# Agents\n',
      '.kilo/rules/typescript.md': '---\npaths: ["src/**/*.ts"]\n---\n# TypeScript\n',
    });
    const text = techspec(root, ['rules']);
    expect(text).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'kilo',
        '  .kilo/rules/typescript.md  always (paths: not honoured by Kilo 7.x)  standard',
        'agents',
        '  AGENTS.md  always  standard',
        'cursor',
        '  .cursor/rules/api.mdc  globs src/api/**  standard',
        '  .cursor/rules/base.mdc  always  standard',
        '  .cursor/rules/commits.mdc  always  standard',
        '5 rule sources (0 not for tech specs), 0 problems',
        '',
      ].join('\n'),
    });
    const json = techspec(root, ['rules', '--format', 'json']);
    const scan = JSON.parse(json.stdout) as { sources: { path: string }[]; problems: unknown[] };
    expect([json.status, scan.sources.map((source) => source.path), scan.problems]).toEqual([
      0,
      [
        '.cursor/rules/api.mdc',
        '.cursor/rules/base.mdc',
        '.cursor/rules/commits.mdc',
        '.kilo/rules/typescript.md',
        'AGENTS.md',
      ],
      [],
    ]);
    // The context engine still reads the globs as what the rule is about.
    const context = techspec(root, ['context', '--text', 'Refactor the API', '--format', 'json']);
    const rules = (JSON.parse(context.stdout) as { rules: { path: string; reason: string }[] }).rules;
    expect(rules.find((rule) => rule.path === '.kilo/rules/typescript.md')?.reason).toMatch(
      /^globs `src\/\*\*\/\*\.ts`/,
    );
  });
});

describe('progress bar', () => {
  it('draws on a terminal only after a second, and clears itself', () => {
    const written: string[] = [];
    let now = 0;
    const stream = { isTTY: true, write: (text: string) => written.push(text) > 0 };
    const bar = progressBar(stream, 'indexing', () => now);
    bar.update(1, 4);
    now = 1500;
    bar.update(2, 4);
    bar.update(2, 4);
    bar.end();
    const line = 'indexing [############............] 2/4 files';
    expect(written).toEqual([`\r${line}`, `\r${' '.repeat(line.length)}\r`]);
  });

  it('never draws when the stream is not a terminal', () => {
    const written: string[] = [];
    const bar = progressBar({ write: (text: string) => written.push(text) > 0 }, 'indexing', () => 5000);
    bar.update(1, 2);
    bar.end();
    expect(written).toEqual([]);
  });
});
