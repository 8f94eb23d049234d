// Invariant: `techspec init --agents all --yes` in an empty repository writes a valid setup for every assistant init
// knows — each file parses back with the parser that assistant uses, each MCP entry has the shape the assistant's
// documentation gives (written down here, independently of the registry), each command file carries only the front
// matter keys its format takes — and `techspec doctor` then reports every assistant up to date, and reports (without
// writing) a missing file, one an older techspec wrote, and one the user edited, with the command that fixes it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AGENT_NAMES } from '../src/workflow/agents.js';
import { techspec } from './cli-run.js';
import { git, makeRepo, removeRepos } from './context-repos.js';
import { parseBack } from './init-parse.js';

afterAll(removeRepos);

const stdio = z.strictObject({ command: z.literal('techspec'), args: z.tuple([z.literal('mcp')]) });
const local = z.tuple([z.literal('techspec'), z.literal('mcp')]);
const servers = (container: string, entry: z.ZodType) =>
  z.looseObject({ [container]: z.looseObject({ techspec: entry }) });

/** Each MCP file init writes, with the entry shape its assistant documents (docs/assistants.md has the sources). */
const MCP_SHAPES: Record<string, z.ZodType> = {
  'kilo.jsonc': servers('mcp', z.strictObject({ type: z.literal('local'), command: local })),
  '.mcp.json': servers('mcpServers', stdio),
  '.cursor/mcp.json': servers('mcpServers', stdio),
  '.vscode/mcp.json': servers(
    'servers',
    z.strictObject({
      type: z.literal('stdio'),
      command: z.literal('techspec'),
      args: z.tuple([z.literal('mcp')]),
    }),
  ),
  '.gemini/settings.json': servers(
    'mcpServers',
    z.strictObject({
      command: z.literal('techspec'),
      args: z.tuple([z.literal('mcp'), z.literal('--no-prompts')]),
    }),
  ),
  'opencode.json': servers(
    'mcp',
    z.strictObject({ type: z.literal('local'), command: local, enabled: z.literal(true) }),
  ),
  '.codex/config.toml': servers('mcp_servers', stdio),
  '.qwen/settings.json': servers('mcpServers', stdio),
  '.amp/settings.json': servers('amp.mcpServers', stdio),
  '.kiro/settings/mcp.json': servers('mcpServers', stdio),
  '.amazonq/mcp.json': servers('mcpServers', stdio),
  '.zed/settings.json': servers('context_servers', stdio),
};

