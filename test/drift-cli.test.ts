// Invariant: `techspec check`, run as users run it (node bin/techspec.js inside a real git repository), prints drift
// through the linter's formatters (stylish, json with the per-spec summaries, SARIF 2.1.0 that validates, GitHub
// annotations), exits 0 when there is none, 1 on drift and 2 on bad input, and --accept rewrites only the baseline.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sarifValidator } from './sarif-schema.js';
import { Repo, spec } from './drift-repo.js';
import { techspec } from './cli-run.js';

const repos: Repo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});

const SPEC = 'tasks/prd-demo/techspec.md';

/** A spec written at the first commit; then `src/b.ts` is deleted and the planned `src/c.ts` created. */
function demoRepo(): { repo: Repo; base: string } {
  const repo = new Repo({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
  repos.push(repo);
  const base = repo.head();
  const body = [
    '# Tech Spec: Demo',
    '',
    '## Technical Considerations',
    '',
    '### Relevant Files',
    '',
    '- `src/a.ts` — kept',
    '- `src/b.ts` — helper',
    '- `src/c.ts` (new) — the new module',
  ];
  repo.write({ [SPEC]: spec(['feature: demo', `baseline: ${base}`], body) });
  repo.commit('spec');
  repo.git('rm', '-q', 'src/b.ts');
  repo.write({ 'src/c.ts': 'export const c = 1;\n' });
  repo.commit('b removed, c added');
  return { repo, base };
}

describe('techspec check', () => {
  it('prints drift in the stylish format with what is done, and exits 1', () => {
    const { repo, base } = demoRepo();
    const { status, stdout, stderr } = techspec(repo.root, ['check']);
    const message = `Deleted file \`src/b.ts\` since baseline \`${base.slice(0, 7)}\`, expected the paths the spec lists to exist`;
    expect({ status, stderr }).toStrictEqual({ status: 1, stderr: '' });
    expect(stdout).toBe(
      [
        '',
        SPEC,
        // 72 characters to `the`, then the message wraps under itself; the rule id stays on the first line.
        `  12:4  error  ${message.slice(0, message.indexOf(' spec lists'))}  drift/file-deleted`,
        '               spec lists to exist',
        '               ↳ Remove it from Relevant Files, or list the file that took its place',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
        'Findings per rule:',
        '  1  drift/file-deleted',
        `${SPEC}: done: src/c.ts`,
        '',
      ].join('\n'),
    );
  });

  it('shows paths from the working directory, and every path with --all', () => {
    const { repo, base } = demoRepo();
    const { status, stdout } = techspec(path.join(repo.root, 'tasks'), [
      'check',
      'prd-demo/techspec.md',
      '--all',
    ]);
    expect(status).toBe(1);
    expect(stdout.split('\n').slice(-6)).toStrictEqual([
      '',
      `prd-demo/techspec.md  drifted baseline ${base.slice(0, 7)}`,
      '  unchanged  src/a.ts',
      '  deleted    src/b.ts',
      '  done       src/c.ts',
      '',
    ]);
  });

  it('--format json adds the per-spec summaries to the lint JSON shape', () => {
    const { repo, base } = demoRepo();
    const { status, stdout } = techspec(repo.root, ['check', '--format', 'json']);
    expect(status).toBe(1);
    const parsed = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toStrictEqual([
      'results',
      'problems',
      'errorCount',
      'warningCount',
      'fixableCount',
      'specs',
    ]);
    expect(parsed.specs).toStrictEqual([
      {
        spec: SPEC,
        feature: 'demo',
        baseline: base,
        baselineCommit: base,
        state: 'drifted',
        counts: {
          findings: 1,
          deleted: 1,
          renamed: 0,
          changed: 0,
          missing: 0,
          endpointMissing: 0,
          endpointUnlisted: 0,
          symbolMissing: 0,
          metricMissing: 0,
          done: 1,
        },
        done: ['src/c.ts'],
        notes: [],
      },
    ]);
  });

  it('--format sarif validates against SARIF 2.1.0 and describes the drift findings', () => {
    const { repo } = demoRepo();
    const { status, stdout } = techspec(repo.root, ['check', '--format', 'sarif']);
    expect(status).toBe(1);
    const log = JSON.parse(stdout) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number }[];
      }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const run = log.runs[0];
    expect(run?.results.map((r) => [r.ruleId, run.tool.driver.rules[r.ruleIndex]?.id])).toStrictEqual([
      ['drift/file-deleted', 'drift/file-deleted'],
    ]);
    // Drift findings are documented in docs/check.md, not in docs/rules/.
    const described = run?.tool.driver.rules as { id: string; helpUri: string }[];
    expect(described.find((r) => r.id === 'drift/file-deleted')?.helpUri).toBe(
      'https://github.com/techspec-dev/techspec/blob/main/docs/check.md#driftfile-deleted',
    );
  });

  it('--format github prints one annotation per finding', () => {
    const { repo, base } = demoRepo();
    const { status, stdout } = techspec(repo.root, ['check', '--format', 'github']);
    expect(status).toBe(1);
    expect(stdout).toBe(
      `::error file=${SPEC},line=12,col=4,endLine=12,endColumn=12,title=drift/file-deleted::Deleted file \`src/b.ts\` since baseline \`${base.slice(0, 7)}\`, expected the paths the spec lists to exist\n`,
    );
  });

  it('--accept moves the baseline of the named spec, and the check is clean once the spec is updated', () => {
    const { repo, base } = demoRepo();
    const before = repo.read(SPEC);
    const head = repo.head();
    repo.write({ [SPEC]: before.replace('- `src/b.ts` — helper\n', '') });
    const first = techspec(repo.root, ['check', SPEC, '--accept']);
    expect(first).toStrictEqual({
      status: 0,
      stdout: `${SPEC}: baseline moved to ${head.slice(0, 7)} (was ${base.slice(0, 12)})\n`,
      stderr: '',
    });
    expect(repo.read(SPEC)).toBe(before.replace('- `src/b.ts` — helper\n', '').replace(base, head));
    const second = techspec(repo.root, ['check', SPEC, '--accept']);
    expect(second).toStrictEqual({
      status: 0,
      stdout: `${SPEC}: baseline already at ${head.slice(0, 7)}\n`,
      stderr: '',
    });
    expect(techspec(repo.root, ['check'])).toStrictEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('exits 2 with one line for bad input: --accept without specs, a spec outside, no commits', () => {
    const { repo } = demoRepo();
    expect(techspec(repo.root, ['check', '--accept'])).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: 'techspec: --accept was given without specs, expected the paths of the specs to accept\n',
    });
    const outside = techspec(repo.root, ['check', '../other/techspec.md']);
    expect(outside.status).toBe(2);
    expect(outside.stdout).toBe(
      [
        `✖ ../other/techspec.md: Invalid spec "../other/techspec.md": it lies outside the project root ${repo.root}, expected a path inside it`,
        '',
        '✖ 1 path could not be checked',
        '',
      ].join('\n'),
    );
    const empty = new Repo({}, { commit: false });
    repos.push(empty);
    expect(techspec(empty.root, ['check'])).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: `techspec: The repository at ${empty.root} has no commits, expected at least one commit to compare specs with\n`,
    });
  });
});
