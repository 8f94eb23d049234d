// Invariant: initProject writes each chosen assistant's command and MCP entry, the config and the .gitignore line;
// a second run changes nothing; a file or entry the user edited is never replaced without force (its diff is given);
// an older techspec's own file is updated; JSON(C) merges keep every other byte; a dry run writes nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { globMatcher } from '../src/workspace/globs.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, resolveConfig } from '../src/lint/config.js';
import { renderCommand } from '../src/workflow/command-text.js';
import { unifiedDiff } from '../src/workflow/diff.js';
import { AGENT_NAMES, initProject, type InitFile } from '../src/workflow/init.js';
import { setJsoncEntry } from '../src/workflow/jsonc-edit.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

/** The command text's words in a repository without techspec in its package.json: the installed binary. */
const INSTALLED = { techspec: 'techspec', featureDir: 'tasks' };

const actions = (files: readonly InitFile[]): [string, string][] =>
  files.map((file) => [file.path, file.action]);
const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');

/** Every file under `dir` with its content, to compare a tree before and after. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, prefix))) {
    const rel = path.join(prefix, name);
    if (name === '.git') continue;
    if (statSync(path.join(dir, rel)).isDirectory()) Object.assign(out, snapshot(dir, rel));
    else out[rel] = read(dir, rel);
  }
  return out;
}

const KILO_JSONC =
  '{\n  // our model\n  "model": "anthropic/x", // pinned\n  "instructions": ["docs/rules.md"],\n}\n';

describe('initProject', () => {
  it('writes every assistant, then finds nothing to change on a second run', () => {
    const root = makeRepo({
      '.kilocode/rules/a.md': '# A\n',
      'kilo.jsonc': KILO_JSONC,
      '.gitignore': 'dist',
      // A local dependency: entries and commands run `npx techspec`.
      'package.json': '{ "devDependencies": { "techspec": "0.1.0" } }\n',
    });
    const first = initProject(root, { agents: AGENT_NAMES });
    expect(actions(first.files)).toEqual([
      ['techspec.config.json', 'create'],
      ['.gitignore', 'update'],
      // The current Kilo layout only, on a `.kilocode/` project too.
      ['.kilo/commands/create-techspec.md', 'create'],
      ['kilo.jsonc', 'update'],
      ['.claude/commands/create-techspec.md', 'create'],
      ['.mcp.json', 'create'],
      ['.cursor/commands/create-techspec.md', 'create'],
      ['.cursor/mcp.json', 'create'],
      ['.clinerules/workflows/create-techspec.md', 'create'],
      ['.windsurf/workflows/create-techspec.md', 'create'],
      ['.github/prompts/create-techspec.prompt.md', 'create'],
      ['.vscode/mcp.json', 'create'],
      ['.gemini/commands/create-techspec.toml', 'create'],
      ['.gemini/settings.json', 'create'],
      ['.opencode/commands/create-techspec.md', 'create'],
      ['opencode.json', 'create'],
      ['.codex/config.toml', 'create'],
      ['.qwen/commands/create-techspec.md', 'create'],
      ['.qwen/settings.json', 'create'],
      ['.amp/settings.json', 'create'],
      ['.augment/commands/create-techspec.md', 'create'],
      ['.kiro/settings/mcp.json', 'create'],
      ['.amazonq/mcp.json', 'create'],
      ['.zed/settings.json', 'create'],
    ]);
    expect(first.notes.map((note) => note.split(' ')[0])).toEqual([
      'Cline',
      'Windsurf',
      'Codex',
      'Amp',
      'Augment',
      'Kiro',
      'Junie',
      'goose',
      'Crush',
      'Trae',
      // `.kilocode/rules/a.md`: the legacy layout, with the move (init moves nothing).
      'Kilo',
    ]);
    expect(read(root, '.gitignore')).toBe('dist\n.techspec/\n');
    expect(read(root, 'kilo.jsonc')).toBe(
      '{\n  // our model\n  "model": "anthropic/x", // pinned\n  "instructions": ["docs/rules.md"],\n' +
        '  "mcp": {\n    "techspec": {\n      "type": "local",\n      "command": ["npx", "techspec", "mcp"]\n    }\n  }\n}\n',
    );
    const stdio = '{\n      "command": "npx",\n      "args": ["techspec", "mcp"]\n    }';
    expect(read(root, '.mcp.json')).toBe(`{\n  "mcpServers": {\n    "techspec": ${stdio}\n  }\n}\n`);
    expect(read(root, '.cursor/mcp.json')).toBe(read(root, '.mcp.json'));
    // Without prompts: Gemini CLI would rename the project's /create-techspec on a clash with the server's prompt.
    const geminiStdio =
      '{\n      "command": "npx",\n      "args": ["techspec", "mcp", "--no-prompts"]\n    }';
    expect(read(root, '.gemini/settings.json')).toBe(
      `{\n  "mcpServers": {\n    "techspec": ${geminiStdio}\n  }\n}\n`,
    );
    expect(read(root, '.vscode/mcp.json')).toBe(
      '{\n  "servers": {\n    "techspec": {\n      "type": "stdio",\n      "command": "npx",\n      "args": ["techspec", "mcp"]\n    }\n  }\n}\n',
    );
    expect(read(root, '.claude/commands/create-techspec.md')).toBe(renderCommand('markdown-arguments'));
    expect(read(root, '.kilo/commands/create-techspec.md')).toBe(renderCommand('kilo-command'));
    expect(read(root, '.github/prompts/create-techspec.prompt.md')).toBe(renderCommand('copilot-prompt'));
    expect(read(root, '.gemini/commands/create-techspec.toml')).toBe(renderCommand('gemini-toml'));
    expect(read(root, '.opencode/commands/create-techspec.md')).toBe(renderCommand('kilo-command'));
    expect(JSON.parse(read(root, 'opencode.json'))).toEqual({
      mcp: { techspec: { type: 'local', command: ['npx', 'techspec', 'mcp'], enabled: true } },
    });
    expect(read(root, '.codex/config.toml')).toBe(
      '[mcp_servers.techspec]\ncommand = "npx"\nargs = ["techspec","mcp"]\n',
    );
    expect(read(root, '.qwen/settings.json')).toBe(read(root, '.mcp.json'));
    expect(read(root, '.kiro/settings/mcp.json')).toBe(read(root, '.mcp.json'));
    expect(read(root, '.amazonq/mcp.json')).toBe(read(root, '.mcp.json'));
    expect(JSON.parse(read(root, '.amp/settings.json'))).toEqual({
      'amp.mcpServers': { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
    });
    expect(JSON.parse(read(root, '.zed/settings.json'))).toEqual({
      context_servers: { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
    });
    expect(read(root, '.qwen/commands/create-techspec.md')).toBe(renderCommand('markdown-arguments'));
    expect(read(root, '.augment/commands/create-techspec.md')).toBe(renderCommand('markdown-described'));
    const second = initProject(root, { agents: AGENT_NAMES });
    expect(second.files.every((file) => file.action === 'unchanged' && file.diff === '')).toBe(true);
    expect(second.files).toHaveLength(first.files.length);
  });

  it('renders the one workflow text in each format with its argument placeholder', () => {
    const source = 'Spec for: {{feature}}\n\n1. Run `techspec lint`.\n';
    expect(renderCommand('markdown-arguments', source)).toBe(
      '---\ndescription: "Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint"\n' +
        'argument-hint: "<feature name or PRD path>"\n---\n\nSpec for: $ARGUMENTS\n\n1. Run `techspec lint`.\n',
    );
    expect(renderCommand('kilo-command', source)).toBe(
      '---\ndescription: "Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint"\n' +
        '---\n\nSpec for: $ARGUMENTS\n\n1. Run `techspec lint`.\n',
    );
    expect(renderCommand('copilot-prompt', source)).toBe(
      '---\ndescription: "Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint"\n' +
        'agent: agent\n---\n\nSpec for: ${input:feature:Feature name or PRD path}\n\n1. Run `techspec lint`.\n',
    );
    expect(renderCommand('gemini-toml', source)).toBe(
      'description = "Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint"\n' +
        "prompt = '''\nSpec for: {{args}}\n\n1. Run `techspec lint`.\n'''\n",
    );
    expect(renderCommand('markdown-plain', source)).toBe(
      '# create-techspec\n\nSpec for: the feature the user names after the command (ask for it if none was given)\n\n1. Run `techspec lint`.\n',
    );
    expect(renderCommand('markdown-described', source).split('\n').slice(0, 5)).toEqual([
      '---',
      'description: "Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint"',
      '---',
      '',
      '# create-techspec',
    ]);
    expect(renderCommand('markdown-arguments')).toContain('npx techspec context --prd');
  });

  it('writes a config that loads, with the default severities and options spelled out', () => {
    const root = makeRepo({ 'README.md': '# x\n' });
    initProject(root, { agents: ['claude'], templateCopy: true });
    const config = loadConfig({ cwd: root });
    const defaults = resolveConfig({}, { root, file: undefined, strict: false });
    const summary = (rules: typeof config.rules) => rules.map((r) => [r.rule.id, r.severity, r.options]);
    expect(summary(config.rules)).toEqual(summary(defaults.rules));
    expect(config.template.text).toBe(defaults.template.text);
    const json = JSON.parse(read(root, 'techspec.config.json')) as Record<string, unknown>;
    expect(json.template).toBe('templates/spec-template.md');
    // The copy is no spec: lint and the feature listing leave it out.
    expect(globMatcher(config.specs)('templates/spec-template.md')).toBe(false);
    // Rules of the strict preset are left out, so that `"extends": "strict"` can turn them on.
    expect((json.rules as Record<string, unknown>)['word-budget']).toBeUndefined();
    expect((json.rules as Record<string, unknown>)['required-sections']).toEqual([
      'error',
      { checkLevels: false, require: [] },
    ]);
    expect((json.rules as Record<string, unknown>)['encoding-artifacts']).toBe('error');
  });

  it('leaves a file the user edited, with the diff of what it would write, and replaces it when forced', () => {
    const root = makeRepo({ '.claude/settings.json': '{}\n' });
    initProject(root, { agents: ['claude'] });
    const file = '.claude/commands/create-techspec.md';
    const mine = `${read(root, file)}Also check the ADRs.\n`;
    writeFileSync(path.join(root, file), mine);
    const again = initProject(root, { agents: ['claude'] });
    const skipped = again.files.find((entry) => entry.path === file);
    expect(skipped).toEqual({
      path: file,
      action: 'skipped-modified',
      what: 'Claude Code command /create-techspec',
      diff: unifiedDiff(file, mine, renderCommand('markdown-arguments', undefined, INSTALLED)),
      note: 'you changed this file since techspec init wrote it; --force replaces it',
    });
    expect(skipped?.diff.split('\n').slice(-3)).toEqual([
      '    still open, and that `techspec tasks tasks/prd-<feature>/techspec.md` derives the task list from it.',
      '-Also check the ADRs.',
      '',
    ]);
    expect(read(root, file)).toBe(mine);
    expect(
      initProject(root, { agents: ['claude'], force: true }).files.find((f) => f.path === file)?.action,
    ).toBe('update');
    expect(read(root, file)).toBe(renderCommand('markdown-arguments', undefined, INSTALLED));
  });

  it('updates a file an older techspec wrote, known by the hash it recorded', () => {
    const root = makeRepo({ 'CLAUDE.md': '# x\n' });
    initProject(root, { agents: ['claude'] });
    const file = '.claude/commands/create-techspec.md';
    const older = '---\ndescription: old wording\n---\n\nOld steps for $ARGUMENTS\n';
    writeFileSync(path.join(root, file), older);
    const record = JSON.parse(read(root, '.techspec/init.json')) as { files: Record<string, string> };
    record.files[file] = createHash('sha256').update(older).digest('hex');
    writeFileSync(path.join(root, '.techspec/init.json'), JSON.stringify(record));
    const result = initProject(root, { agents: ['claude'] });
    expect(result.files.find((entry) => entry.path === file)?.action).toBe('update');
    expect(read(root, file)).toBe(renderCommand('markdown-arguments', undefined, INSTALLED));
  });

  it('keeps a techspec MCP entry the user changed, and the rest of the file in every case', () => {
    const mine =
      '{\n  "mcpServers": {\n    "techspec": { "command": "node", "args": ["dist/cli.js", "mcp"] }\n  }\n}\n';
    const root = makeRepo({ '.mcp.json': mine, 'CLAUDE.md': '# x\n' });
    const result = initProject(root, { agents: ['claude'] });
    expect(result.files.find((entry) => entry.path === '.mcp.json')).toMatchObject({
      action: 'skipped-modified',
      note: 'you changed its "techspec" entry since techspec init wrote it; --force replaces it',
    });
    expect(read(root, '.mcp.json')).toBe(mine);
    initProject(root, { agents: ['claude'], force: true });
    expect(JSON.parse(read(root, '.mcp.json'))).toEqual({
      mcpServers: { techspec: { command: 'techspec', args: ['mcp'] } },
    });
  });

  it('reports a config it cannot parse and leaves it alone', () => {
    const root = makeRepo({ '.cursor/mcp.json': '{ "mcpServers": { "a": 1 }\n' });
    const result = initProject(root, { agents: ['cursor'] });
    expect(result.files.find((entry) => entry.path === '.cursor/mcp.json')).toEqual({
      path: '.cursor/mcp.json',
      action: 'skipped-invalid',
      what: 'Cursor MCP server entry',
      diff: '',
      note: 'Unexpected the end of the file at line 2, expected , or }',
    });
    expect(read(root, '.cursor/mcp.json')).toBe('{ "mcpServers": { "a": 1 }\n');
  });

  it('writes nothing in a dry run, and shows what it would write', () => {
    const root = makeRepo({ 'README.md': '# x\n' });
    const before = snapshot(root);
    const result = initProject(root, { agents: ['gemini', 'copilot'], dryRun: true });
    expect(snapshot(root)).toEqual(before);
    expect(actions(result.files)).toEqual([
      ['techspec.config.json', 'create'],
      ['.gitignore', 'create'],
      ['.gemini/commands/create-techspec.toml', 'create'],
      ['.gemini/settings.json', 'create'],
      ['.github/prompts/create-techspec.prompt.md', 'create'],
      ['.vscode/mcp.json', 'create'],
    ]);
    expect(result.files[1]?.diff).toBe('--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1 @@\n+.techspec/\n');
  });

  it('never writes through a folder that links outside the repository', () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'techspec-outside-'));
    const root = makeRepo({ 'README.md': '# x\n' });
    symlinkSync(outside, path.join(root, '.claude'));
    const result = initProject(root, { agents: ['claude'] });
    expect(result.files.find((entry) => entry.path === '.claude/commands/create-techspec.md')).toMatchObject({
      action: 'skipped-invalid',
      note: `Invalid path ".claude/commands/create-techspec.md": it lies outside the project root ${root}, expected a path inside it`,
    });
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('setJsoncEntry', () => {
  it('adds an entry after a last line comment and a trailing comma, keeping CRLF and tabs', () => {
    const text = '{\r\n\t"mcpServers": {\r\n\t\t"a": {} // first\r\n\t},\r\n}\r\n';
    expect(setJsoncEntry(text, 'mcpServers', 'b', { x: [1] }).text).toBe(
      '{\r\n\t"mcpServers": {\r\n\t\t"a": {}, // first\r\n\t\t"b": {\r\n\t\t\t"x": [1]\r\n\t\t}\r\n\t},\r\n}\r\n',
    );
  });

  it('replaces an existing entry in place and says what it held', () => {
    const edit = setJsoncEntry('{"s": {"b": 1, /* keep */ "c": 2}}', 's', 'b', 3);
    expect(edit).toEqual({ text: '{"s": {"b": 3, /* keep */ "c": 2}}', previous: 1, existed: true });
  });

  it('fills an empty object and a file with only a comment inside its braces', () => {
    expect(setJsoncEntry('{}', 'm', 'k', true).text).toBe('{\n  "m": {\n    "k": true\n  }\n}');
    expect(setJsoncEntry('{\n  // nothing yet\n}\n', 'm', 'k', 1).text).toBe(
      '{\n  // nothing yet\n  "m": {\n    "k": 1\n  }\n}\n',
    );
  });
});
