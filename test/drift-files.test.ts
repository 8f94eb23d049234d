// Invariant: checkDrift tells, for each path a spec's Relevant Files lists, what git says became of it since the
// spec's baseline commit — deleted, renamed (git mv), changed (committed or not), done (marked new, now present),
// still planned, missing — at the line that lists it; a spec with no usable baseline gets existence checks and says so.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDrift } from '../src/drift/check.js';
import { TechspecError } from '../src/errors.js';
import { Repo, spec } from './drift-repo.js';

const repos: Repo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});

function repoWith(files: Record<string, string>, options: { commit?: boolean } = {}): Repo {
  const repo = new Repo(files, options);
  repos.push(repo);
  return repo;
}

const SPEC = 'tasks/prd-demo/techspec.md';
const LISTED = [
  '# Tech Spec: Demo',
  '',
  '## Technical Considerations',
  '',
  '### Relevant Files',
  '',
  '- `src/a.ts` — the order service',
  '- `src/b.ts` — the old helper',
  '- `src/old.ts` — the mapper',
  '- `src/c.ts` — unchanged',
  '- `src/planned.ts` (new) — the dispatcher',
  '- `src/later.ts` (new) — the worker',
  '- `src/ghost.ts` — never existed',
];
const CODE = {
  'src/a.ts': 'export const a = 1;\nexport const a2 = 2;\n',
  'src/b.ts': 'export const b = 1;\n',
  'src/old.ts': 'export function mapper() {\n  return 1;\n}\n',
  'src/c.ts': 'export const c = 1;\n',
};

/** A repository whose spec was written at its first commit, then changed by a second commit. */
function driftedRepo(): { repo: Repo; base: string } {
  const repo = repoWith(CODE);
  const base = repo.head();
  repo.write({ [SPEC]: spec(['feature: demo', 'status: draft', `baseline: ${base}`], LISTED) });
  repo.commit('spec');
  repo.write({
    'src/a.ts': 'export const a = 10;\nexport const a2 = 2;\nexport const a3 = 3;\n',
    'src/planned.ts': 'export const p = 1;\n',
  });
  repo.git('rm', '-q', 'src/b.ts');
  repo.git('mv', 'src/old.ts', 'src/new.ts');
  repo.commit('changes');
  return { repo, base };
}

const brief = (d: { ruleId: string; line: number; column: number; message: string; hint?: string }) => ({
  ruleId: d.ruleId,
  line: d.line,
  column: d.column,
  message: d.message,
  hint: d.hint,
});

