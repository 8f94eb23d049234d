// Invariant: `techspec lint` run as users run it (node bin/techspec.js in a real git repository) prints each
// format, exits 0 clean / 1 findings / 2 failures, reports config and input failures in one line, and fixes idempotently.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { RULES } from '../src/lint/rules/index.js';
import { loadDefaultTemplate } from '../src/spec/default-template.js';
import { techspec } from './cli-run.js';

const VERSION = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
    version: string;
  }
).version;
const template = loadDefaultTemplate();
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A spec with every required template section, each with a sentence, minus the section ids in `omit`. */
function spec(omit: readonly string[] = []): string {
  const body = template.sections
    .filter((s) => !s.optional && !omit.includes(s.id))
    .map(
      (s) =>
        `${'#'.repeat(s.level)} ${s.title}\n\nWhat ${s.title.toLowerCase()} says for the export feature.\n`,
    );
  return `# Tech Spec: Invoice export\n\n${body.join('\n')}`;
}

/** Only required-sections runs (at `level`), so the tests do not depend on how the other rules evolve. */
function config(level: 'error' | 'warn' = 'error'): string {
  const rules = Object.fromEntries(RULES.map((r) => [r.id, r.id === 'required-sections' ? level : 'off']));
  return JSON.stringify({ rules }, null, 2);
}

/** A real git repository in a temp dir holding `files` (a Buffer is written as is). */
function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techspec-cli-'));
  made.push(dir);
  spawnSync('git', ['init', '-q', dir]);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const MISSING =
  'Missing section `Monitoring and Observability`, expected it before `Technical Considerations`';

/** Line of the heading the missing section would precede, in spec(['monitoring-and-observability']). */
function lineOf(text: string, heading: string): number {
  return text.split('\n').indexOf(heading) + 1;
}

describe('exit codes and formats', () => {
  const flawed = spec(['monitoring-and-observability']);
  const line = lineOf(flawed, '## Technical Considerations');

  it('exits 0 and prints nothing when every spec is clean', () => {
    const dir = repo({ 'techspec.config.json': config(), 'docs/techspec.md': spec() });
    expect(techspec(dir, ['lint'])).toStrictEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('stylish: exits 1 with the finding, its rule and the summary', () => {
    const dir = repo({
      'techspec.config.json': config(),
      'docs/techspec.md': flawed,
      'docs/ok/techspec.md': spec(),
    });
    const { status, stdout, stderr } = techspec(dir, ['lint']);
    expect({ status, stderr }).toStrictEqual({ status: 1, stderr: '' });
    expect(stdout).toBe(
      [
        '',
        'docs/techspec.md',
        // The message wraps at 72 characters; the rule id stays on the first line.
        `  ${line}:1  error  ${'Missing section `Monitoring and Observability`, expected it before'.padEnd(72)}  required-sections`,
        `               \`Technical Considerations\` (line ${line}) as the template requires`,
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '  1 fixable with --fix',
        '',
        'Findings per rule:',
        '  1  required-sections',
        '',
      ].join('\n'),
    );
  });

  it('json: results for every linted file, with positions', () => {
    const dir = repo({
      'techspec.config.json': config(),
      'docs/techspec.md': flawed,
      'docs/ok/techspec.md': spec(),
    });
    const { status, stdout } = techspec(dir, ['lint', '--format', 'json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as {
      results: { file: string; diagnostics: { ruleId: string; line: number; column: number }[] }[];
      problems: unknown[];
      errorCount: number;
      warningCount: number;
    };
    expect(report.results.map((r) => r.file)).toStrictEqual(['docs/ok/techspec.md', 'docs/techspec.md']);
    expect(report.results[1]?.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toStrictEqual([
      ['required-sections', line, 1],
    ]);
    expect([report.problems, report.errorCount, report.warningCount]).toStrictEqual([[], 1, 0]);
  });

  it('sarif: one result with a relative URI and the region', () => {
    const dir = repo({ 'techspec.config.json': config(), 'docs/techspec.md': flawed });
    const { status, stdout } = techspec(dir, ['lint', '--format', 'sarif']);
    expect(status).toBe(1);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: { tool: { driver: { version: string; rules: { id: string }[] } }; results: unknown[] }[];
    };
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run?.tool.driver.version).toBe(VERSION);
    expect(run?.tool.driver.rules.map((r) => r.id)).toStrictEqual(RULES.map((r) => r.id));
    expect(run?.results).toStrictEqual([
      {
        ruleId: 'required-sections',
        ruleIndex: 0,
        level: 'error',
        message: { text: `${MISSING} (line ${line}) as the template requires` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'docs/techspec.md', uriBaseId: '%SRCROOT%' },
              region: { startLine: line, startColumn: 1, endLine: line, endColumn: 28 },
            },
          },
        ],
      },
    ]);
  });

  it('github: one annotation line per finding', () => {
    const dir = repo({ 'techspec.config.json': config(), 'docs/techspec.md': flawed });
    const { status, stdout } = techspec(dir, ['lint', '--format', 'github']);
    expect(status).toBe(1);
    expect(stdout).toBe(
      `::error file=docs/techspec.md,line=${line},col=1,endLine=${line},endColumn=28,title=required-sections::` +
        `${MISSING} (line ${line}) as the template requires\n`,
    );
  });

  it('--output writes the report to the file and nothing to stdout', () => {
    const dir = repo({ 'techspec.config.json': config(), 'docs/techspec.md': flawed });
    const { status, stdout } = techspec(dir, ['lint', '--format', 'json', '--output', 'out/report.json']);
    expect([status, stdout]).toStrictEqual([1, '']);
    const report = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8')) as {
      errorCount: number;
    };
    expect(report.errorCount).toBe(1);
  });

  it('lints many files across worker threads in a stable order', () => {
    const files: Record<string, string> = { 'techspec.config.json': config() };
    for (let i = 0; i < 70; i++)
      files[`specs/f${String(i).padStart(2, '0')}/techspec.md`] = i % 7 === 0 ? flawed : spec();
    const dir = repo(files);
    const { status, stdout } = techspec(dir, ['lint', '--format', 'json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as { results: { file: string; errorCount: number }[] };
    const expected = Object.keys(files)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(report.results.map((r) => r.file)).toStrictEqual(expected);
    expect(report.results.filter((r) => r.errorCount > 0).map((r) => r.file)).toStrictEqual(
      expected.filter((_, i) => i % 7 === 0),
    );
  });
});

