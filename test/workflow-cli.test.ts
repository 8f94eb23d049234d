// Invariant: `techspec init | new | tasks | trace`, run as users run them (node bin/techspec.js in a real git
// repository), print what they did in one line per file or finding and exit 0 done, 1 findings (a skipped file, a
// requirement no task cites), 2 usage or input failures with one line naming the file, value and expectation.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { Io } from '../src/cli/io.js';
import { git, makeRepo, removeRepos } from './context-repos.js';
import { techspec } from './cli-run.js';
import { AGENT_MARKERS, AGENT_NAMES } from '../src/workflow/agents.js';

afterAll(removeRepos);

const PRD =
  '# PRD: Refunds\n\n## Functional requirements\n\n- **RF-01** Customers ask for a refund.\n- **RF-02** The refund goes back to the card.\n';
const SPEC = [
  '# Tech Spec: Refunds',
  '',
  '## Development Sequencing',
  '',
  '### Build Order',
  '',
  '1. The refund model first (RF-01), because the rest stores it.',
  '2. The card client after the model, for RF-02.',
  '',
].join('\n');

describe('techspec init', () => {
  it('writes the chosen assistants, changes nothing the second time, and exits 1 on a file the user edited', () => {
    const root = makeRepo({ 'README.md': '# x\n' });
    const first = techspec(root, ['init', '--agents', 'claude,gemini']);
    expect(first).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'created  techspec.config.json                   techspec config, defaults spelled out',
        'created  .gitignore                             .techspec/ (caches) ignored',
        'created  .claude/commands/create-techspec.md    Claude Code command /create-techspec',
        'created  .mcp.json                              Claude Code MCP server entry',
        'created  .gemini/commands/create-techspec.toml  Gemini CLI command /create-techspec',
        'created  .gemini/settings.json                  Gemini CLI MCP server entry',
        '',
        '6 created, 0 updated, 0 unchanged, 0 skipped',
        '',
      ].join('\n'),
    });
    const second = techspec(root, ['init', '--agents', 'claude,gemini', '--yes']);
    expect(second.status).toBe(0);
    expect(second.stdout.split('\n').at(-2)).toBe('0 created, 0 updated, 6 unchanged, 0 skipped');
    writeFileSync(
      path.join(root, '.gemini/settings.json'),
      '{ "mcpServers": { "techspec": { "command": "mine" } } }\n',
    );
    const third = techspec(root, ['init', '--agents', 'gemini']);
    expect(third.status).toBe(1);
    expect(third.stdout).toContain(
      'skipped    .gemini/settings.json                  Gemini CLI MCP server entry — you changed its "techspec" entry since techspec init wrote it; --force replaces it\n',
    );
    expect(third.stdout).toContain(
      '\n--- a/.gemini/settings.json\n+++ b/.gemini/settings.json\n@@ -1 +1,4 @@\n-{ "mcpServers": { "techspec": { "command": "mine" } } }\n',
    );
  });

  it('takes the detected assistants without a terminal, and says to pass --agents when there are none', () => {
    const bare = makeRepo({ 'README.md': '# x\n' });
    expect(techspec(bare, ['init'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `techspec: No assistant detected in ${bare} (no ${AGENT_MARKERS.join(', ')}), expected --agents ${AGENT_NAMES.join(',')} (or some of them)\n`,
    });
    const cursor = makeRepo({ '.cursor/rules/a.mdc': '# a\n' });
    const result = techspec(cursor, ['init', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('would create  .cursor/commands/create-techspec.md');
    expect(result.stdout.split('\n').at(-2)).toBe(
      'Dry run, nothing written: 4 to create, 0 to update, 0 unchanged, 0 skipped',
    );
    expect(git(cursor, 'status', '--porcelain')).toBe('');
    expect(techspec(cursor, ['init', '--agents', 'vim'])).toMatchObject({
      status: 2,
      stderr: `techspec: option '--agents <list>' argument 'vim' is invalid. Unknown assistant "vim", expected all or a comma-separated list of: ${AGENT_NAMES.join(', ')}\n`,
    });
  });

  it('asks on a terminal, with the detected assistants as the default answer', async () => {
    const root = makeRepo({ 'CLAUDE.md': '# x\n' });
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    const stdout = { isTTY: true, write: (text: string) => ((out += text), true) };
    let err = '';
    const stderr = { write: (text: string) => ((err += text), true) };
    const io = { cwd: root, env: {}, stdin, stdout, stderr } as unknown as Io;
    stdin.write('\n');
    const code = await main(['init'], io);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('  [x] claude    Claude Code\n  [ ] cursor    Cursor\n');
    expect(out).toContain('Assistants, comma-separated [claude]: ');
    expect(readFileSync(path.join(root, '.mcp.json'), 'utf8')).toContain('"techspec"');
  });
});

describe('techspec new, tasks and trace', () => {
  it('new writes the draft once, then refuses; paths outside are refused', () => {
    const root = makeRepo({
      'tasks/prd-refunds/prd.md': PRD,
      'src/refunds.ts': 'export const refund = 1;\n',
    });
    expect(techspec(root, ['new', 'Refunds'])).toEqual({
      status: 0,
      stderr: '',
      stdout:
        'Created tasks/prd-refunds/techspec.md: Standards Compliance and Relevant Files are filled in; write the other sections, then run `techspec lint tasks/prd-refunds/techspec.md` until it is clean.\n',
    });
    expect(techspec(root, ['new', 'Refunds'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'techspec: Spec tasks/prd-refunds/techspec.md already exists, expected a feature without a spec (techspec new never overwrites one)\n',
    });
    expect(techspec(path.join(root, 'src'), ['new', 'Other', '--prd', '../../prd.md'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `techspec: Invalid --prd "${path.resolve(root, '..', 'prd.md')}": it lies outside the project root ${root}, expected a path inside it\n`,
    });
  });

  it('new in a repository without commits says the baseline is missing', () => {
    const root = makeRepo({ 'src/a.ts': 'export const a = 1;\n' }, { git: false });
    git(root, 'init', '-q');
    const result = techspec(root, ['new', 'A thing', '--k', '1']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'techspec: tasks/prd-a-thing/techspec.md: No baseline recorded because the repository has no commit yet, expected a commit; add `baseline: <commit>` to its front matter after the first commit\n',
    );
  });

  it('tasks writes tasks.md, then says it is unchanged; a broken tasks.md exits 2 with its line', () => {
    const root = makeRepo({ 'tasks/prd-refunds/prd.md': PRD, 'tasks/prd-refunds/techspec.md': SPEC });
    expect(techspec(root, ['tasks', 'refunds'])).toEqual({
      status: 0,
      stderr: '',
      stdout: 'Wrote tasks/prd-refunds/tasks.md (2 tasks)\n',
    });
    expect(techspec(path.join(root, 'tasks'), ['tasks', 'prd-refunds/techspec.md']).stdout).toBe(
      'Unchanged: tasks/prd-refunds/tasks.md (2 tasks)\n',
    );
    const printed = techspec(root, ['tasks', 'refunds', '--stdout']);
    expect(printed.stdout).toBe(readFileSync(path.join(root, 'tasks/prd-refunds/tasks.md'), 'utf8'));
    writeFileSync(path.join(root, 'tasks/prd-refunds/tasks.md'), '# Tasks\n\n<!-- techspec:tasks:end -->\n');
    expect(techspec(root, ['tasks', 'refunds'])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'techspec: tasks/prd-refunds/tasks.md:3: An end marker without a start marker, expected one `techspec:tasks:start` and one `techspec:tasks:end` marker around the generated tasks; fix the markers or pass --force to rewrite the file\n',
    });
    expect(techspec(root, ['tasks', 'refunds', '--force']).stdout).toBe(
      'Wrote tasks/prd-refunds/tasks.md (2 tasks)\n',
    );
  });

  it('works on the project whose config is nearest, as lint does, from any folder inside it', () => {
    const root = makeRepo({
      'pkg/techspec.config.json': '{}\n',
      'pkg/src/a.ts': 'export const a = 1;\n',
      'pkg/tasks/prd-refunds/prd.md': PRD,
      'pkg/tasks/prd-refunds/techspec.md': SPEC,
    });
    expect(techspec(path.join(root, 'pkg/src'), ['tasks', 'refunds']).stdout).toBe(
      'Wrote tasks/prd-refunds/tasks.md (2 tasks)\n',
    );
    expect(readFileSync(path.join(root, 'pkg/tasks/prd-refunds/tasks.md'), 'utf8')).toContain(
      '- [ ] 2.0 The card',
    );
  });

  it('trace prints the table and exits 0 when every requirement has a task, 1 when one has none', () => {
    const root = makeRepo({ 'tasks/prd-refunds/prd.md': PRD, 'tasks/prd-refunds/techspec.md': SPEC });
    techspec(root, ['tasks', 'refunds']);
    expect(techspec(root, ['trace', 'refunds'])).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'refunds: tasks/prd-refunds/prd.md → tasks/prd-refunds/techspec.md → tasks/prd-refunds/tasks.md',
        '',
        'requirement  spec sections                       tasks  text',
        'RF-01        development-sequencing/build-order  1.0    Customers ask for a refund.',
        'RF-02        development-sequencing/build-order  2.0    The refund goes back to the card.',
        '',
        'Tasks read from the checkbox list in tasks/prd-refunds/tasks.md.',
        '2 requirements: 2 cited by the spec, 2 by tasks, 0 by no task; 2 tasks, 0 citing no requirement',
        '',
      ].join('\n'),
    });
    writeFileSync(path.join(root, 'tasks/prd-refunds/prd.md'), `${PRD}- **RF-03** Refunds are logged.\n`);
    const json = techspec(root, ['trace', 'tasks/prd-refunds', '--format', 'json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as {
      counts: { withoutTask: number };
      requirements: { id: string }[];
    };
    expect(report.counts.withoutTask).toBe(1);
    expect(report.requirements.map((r) => r.id)).toEqual(['RF-01', 'RF-02', 'RF-03']);
    expect(techspec(root, ['trace', 'nothing'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'techspec: Unknown feature "nothing", expected one of: refunds\n',
    });
  });
});