describe('Relevant Files since the baseline', () => {
  it('reports deleted, renamed, changed and missing files at their lines, and a created new file as done', async () => {
    const { repo, base } = driftedRepo();
    const short = base.slice(0, 7);
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.problems).toStrictEqual([]);
    expect(report.results.map((r) => r.file)).toStrictEqual([SPEC]);
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      {
        ruleId: 'drift/file-changed',
        line: 12,
        column: 4,
        message: `Changed file \`src/a.ts\` since baseline \`${short}\` (+2 -1 lines), expected the spec reviewed and its baseline moved with \`techspec check --accept\``,
        hint: `Review it with \`git diff ${short} -- src/a.ts\``,
      },
      {
        ruleId: 'drift/file-deleted',
        line: 13,
        column: 4,
        message: `Deleted file \`src/b.ts\` since baseline \`${short}\`, expected the paths the spec lists to exist`,
        hint: 'Remove it from Relevant Files, or list the file that took its place',
      },
      {
        ruleId: 'drift/file-renamed',
        line: 14,
        column: 4,
        message: `Renamed file \`src/old.ts\` to \`src/new.ts\` since baseline \`${short}\`, expected the spec to list \`src/new.ts\``,
        hint: 'Replace `src/old.ts` with `src/new.ts`',
      },
      {
        ruleId: 'drift/file-missing',
        line: 18,
        column: 4,
        message:
          'Missing file `src/ghost.ts`, expected a path of the repository or a marker such as `(new)` for one to create',
        hint: undefined,
      },
    ]);
    const [summary] = report.specs;
    expect(summary).toMatchObject({
      spec: SPEC,
      feature: 'demo',
      baseline: base,
      baselineCommit: base,
      state: 'drifted',
      done: ['src/planned.ts'],
      notes: [],
    });
    expect(summary?.counts).toStrictEqual({
      findings: 4,
      deleted: 1,
      renamed: 1,
      changed: 1,
      missing: 1,
      endpointMissing: 0,
      endpointUnlisted: 0,
      symbolMissing: 0,
      metricMissing: 0,
      done: 1,
    });
    // Quiet by default: the per-path states come only with `all`.
    expect(summary?.files).toBeUndefined();
  });

  it('with all, lists every listed path with its state, unchanged and planned ones included', async () => {
    const { repo } = driftedRepo();
    const report = await checkDrift(repo.root, [SPEC], { all: true });
    expect(report.specs[0]?.files).toStrictEqual([
      { path: 'src/a.ts', status: 'changed', line: 12 },
      { path: 'src/b.ts', status: 'deleted', line: 13 },
      { path: 'src/old.ts', status: 'renamed', to: 'src/new.ts', line: 14 },
      { path: 'src/c.ts', status: 'unchanged', line: 15 },
      { path: 'src/planned.ts', status: 'done', line: 16 },
      { path: 'src/later.ts', status: 'planned', line: 17 },
      { path: 'src/ghost.ts', status: 'missing', line: 18 },
    ]);
  });

  it('counts uncommitted changes of the working tree, and is clean when nothing changed', async () => {
    const repo = repoWith({ 'src/c.ts': 'export const c = 1;\n' });
    const base = repo.head();
    repo.write({
      [SPEC]: spec(
        [`baseline: ${base}`],
        ['## Technical Considerations', '', '### Relevant Files', '', '- `src/c.ts`'],
      ),
    });
    repo.commit('spec');
    const clean = await checkDrift(repo.root, [SPEC]);
    expect(clean.results[0]?.diagnostics).toStrictEqual([]);
    expect(clean.specs[0]?.state).toBe('clean');
    repo.write({ 'src/c.ts': 'export const c = 2;\n' });
    const dirty = await checkDrift(repo.root, [SPEC]);
    expect(dirty.results[0]?.diagnostics.map((d) => [d.ruleId, d.line, d.severity])).toStrictEqual([
      ['drift/file-changed', 8, 'warning'],
    ]);
    expect(dirty.specs[0]?.state).toBe('drifted');
  });

  it('follows a folder, slash or not: changed when a file under it changed, renamed when all of it moved', async () => {
    const repo = repoWith({ 'src/hooks/a.ts': 'a\n', 'src/hooks/b.ts': 'b\n', 'lib/x/y.ts': 'y\n' });
    const base = repo.head();
    const body = [
      '## Technical Considerations',
      '',
      '### Relevant Files',
      '',
      // No file has the path `src/hooks`: it names the folder as `src/hooks/` does.
      '- `src/hooks`',
      '- `lib/x/`',
    ];
    repo.write({ [SPEC]: spec([`baseline: ${base}`], body) });
    repo.commit('spec');
    repo.write({ 'src/hooks/b.ts': 'b2\n', 'src/hooks/c.ts': 'c\nc\n' });
    repo.git('mv', 'lib/x', 'lib/z');
    repo.commit('move');
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.results[0]?.diagnostics.map((d) => d.message)).toStrictEqual([
      `Changed folder \`src/hooks/\` since baseline \`${base.slice(0, 7)}\` (2 files, +3 -1 lines), expected the spec reviewed and its baseline moved with \`techspec check --accept\``,
      `Renamed folder \`lib/x/\` to \`lib/z/\` since baseline \`${base.slice(0, 7)}\`, expected the spec to list \`lib/z/\``,
    ]);
  });

  it('takes a tail that ends several paths as present, and a path with no extension as a path', async () => {
    const repo = repoWith({ 'src/a/index.ts': 'a\n', 'src/b/index.ts': 'b\n' });
    const body = ['## Technical Considerations', '', '### Relevant Files', '', '- `index.ts`', '- `bin/run`'];
    repo.write({ [SPEC]: spec([`baseline: ${repo.head()}`], body) });
    const report = await checkDrift(repo.root, [SPEC], { all: true });
    expect(report.specs[0]?.files?.map((f) => [f.path, f.status])).toStrictEqual([
      ['index.ts', 'present'],
      ['bin/run', 'missing'],
    ]);
    expect(report.results[0]?.diagnostics.map((d) => d.message)).toStrictEqual([
      'Missing path `bin/run`, expected a path of the repository or a marker such as `(new)` for one to create',
    ]);
  });

  it('follows a file moved to another folder under another name', async () => {
    const repo = repoWith({ 'src/old.ts': CODE['src/old.ts'], 'src/keep.ts': 'k\n' });
    const base = repo.head();
    const body = ['## Technical Considerations', '', '### Relevant Files', '', '- `src/old.ts`'];
    repo.write({ [SPEC]: spec([`baseline: ${base}`], body) });
    repo.commit('spec');
    repo.write({ 'lib/mapping/index.ts': 'export {};\n' });
    repo.git('mv', 'src/old.ts', 'lib/mapping/mapper.ts');
    repo.commit('moved');
    const report = await checkDrift(repo.root, [SPEC], { all: true });
    expect(report.specs[0]?.files).toStrictEqual([
      { path: 'src/old.ts', status: 'renamed', to: 'lib/mapping/mapper.ts', line: 8 },
    ]);
  });

  it('accepts a tag or branch as the baseline and names it as written', async () => {
    const repo = repoWith(CODE);
    repo.git('tag', 'v1');
    repo.write({
      [SPEC]: spec(
        ['baseline: v1'],
        ['## Technical Considerations', '', '### Relevant Files', '', '- `src/b.ts`'],
      ),
    });
    repo.git('rm', '-q', 'src/b.ts');
    repo.commit('spec, b removed');
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.results[0]?.diagnostics.map((d) => d.message)).toStrictEqual([
      'Deleted file `src/b.ts` since baseline `v1`, expected the paths the spec lists to exist',
    ]);
    expect(report.specs[0]?.baselineCommit).toBe(repo.git('rev-parse', 'v1').trim());
  });
});

