// Invariant: where teams run techspec — the composite GitHub Action (action.yml, whose lint step is run here as the
// script it is) and the pre-commit hook (.pre-commit-hooks.yaml, run by the real pre-commit on a temp git repo) —
// lints the specs, reports annotations or SARIF, and fails at the chosen level.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadDefaultTemplate } from '../src/spec/default-template.js';
import { skipping } from './environment.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const template = loadDefaultTemplate();
/** A spec with every section written, minus `omit`; only required-sections and word-budget run. */
function spec(omit: readonly string[] = []): string {
  const body = template.sections
    .filter((s) => !s.optional && !omit.includes(s.id))
    .map((s) => `${'#'.repeat(s.level)} ${s.title}\n\nWhat ${s.title.toLowerCase()} says.\n`);
  return `# Tech Spec: Export\n\n${body.join('\n')}`;
}
const CONFIG = JSON.stringify({
  rules: Object.fromEntries(
    ['required-sections', 'word-budget'].map((id) => [
      id,
      id === 'word-budget' ? ['warn', { max: 20 }] : 'error',
    ]),
  ),
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'techspec-ci-'));
  made.push(dir);
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: { shell?: string; run?: string; uses?: string; if?: string }[] };
}
const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** The action's bash step, as the runner runs it: GITHUB_ACTION_PATH is the action's folder, inputs in INPUT_*. */
function runAction(cwd: string, inputs: Record<string, string>) {
  const step = action.runs.steps.find((s) => s.shell === 'bash');
  const env: Record<string, string> = { ...process.env, GITHUB_ACTION_PATH: ROOT, NO_COLOR: '1' };
  for (const [name, input] of Object.entries(action.inputs)) {
    env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = inputs[name] ?? input.default;
  }
  const result = spawnSync('bash', ['-c', step?.run ?? 'exit 99'], { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the GitHub Action', () => {
  it('is a composite action whose lint step is scripts/action-lint.sh, then a SARIF upload', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s) => s.run ?? s.uses)).toStrictEqual([
      'bash "$GITHUB_ACTION_PATH/scripts/action-lint.sh"',
      'github/codeql-action/upload-sarif@v3',
    ]);
    expect(Object.keys(action.inputs)).toStrictEqual([
      'paths',
      'format',
      'fail-level',
      'sarif-file',
      'working-directory',
    ]);
  });

  it('annotates findings and fails on errors; fail-level none passes; warning fails on warnings only', () => {
    const dir = repo({
      'techspec.config.json': CONFIG,
      'tasks/prd-a/techspec.md': spec(['monitoring-and-observability']),
      'tasks/prd-b/techspec.md': spec(),
      'skills/x/assets/techspec.md': spec(['executive-summary']),
    });
    const github = runAction(dir, {});
    expect(github.status).toBe(1);
    expect(github.stdout).toMatch(/^::error file=tasks\/prd-a\/techspec\.md,line=\d+,/m);
    expect(github.stdout).not.toContain('assets');
    expect(runAction(dir, { 'fail-level': 'none' }).status).toBe(0);
    const onlyB = runAction(dir, { paths: 'tasks/prd-b/techspec.md' });
    expect([onlyB.status, onlyB.stdout]).toStrictEqual([
      0,
      expect.stringMatching(/^::warning file=tasks\/prd-b/m),
    ]);
    expect(runAction(dir, { paths: 'tasks/prd-b/techspec.md', 'fail-level': 'warning' }).status).toBe(1);
    expect(
      runAction(dir, { paths: '**/techspec.md !tasks/prd-a/** !**/assets/**', 'fail-level': 'error' }).status,
    ).toBe(0);
  });

  it('writes SARIF for the upload step, and rejects an unknown format', () => {
    const dir = repo({
      'techspec.config.json': CONFIG,
      'tasks/prd-a/techspec.md': spec(['executive-summary']),
    });
    expect(runAction(dir, { format: 'sarif', 'sarif-file': 'out/techspec.sarif' }).status).toBe(1);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'out/techspec.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toContain('required-sections');
    const bad = runAction(dir, { format: 'junit' });
    expect([bad.status, bad.stderr]).toStrictEqual([
      2,
      'techspec action: Invalid format "junit", expected github or sarif\n',
    ]);
  });
});

const PRE_COMMIT = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(
  !PRE_COMMIT &&
    skipping('pre-commit hook: the pre-commit command is absent (apt-get install -y pre-commit)'),
)('the pre-commit hook', () => {
  interface Hook {
    id: string;
    entry: string;
    files: string;
    exclude: string;
  }
  const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('runs on the staged specs only, leaving template copies out, and fails the commit on a finding', () => {
    const hook = hooks.find((h) => h.id === 'techspec-lint');
    expect(hook?.entry).toBe('techspec lint');
    // The hook as defined, run by pre-commit with the built binary in place of the installed one (no network).
    const local = {
      repos: [
        {
          repo: 'local',
          hooks: [{ ...hook, language: 'system', entry: `node ${path.join(ROOT, 'bin/techspec.js')} lint` }],
        },
      ],
    };
    const dir = repo({
      '.pre-commit-config.yaml': JSON.stringify(local),
      'techspec.config.json': CONFIG,
      'tasks/prd-a/techspec.md': spec(),
      'docs/notes.md': '# Not a spec\n',
      '.claude/skills/s/assets/techspec-template.md': '# Template\n',
    });
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('add', '-A');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(dir, '.cache'), NO_COLOR: '1' };
    const run = () =>
      spawnSync('pre-commit', ['run', '--color', 'never'], { cwd: dir, env, encoding: 'utf8' });
    const clean = run();
    expect(clean.stdout, clean.stderr).toMatch(/^techspec lint\.+Passed$/m);
    writeFileSync(path.join(dir, 'tasks/prd-a/techspec.md'), spec(['executive-summary']));
    git('add', '-A');
    const failed = run();
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^techspec lint\.+Failed$/m);
    expect(failed.stdout).toContain('Missing section `Executive Summary`');
    expect(failed.stdout).not.toContain('assets');
  }, 60_000);
});
