// Invariant: every file `techspec init` writes parses with the parser its assistant uses (YAML front matter,
// JSON, JSONC, TOML), runs techspec the way the repository installs it (`npx techspec` for a local dependency,
// else the `techspec` binary), names the repository's own feature folder, and points `$schema` at the config schema
// that validates it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import TOML from '@iarna/toml';
import { parseBack } from './init-parse.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_URL, configJsonSchema } from '../src/lint/json-schema.js';
import { AGENT_NAMES, initProject } from '../src/workflow/init.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');

function written(root: string): Record<string, string> {
  const result = initProject(root, { agents: AGENT_NAMES });
  return Object.fromEntries(
    result.files
      .filter((f) => f.action === 'create' || f.action === 'update')
      .map((f) => [f.path, read(root, f.path)]),
  );
}

describe('what init writes', () => {
  it('parses back with each assistant parser, with the description a string', () => {
    const files = written(makeRepo({ 'kilo.jsonc': '{\n  // ours\n  "model": "x",\n}\n' }));
    expect(Object.keys(files).length).toBeGreaterThan(10);
    for (const [file, text] of Object.entries(files)) {
      const value = parseBack(file, text) as Record<string, unknown>;
      if (file.endsWith('.md') && 'description' in value) {
        expect(value.description, file).toBe(
          'Write a tech spec from a PRD with techspec: context, clarifying questions, template, lint',
        );
      }
    }
    const toml = parseBack(
      '.gemini/commands/create-techspec.toml',
      files['.gemini/commands/create-techspec.toml'] ?? '',
    );
    expect(Object.keys(toml as object)).toEqual(['description', 'prompt']);
    // OpenCode's JSON and Codex CLI's TOML are among the files parsed back.
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'opencode.json',
        '.opencode/commands/create-techspec.md',
        '.codex/config.toml',
      ]),
    );
  });

  it('runs the installed binary when the repository does not depend on techspec', () => {
    const root = makeRepo({
      'package.json': '{ "dependencies": { "left-pad": "1.3.0" } }\n',
      'CLAUDE.md': '# x\n',
    });
    const files = written(root);
    expect(JSON.parse(files['.mcp.json'] ?? '')).toEqual({
      mcpServers: { techspec: { command: 'techspec', args: ['mcp'] } },
    });
    expect(JSON.parse(files['opencode.json'] ?? '')).toMatchObject({
      mcp: { techspec: { command: ['techspec', 'mcp'] } },
    });
    expect(TOML.parse(files['.codex/config.toml'] ?? '')).toMatchObject({
      mcp_servers: { techspec: { command: 'techspec', args: ['mcp'] } },
    });
    const command = files['.claude/commands/create-techspec.md'] ?? '';
    expect(command).toContain('run `techspec new "<feature name>"');
    expect(command).not.toContain('npx');
    expect((JSON.parse(files['techspec.config.json'] ?? '') as { $schema: string }).$schema).toBe(
      CONFIG_SCHEMA_URL,
    );
  });

  it('runs npx techspec for a local dependency, and points $schema at the installed schema', () => {
    const root = makeRepo({ 'package.json': '{ "devDependencies": { "techspec": "^0.1.0" } }\n' });
    const files = written(root);
    expect(JSON.parse(files['.mcp.json'] ?? '')).toEqual({
      mcpServers: { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
    });
    expect(TOML.parse(files['.codex/config.toml'] ?? '')).toMatchObject({
      mcp_servers: { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
    });
    expect(files['.claude/commands/create-techspec.md']).toContain('run `npx techspec new "<feature name>"');
    const config = JSON.parse(files['techspec.config.json'] ?? '') as { $schema: string };
    expect(config.$schema).toBe('./node_modules/techspec/schema/techspec.config.schema.json');
  });

  it('names the feature folder the existing specs use', () => {
    const spec = '# Especificação Técnica\n\n## Resumo Executivo\n\nTexto.\n';
    const root = makeRepo({ '.specs/prd-a/techspec.md': spec, '.specs/prd-b/techspec.md': spec });
    const command = written(root)['.claude/commands/create-techspec.md'] ?? '';
    expect(command).toContain('`.specs/prd-<feature>/prd.md`');
    expect(command).not.toContain('tasks/prd-');
  });

  it('writes a config the shipped JSON Schema accepts, and the schema rejects a misspelt severity', () => {
    const files = written(makeRepo({}));
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(configJsonSchema());
    const config = JSON.parse(files['techspec.config.json'] ?? '') as Record<string, unknown>;
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...config, rules: { 'word-budget': 'warning' } })).toBe(false);
    expect(validate({ ...config, rulez: {} })).toBe(false);
  });
});
