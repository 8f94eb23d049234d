// Invariant: `init --lsp` adds a Claude Code plugin (language server for Markdown, MCP server, the command) with the
// project marketplace that lists it, and OpenCode's `lsp` entry beside the user's own settings; a second run changes
// nothing; without --lsp none of it is written.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCommand } from '../src/workflow/command-text.js';
import { initProject } from '../src/workflow/init.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('initProject with lsp', () => {
  it('writes the Claude Code plugin, its marketplace and the OpenCode entry, then nothing on a second run', () => {
    const root = makeRepo({ 'opencode.jsonc': '{\n  // ours\n  "model": "x/y",\n}\n' });
    const first = initProject(root, { agents: ['claude'], lsp: true, version: '1.2.3' });
    expect(first.files.slice(-4).map((f) => [f.path, f.action])).toEqual([
      ['.claude/plugins/techspec/.claude-plugin/plugin.json', 'create'],
      ['.claude/plugins/techspec/commands/create-techspec.md', 'create'],
      ['.claude-plugin/marketplace.json', 'create'],
      ['opencode.jsonc', 'update'],
    ]);
    const manifest = JSON.parse(read(root, '.claude/plugins/techspec/.claude-plugin/plugin.json')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      name: 'techspec',
      version: '1.2.3',
      lspServers: {
        techspec: {
          command: 'npx',
          args: ['techspec', 'lsp', '--stdio'],
          extensionToLanguage: { '.md': 'markdown' },
        },
      },
      mcpServers: { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
    });
    expect(read(root, '.claude/plugins/techspec/commands/create-techspec.md')).toBe(
      renderCommand('markdown-arguments'),
    );
    const marketplace = JSON.parse(read(root, '.claude-plugin/marketplace.json')) as {
      plugins: { name: string; source: string }[];
    };
    expect(marketplace.plugins).toEqual([
      expect.objectContaining({ name: 'techspec', source: './.claude/plugins/techspec' }),
    ]);
    expect(read(root, 'opencode.jsonc')).toContain('// ours');
    expect(read(root, 'opencode.jsonc')).toMatch(
      /"lsp": \{\s*"techspec": \{\s*"command": \[\s*"npx",\s*"techspec",\s*"lsp",\s*"--stdio"\s*\],\s*"extensions": \[\s*"\.md"\s*\]/,
    );
    expect(first.notes.some((note) => note.includes('/plugin install techspec@techspec-project'))).toBe(true);
    const second = initProject(root, { agents: ['claude'], lsp: true, version: '1.2.3' });
    expect(second.files.filter((f) => f.action !== 'unchanged')).toEqual([]);
  });

  it('writes only the OpenCode entry without claude, and nothing of the kind without lsp', () => {
    const root = makeRepo({ 'README.md': '# x\n' });
    const plain = initProject(root, { agents: ['cursor'] });
    expect(plain.files.map((f) => f.path)).not.toContain('opencode.json');
    const withLsp = initProject(root, { agents: ['cursor'], lsp: true });
    expect(withLsp.files.map((f) => f.path).filter((p) => /opencode|claude/.test(p))).toEqual([
      'opencode.json',
    ]);
    expect(JSON.parse(read(root, 'opencode.json'))).toEqual({
      lsp: { techspec: { command: ['npx', 'techspec', 'lsp', '--stdio'], extensions: ['.md'] } },
    });
    expect(existsSync(path.join(root, '.claude-plugin'))).toBe(false);
  });

  it('puts the lsp entry beside the OpenCode MCP entry the same run writes into the same file', () => {
    const root = makeRepo({ 'README.md': '# x\n' });
    initProject(root, { agents: ['opencode'], lsp: true });
    const config = JSON.parse(read(root, 'opencode.json')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(config.mcp ?? {})).toEqual(['techspec']);
    expect(config.lsp?.techspec).toEqual({
      command: ['npx', 'techspec', 'lsp', '--stdio'],
      extensions: ['.md'],
    });
    const again = initProject(root, { agents: ['opencode'], lsp: true });
    expect(again.files.filter((f) => f.action !== 'unchanged')).toEqual([]);
  });
});