describe('warnings: --max-warnings, --quiet, --strict', () => {
  const flawed = spec(['monitoring-and-observability']);
  const dir = (): string => repo({ 'techspec.config.json': config('warn'), 'techspec.md': flawed });

  it('a warning alone exits 0; over --max-warnings it exits 1 and says why', () => {
    const cwd = dir();
    expect(techspec(cwd, ['lint']).status).toBe(0);
    expect(techspec(cwd, ['lint', '--max-warnings', '1']).status).toBe(0);
    const over = techspec(cwd, ['lint', '--max-warnings', '0']);
    expect([over.status, over.stderr]).toStrictEqual([
      1,
      'techspec: Too many warnings (1), expected at most 0 (--max-warnings)\n',
    ]);
  });

  it('--quiet hides warnings and does not count them', () => {
    const quiet = techspec(dir(), ['lint', '--quiet', '--max-warnings', '0']);
    expect(quiet).toStrictEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('--strict reports the warning as an error', () => {
    const strict = techspec(dir(), ['lint', '--strict', '--format', 'json']);
    expect(strict.status).toBe(1);
    expect((JSON.parse(strict.stdout) as { errorCount: number; warningCount: number }).errorCount).toBe(1);
  });
});

describe('--stdin', () => {
  it('lints standard input under --stdin-filename', () => {
    const dir = repo({ 'techspec.config.json': config() });
    const flawed = spec(['monitoring-and-observability']);
    const { status, stdout } = techspec(
      dir,
      ['lint', '--stdin', '--stdin-filename', 'docs/techspec.md', '-f', 'github'],
      flawed,
    );
    expect(status).toBe(1);
    expect(stdout).toMatch(
      /^::error file=docs\/techspec\.md,line=\d+,col=1,.*title=required-sections::Missing section/,
    );
    expect(techspec(dir, ['lint', '--stdin'], spec())).toStrictEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('rejects --stdin with paths, and --stdin-filename alone', () => {
    const dir = repo({ 'techspec.config.json': config() });
    const both = techspec(dir, ['lint', '--stdin', 'a.md'], '');
    expect([both.status, both.stderr]).toStrictEqual([
      2,
      'techspec: --stdin was given with paths (a.md), expected one or the other\n',
    ]);
    expect(techspec(dir, ['lint', '--stdin-filename', 'a.md']).status).toBe(2);
  });
});

describe('--fix', () => {
  it('inserts the missing section, and a second run changes no byte', () => {
    const dir = repo({
      'techspec.config.json': config(),
      'techspec.md': spec(['monitoring-and-observability']),
    });
    const file = path.join(dir, 'techspec.md');
    const first = techspec(dir, ['lint', '--fix']);
    expect(first).toStrictEqual({ status: 0, stdout: '', stderr: '' });
    const fixed = readFileSync(file);
    expect(fixed.toString('utf8')).toContain(
      '## Monitoring and Observability\n\n## Technical Considerations',
    );
    expect(techspec(dir, ['lint', '--fix']).status).toBe(0);
    expect(readFileSync(file).equals(fixed)).toBe(true);
  });

  const encoding = RULES.find((rule) => rule.id === 'encoding-artifacts');
  it.runIf(encoding?.fixable)('repairs mojibake once: â‰¤ becomes ≤ and stays so', () => {
    const rules = Object.fromEntries(
      RULES.map((r) => [r.id, r.id === 'encoding-artifacts' ? 'error' : 'off']),
    );
    const text = spec().replace(
      'What executive summary says',
      'Latency â‰¤ 200 ms; what executive summary says',
    );
    const dir = repo({ 'techspec.config.json': JSON.stringify({ rules }), 'techspec.md': text });
    const file = path.join(dir, 'techspec.md');
    techspec(dir, ['lint', '--fix']);
    const fixed = readFileSync(file);
    expect(fixed.toString('utf8')).toContain('Latency ≤ 200 ms');
    techspec(dir, ['lint', '--fix']);
    expect(readFileSync(file).equals(fixed)).toBe(true);
  });
});

describe('config errors: one line naming the file, key and value; exit 2', () => {
  const cases: [string, string, RegExp][] = [
    [
      'an unknown rule id',
      JSON.stringify({ rules: { 'no-such-rule': 'error' } }),
      /^techspec: techspec\.config\.json: Unknown rule "no-such-rule" at rules, expected .+\n$/,
    ],
    [
      'a bad option value',
      JSON.stringify({ rules: { 'required-sections': ['error', { checkLevels: 'yes' }] } }),
      /^techspec: techspec\.config\.json: Invalid value at rules\.required-sections\[1\]\.checkLevels \(got "yes"\): .*expected boolean.*\n$/,
    ],
    ['invalid JSON', '{ "rules": ', /^techspec: techspec\.config\.json: Invalid JSON: .+\n$/],
  ];
  it.each(cases)('%s', (_name, content, message) => {
    const dir = repo({ 'techspec.config.json': content, 'techspec.md': spec() });
    const { status, stdout, stderr } = techspec(dir, ['lint']);
    expect([status, stdout]).toStrictEqual([2, '']);
    expect(stderr).toMatch(message);
  });

  it('a --config file that does not exist', () => {
    const dir = repo({ 'techspec.md': spec() });
    const { status, stderr } = techspec(dir, ['lint', '--config', 'nope.json']);
    expect([status, stderr]).toStrictEqual([
      2,
      'techspec: nope.json: Config file nope.json does not exist\n',
    ]);
  });
});

describe('bad flags name the flag, the value and what was expected; exit 2', () => {
  it.each([
    [
      ['--format', 'xml'],
      /--format <name>' argument 'xml' is invalid\. Allowed choices are stylish, json, sarif, github/,
    ],
    [['--max-warnings', 'abc'], /--max-warnings <n>' argument 'abc' is invalid\. Expected a whole number/],
    [['--no-such-flag'], /unknown option '--no-such-flag'/],
  ])('%j', (args, message) => {
    const dir = repo({ 'techspec.md': spec() });
    const { status, stdout, stderr } = techspec(dir, ['lint', ...args]);
    expect([status, stdout]).toStrictEqual([2, '']);
    expect(stderr).toMatch(/^techspec: /);
    expect(stderr).toMatch(message);
  });
});

describe('input problems: one line each, the other files still linted, exit 2', () => {
  it('reports a missing path, an empty, a binary, a non-UTF-8 and a 20 MB file', () => {
    const dir = repo({
      'techspec.config.json': config(),
      'good/techspec.md': spec(['monitoring-and-observability']),
      'empty/techspec.md': '',
      'binary/techspec.md': Buffer.from([0x23, 0x20, 0x41, 0x00, 0x01, 0x02]),
      'latin1/techspec.md': Buffer.concat([
        Buffer.from('# Spec\n\nCaf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
      'huge/techspec.md': `# Huge\n\n${'word '.repeat(4 * 1024 * 1024)}\n`,
      'empty-dir/README.md': 'not a spec\n',
    });
    const { status, stdout, stderr } = techspec(dir, ['lint', '.', 'missing.md', 'empty-dir']);
    expect(status).toBe(2);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 6)).toStrictEqual([
      '✖ binary/techspec.md: File is binary (NUL byte at offset 3), expected Markdown text',
      '✖ empty/techspec.md: File is empty, expected a tech spec in Markdown',
      '✖ huge/techspec.md: File is 20.0 MB, expected at most 10.0 MB',
      '✖ latin1/techspec.md: File is not valid UTF-8 (byte 0xE9 at line 3, byte 4 of the line), expected UTF-8 text: re-save it as UTF-8',
      '✖ missing.md: Path does not exist, expected a spec file, a directory or a glob',
      '✖ empty-dir: Directory has no spec files, expected files matching **/techspec.md, **/_techspec.md, **/techspec-*.md (ignored and .gitignored files are skipped)',
    ]);
    expect(stdout).toContain(`good/techspec.md\n  `);
    expect(stdout).toContain('✖ 6 paths could not be linted');
    for (const format of ['json', 'sarif', 'github']) {
      const run = techspec(dir, ['lint', '-f', format]);
      expect(run.status).toBe(2);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('--output also puts input problems on stderr, one line each', () => {
    const dir = repo({ 'techspec.config.json': config(), 'techspec.md': spec() });
    const { status, stdout, stderr } = techspec(dir, ['lint', 'techspec.md', 'gone.md', '-o', 'report.txt']);
    expect({ status, stdout }).toStrictEqual({ status: 2, stdout: '' });
    expect(stderr).toBe(
      'techspec: gone.md: Path does not exist, expected a spec file, a directory or a glob\n',
    );
  });
});

describe('paths', () => {
  it('a glob lints what it matches, spec name or not; a glob matching nothing is an input problem', () => {
    const dir = repo({
      'techspec.config.json': config(),
      'docs/a.md': spec(),
      'docs/b.md': spec(),
      'docs/c.txt': 'x',
    });
    const { status, stdout } = techspec(dir, ['lint', '-f', 'json', 'docs/*.md', 'nothing/**/*.md']);
    expect(status).toBe(2);
    const report = JSON.parse(stdout) as {
      results: { file: string }[];
      problems: { file: string; code: string }[];
    };
    expect(report.results.map((r) => r.file)).toStrictEqual(['docs/a.md', 'docs/b.md']);
    expect(report.problems.map((p) => [p.file, p.code])).toStrictEqual([['nothing/**/*.md', 'NO_MATCH']]);
  });

  it('finding no spec at all is a failure, not a pass', () => {
    const dir = repo({ 'techspec.config.json': config(), 'README.md': '# Readme\n' });
    const { status, stdout } = techspec(dir, ['lint']);
    expect(status).toBe(2);
    expect(stdout).toMatch(/^✖ \.: Directory has no spec files, expected files matching \*\*\/techspec\.md/);
  });

  it('.gitignored and node_modules specs are skipped', () => {
    const dir = repo({
      '.gitignore': 'build/\n',
      'techspec.config.json': config(),
      'techspec.md': spec(),
      'build/techspec.md': '',
      'node_modules/pkg/techspec.md': '',
      '.hidden/techspec-x.md': spec(),
    });
    const { status, stdout } = techspec(dir, ['lint', '-f', 'json']);
    expect(status).toBe(0);
    const files = (JSON.parse(stdout) as { results: { file: string }[] }).results.map((r) => r.file);
    expect(files).toStrictEqual(['.hidden/techspec-x.md', 'techspec.md']);
  });
});

describe('an unexpected exception', () => {
  /** Runs main in-process with standard input that fails, which no code path expects. */
  async function failing(env: Record<string, string>) {
    const out = { stdout: '', stderr: '' };
    const io: Io = {
      cwd: repo({ 'techspec.config.json': config() }),
      env,
      stdin: {
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('stdin went away')) }),
      },
      stdout: { write: (text) => ((out.stdout += text), true) },
      stderr: { write: (text) => ((out.stderr += text), true) },
    };
    return { status: await main(['lint', '--stdin'], io), ...out };
  }

  it('prints one line asking for a report, and exits 2', async () => {
    expect(await failing({})).toStrictEqual({
      status: 2,
      stdout: '',
      stderr:
        'techspec: unexpected error: stdin went away — this is a bug, please report it at ' +
        'https://github.com/techspec-dev/techspec/issues (set DEBUG=techspec to see the stack trace)\n',
    });
  });

  it('adds the stack trace with DEBUG=techspec', async () => {
    const { status, stderr } = await failing({ DEBUG: 'techspec' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/please report it at \S+\n/);
    expect(stderr).toMatch(/^\s+at /m);
  });
});

describe('the program', () => {
  it('--version prints the package version', () => {
    const dir = repo({});
    expect(techspec(dir, ['--version'])).toStrictEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('lint --help lists every rule with its description', () => {
    const { status, stdout } = techspec(repo({}), ['lint', '--help']);
    expect(status).toBe(0);
    for (const rule of RULES)
      expect(stdout).toMatch(new RegExp(`^  ${rule.id} +${escapeRegExp(rule.description)}$`, 'm'));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