describe('specs without a usable baseline', () => {
  it('warns once at the front matter and checks existence only', async () => {
    const repo = repoWith({ 'src/a.ts': 'a\n', 'src/planned.ts': 'p\n' });
    const body = [
      '## Technical Considerations',
      '',
      '### Relevant Files',
      '',
      '- `src/a.ts`',
      '- `src/planned.ts` (new)',
      '- `src/later.ts` (new)',
      '- `src/ghost.ts`',
    ];
    repo.write({ [SPEC]: spec(['feature: demo'], body) });
    const report = await checkDrift(repo.root, [SPEC], { all: true });
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      {
        ruleId: 'drift/no-baseline',
        line: 1,
        column: 1,
        message:
          'Missing `baseline:` in the front matter, expected the commit the spec was written against (`techspec check --accept` sets it); only existence was checked',
        hint: undefined,
      },
      {
        ruleId: 'drift/file-missing',
        line: 11,
        column: 4,
        message:
          'Missing file `src/ghost.ts`, expected a path of the repository or a marker such as `(new)` for one to create',
        hint: undefined,
      },
    ]);
    expect(report.specs[0]).toMatchObject({ state: 'no-baseline', done: ['src/planned.ts'] });
    expect(report.specs[0]?.files?.map((f) => f.status)).toStrictEqual([
      'present',
      'done',
      'planned',
      'missing',
    ]);
  });

  it('reports a baseline git does not know (a shallow clone, a rewritten history) at its line, without failing', async () => {
    const repo = repoWith({ 'src/a.ts': 'a\n' });
    const unknown = '0123456789abcdef0123456789abcdef01234567';
    repo.write({
      [SPEC]: spec(
        ['feature: demo', `baseline: ${unknown}`],
        ['## Technical Considerations', '', '### Relevant Files', '', '- `src/a.ts`'],
      ),
    });
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.problems).toStrictEqual([]);
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      {
        ruleId: 'drift/baseline-unknown',
        line: 3,
        column: 1,
        message: `Unknown baseline \`${unknown}\`, expected a commit of this repository; only existence was checked`,
        hint: undefined,
      },
    ]);
    expect(report.specs[0]).toMatchObject({ state: 'no-baseline', baseline: unknown });
    expect(report.specs[0]?.baselineCommit).toBeUndefined();
  });

  it('says to fetch the history when the clone is shallow', async () => {
    const { repo, base } = driftedRepo();
    const clone = repoWith({});
    clone.git('fetch', '-q', '--depth', '1', `file://${repo.root}`, 'main');
    clone.git('checkout', '-q', 'FETCH_HEAD');
    const report = await checkDrift(clone.root, [SPEC]);
    expect(report.results[0]?.diagnostics[0]?.message).toBe(
      `Unknown baseline \`${base}\`, expected a commit of this repository (this clone is shallow: fetch its full history, e.g. \`fetch-depth: 0\`); only existence was checked`,
    );
  });
});