/** The front matter keys each command file may hold, as its assistant's command format takes them. */
const COMMAND_KEYS: Record<string, string[]> = {
  '.kilo/commands/create-techspec.md': ['description'],
  '.claude/commands/create-techspec.md': ['description', 'argument-hint'],
  '.cursor/commands/create-techspec.md': [],
  '.clinerules/workflows/create-techspec.md': [],
  '.windsurf/workflows/create-techspec.md': ['description'],
  '.github/prompts/create-techspec.prompt.md': ['description', 'agent'],
  '.gemini/commands/create-techspec.toml': ['description', 'prompt'],
  '.opencode/commands/create-techspec.md': ['description'],
  '.qwen/commands/create-techspec.md': ['description', 'argument-hint'],
  '.augment/commands/create-techspec.md': ['description'],
};

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('techspec init --agents all --yes in an empty repository', () => {
  const root = makeRepo({});
  const init = techspec(root, ['init', '--agents', 'all', '--yes']);
  const created = init.stdout
    .split('\n')
    .filter((line) => line.startsWith('created'))
    .map((line) => line.split(/\s+/)[1] ?? '');

  it('writes every command and MCP file, and nothing else but the config, .gitignore and its record', () => {
    expect(init.status, init.stderr).toBe(0);
    expect(created.sort()).toEqual(
      [...Object.keys(MCP_SHAPES), ...Object.keys(COMMAND_KEYS), 'techspec.config.json', '.gitignore'].sort(),
    );
    const status = git(root, 'status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.slice(3))
      .sort();
    // .techspec/ (init's record, caches) is ignored by the .gitignore line init adds.
    expect(status).toEqual([...created].sort());
  });

  it('writes MCP entries each assistant parses, in the shape its documentation gives', () => {
    for (const [file, shape] of Object.entries(MCP_SHAPES)) {
      const parsed = shape.safeParse(parseBack(file, read(root, file)));
      expect(parsed.success, `${file}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it('writes command files whose front matter holds only the keys their format takes', () => {
    for (const [file, keys] of Object.entries(COMMAND_KEYS)) {
      const value = parseBack(file, read(root, file)) as Record<string, unknown>;
      expect(Object.keys(value), file).toEqual(keys);
    }
  });

  it('notes, for the assistants without a project MCP file, where their server goes', () => {
    for (const label of ['Cline', 'Windsurf', 'Augment', 'Junie', 'goose', 'Crush', 'Trae']) {
      expect(init.stdout, label).toMatch(new RegExp(`^note: ${label} `, 'm'));
    }
  });

  it('doctor then reports every assistant up to date (exit 0), writing nothing', () => {
    const before = techspecStatus(root);
    const result = techspec(root, ['doctor', '--agents', 'all', '--format', 'json']);
    expect(result.status, result.stdout).toBe(0);
    const { assistants } = JSON.parse(result.stdout) as { assistants: { agent: string; state: string }[] };
    expect(assistants.map((a) => a.agent)).toEqual(AGENT_NAMES);
    const manual = ['junie', 'goose', 'crush', 'trae'];
    for (const { agent, state } of assistants)
      expect(state, agent).toBe(manual.includes(agent) ? 'manual' : 'up-to-date');
    expect(techspecStatus(root)).toBe(before);
  });
});

function techspecStatus(root: string): string {
  return git(root, 'status', '--porcelain', '--untracked-files=all');
}

describe('techspec doctor', () => {
  it('says what is missing, out of date or edited, with the fix, and never writes', () => {
    const root = makeRepo({
      'CLAUDE.md': '# x\n',
      '.cursor/rules/a.mdc': '# a\n',
      '.kiro/steering/a.md': '# a\n',
    });
    expect(techspec(root, ['init', '--agents', 'claude,cursor']).status).toBe(0);
    // An older techspec's command (the record holds its hash), a file the user edited, a missing Kiro setup.
    const command = '.claude/commands/create-techspec.md';
    const older = 'old text\n';
    const record = JSON.parse(read(root, '.techspec/init.json')) as { files: Record<string, string> };
    record.files[command] = sha256(older);
    writeFileSync(path.join(root, '.techspec/init.json'), JSON.stringify(record));
    writeFileSync(path.join(root, command), older);
    writeFileSync(path.join(root, '.cursor/commands/create-techspec.md'), '# mine\n');
    rmSync(path.join(root, '.cursor/mcp.json'));
    const before = techspecStatus(root);
    const result = techspec(root, ['doctor']);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      'Claude Code (claude): out of date',
      `  outdated   ${command}  Claude Code command /create-techspec`,
      '  fix: techspec init --agents claude',
      'Cursor (cursor): partly set up',
      '  edited     .cursor/commands/create-techspec.md  Cursor command /create-techspec — you changed this file since techspec init wrote it; --force replaces it',
      '  missing    .cursor/mcp.json  Cursor MCP server entry',
      '  fix: techspec init --agents cursor',
      'Kiro (kiro): detected, not set up',
      '  missing    .kiro/settings/mcp.json  Kiro MCP server entry',
      '  fix: techspec init --agents kiro',
      '3 of 3 need attention',
      '',
    ]);
    expect(techspecStatus(root)).toBe(before);
    expect(read(root, command)).toBe(older);
  });
});

describe('a project on the legacy Kilo Code layout (.kilocode/)', () => {
  it('init writes .kilo/commands/ only; doctor and rules --check report the legacy files with their move, writing nothing', () => {
    const root = makeRepo({
      '.kilocode/rules/api.md': '# API\n',
      // What an older techspec init wrote on such a project.
      '.kilocode/workflows/create-techspec.md': 'Create a tech spec.\n',
    });
    const init = techspec(root, ['init', '--agents', 'kilo']);
    expect(init.status, init.stderr).toBe(0);
    expect(existsSync(path.join(root, '.kilo/commands/create-techspec.md'))).toBe(true);
    expect(init.stdout).toContain(
      'note: Kilo Code has 2 files in its legacy layout (`.kilocode/rules/api.md` → `.kilo/rules/api.md`, …); init writes the new layout only and moves nothing',
    );
    const before = techspecStatus(root);
    const doctor = techspec(root, ['doctor']);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout.split('\n')).toEqual([
      'Kilo Code (kilo): set up, up to date',
      '  legacy     .kilocode/rules/api.md  Kilo Code still reads it but has moved to the new place: move it to `.kilo/rules/api.md` (nothing is moved for you)',
      '  legacy     .kilocode/workflows/create-techspec.md  Kilo Code still reads it but has moved to the new place; `.kilo/commands/create-techspec.md` exists: keep one of the two and delete the other (nothing is deleted for you)',
      '1 of 1 need attention',
      '',
    ]);
    const json = JSON.parse(techspec(root, ['doctor', '--format', 'json']).stdout) as {
      assistants: { agent: string; legacy: unknown[] }[];
    };
    expect(json.assistants.map((a) => [a.agent, a.legacy])).toEqual([
      [
        'kilo',
        [
          { path: '.kilocode/rules/api.md', to: '.kilo/rules/api.md', read: true, exists: false },
          {
            path: '.kilocode/workflows/create-techspec.md',
            to: '.kilo/commands/create-techspec.md',
            read: true,
            exists: true,
          },
        ],
      ],
    ]);
    const check = JSON.parse(techspec(root, ['rules', '--check', '--format', 'json']).stdout) as {
      findings: { kind: string; path: string; related?: string[] }[];
    };
    expect(check.findings.map((f) => [f.kind, f.path, f.related])).toEqual([
      ['legacy-layout', '.kilocode/rules/api.md', ['.kilo/rules/api.md']],
      ['legacy-layout', '.kilocode/workflows/create-techspec.md', ['.kilo/commands/create-techspec.md']],
    ]);
    // Nothing moved or deleted: the old files are as they were.
    expect(techspecStatus(root)).toBe(before);
    expect(read(root, '.kilocode/workflows/create-techspec.md')).toBe('Create a tech spec.\n');
  });
});

/** The hash init records for a file it wrote. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