describe('bad input', () => {
  it('refuses a repository with no commits, and a folder outside git, with one clear line', async () => {
    const empty = repoWith({ [SPEC]: spec([], ['# Spec']) }, { commit: false });
    await expect(checkDrift(empty.root, [])).rejects.toThrow(
      new TechspecError(
        'GIT',
        `The repository at ${empty.root} has no commits, expected at least one commit to compare specs with`,
      ),
    );
    const plain = mkdtempSync(path.join(os.tmpdir(), 'techspec-drift-plain-'));
    try {
      await expect(checkDrift(plain, [])).rejects.toMatchObject({ code: 'GIT' });
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('lists a spec outside the repository or not found as a problem and checks the others', async () => {
    const { repo } = driftedRepo();
    const report = await checkDrift(repo.root, ['../elsewhere/techspec.md', 'nope', 'demo']);
    expect(report.problems.map((p) => [p.file, p.code])).toStrictEqual([
      ['../elsewhere/techspec.md', 'PATH_OUTSIDE'],
      ['nope', 'NOT_FOUND'],
    ]);
    expect(report.problems[1]?.message).toBe(
      'No spec file or feature named "nope", expected a spec path or one of the features',
    );
    // A feature name finds its spec.
    expect(report.specs.map((s) => s.spec)).toStrictEqual([SPEC]);
  });

  it('checks every spec of the repository when none is named', async () => {
    const { repo } = driftedRepo();
    repo.write({ 'tasks/prd-other/techspec.md': spec([], ['# Other']) });
    const report = await checkDrift(repo.root, []);
    expect(report.specs.map((s) => [s.spec, s.feature, s.state])).toStrictEqual([
      [SPEC, 'demo', 'drifted'],
      ['tasks/prd-other/techspec.md', 'other', 'no-baseline'],
    ]);
  });
});

describe('accept', () => {
  it('moves the baseline to HEAD changing only that value, and a second accept changes nothing', async () => {
    const { repo, base } = driftedRepo();
    const before = repo.read(SPEC);
    const head = repo.head();
    const first = await checkDrift(repo.root, [SPEC], { accept: true });
    const after = repo.read(SPEC);
    expect(after).toBe(before.replace(`baseline: ${base}`, `baseline: ${head}`));
    expect(first.specs[0]?.accepted).toStrictEqual({ from: base, to: head, written: true });
    // Against the new baseline, what was committed is no longer drift; a missing file still is.
    expect(first.results[0]?.diagnostics.map((d) => [d.ruleId, d.line])).toStrictEqual([
      ['drift/file-missing', 13],
      ['drift/file-missing', 14],
      ['drift/file-missing', 18],
    ]);
    const second = await checkDrift(repo.root, [SPEC], { accept: true });
    expect(repo.read(SPEC)).toBe(after);
    expect(second.specs[0]?.accepted).toStrictEqual({ from: head, to: head, written: false });
  });

  it('adds a baseline to a spec that has none, and needs specs to be named', async () => {
    const repo = repoWith({ 'src/a.ts': 'a\n' });
    repo.write({ [SPEC]: '# Spec\n\nBody.\n' });
    const report = await checkDrift(repo.root, [SPEC], { accept: true });
    expect(repo.read(SPEC)).toBe(`---\nbaseline: ${repo.head()}\n---\n\n# Spec\n\nBody.\n`);
    expect(report.specs[0]?.state).toBe('clean');
    await expect(checkDrift(repo.root, [], { accept: true })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
