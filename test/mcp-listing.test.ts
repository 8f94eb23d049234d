// Invariant: the server's kept listing never makes an answer stale. A file created, deleted or renamed (also in a new
// folder), or a .gitignore edited, shows in the next call exactly as a fresh `listFiles` shows it; while nothing
// changed, the listing is reused.
import { mkdirSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { holdWorkspace } from '../src/workspace/held.js';
import { listFiles } from '../src/workspace/project.js';
import { makeRepo, removeRepos } from './context-repos.js';
import { call, connect } from './mcp-repo.js';

afterAll(removeRepos);

/** Dates every file and folder a minute back, as if the repository had been still for a while. */
function settle(root: string): void {
  const past = new Date(Date.now() - 60_000);
  const entries = readdirSync(root, { recursive: true, withFileTypes: true }).map((entry) =>
    path.join(entry.parentPath, entry.name),
  );
  for (const entry of [root, ...entries]) utimesSync(entry, past, past);
}

describe.each([
  ['watching folders', true],
  ['comparing stamps', false],
])('holdWorkspace, %s', (_mode, watch) => {
  it('reuses the listing while nothing changed, and lists again after each kind of change', async () => {
    const root = makeRepo({ 'src/a.ts': 'a\n', 'docs/guide.md': '# Guide\n', '.gitignore': 'tmp/\n' });
    const held = holdWorkspace(root, { watch });
    // As the MCP server does before each call: change notices already due arrive first.
    const cache = {
      files: async () => {
        await held.settled();
        return held.current().files;
      },
    };
    settle(root);
    const first = await cache.files();
    expect(first).toEqual(['.gitignore', 'docs/guide.md', 'src/a.ts']);
    expect(await cache.files()).toBe(first);

    const changes: [string, () => void][] = [
      [
        'a new file',
        () => {
          writeFileSync(path.join(root, 'src/b.ts'), 'b\n');
        },
      ],
      ['a new nested folder', () => mkdirSync(path.join(root, 'src/deep/er'), { recursive: true })],
      [
        'a file in it',
        () => {
          writeFileSync(path.join(root, 'src/deep/er/c.ts'), 'c\n');
        },
      ],
      [
        'a rename',
        () => {
          renameSync(path.join(root, 'docs/guide.md'), path.join(root, 'docs/manual.md'));
        },
      ],
      [
        'a deletion',
        () => {
          rmSync(path.join(root, 'src/a.ts'));
        },
      ],
      [
        'an ignored file',
        () => {
          writeFileSync(path.join(root, 'tmp.log'), 'x\n');
        },
      ],
      [
        'a .gitignore edit',
        () => {
          writeFileSync(path.join(root, '.gitignore'), 'tmp/\n*.log\n');
        },
      ],
    ];
    for (const [, change] of changes) {
      change();
      expect(await cache.files()).toEqual(listFiles(root));
      settle(root);
    }
    expect(await cache.files()).toEqual(['.gitignore', 'docs/manual.md', 'src/b.ts', 'src/deep/er/c.ts']);
    held.close();
  });

  it('keeps the rule scan when a source file is edited, and reads the rules again when a rule file is', async () => {
    const rule = '---\nglobs: src/**\n---\n# API\n';
    const root = makeRepo({ 'src/a.ts': 'a\n', '.cursor/rules/api.mdc': rule });
    const held = holdWorkspace(root, { watch });
    const scan = async () => {
      await held.settled();
      return held.current().rules();
    };
    settle(root);
    const first = await scan();
    expect(first.sources.map((source) => source.globs)).toEqual([['src/**']]);
    writeFileSync(path.join(root, 'src/a.ts'), 'a changed\n');
    if (watch) expect(await scan()).toBe(first);
    writeFileSync(path.join(root, '.cursor/rules/api.mdc'), rule.replace('src/**', 'lib/**'));
    expect((await scan()).sources.map((source) => source.globs)).toEqual([['lib/**']]);
    held.close();
  });
});

describe('lint_spec with the kept listing', () => {
  it('sees a Relevant File appear and disappear between two calls', async () => {
    const spec = [
      '# Export',
      '',
      '## Technical Considerations',
      '',
      '### Relevant Files',
      '',
      '- `src/export/csv.ts` — writes the file',
      '',
    ].join('\n');
    // relevant-files-exist is in the strict preset: the config turns it on.
    const root = makeRepo({
      'tasks/prd-export/techspec.md': spec,
      'src/index.ts': 'export {};\n',
      'techspec.config.json': '{ "rules": { "relevant-files-exist": "error" } }\n',
    });
    const { client } = await connect(root);
    const missing = async (): Promise<boolean> => {
      const result = await call(client, 'lint_spec', { path: 'tasks/prd-export/techspec.md' });
      const report = result.structuredContent as { results: { diagnostics: { ruleId: string }[] }[] };
      return report.results[0]?.diagnostics.some((d) => d.ruleId === 'relevant-files-exist') ?? false;
    };
    settle(root);
    expect(await missing()).toBe(true);
    mkdirSync(path.join(root, 'src/export'));
    writeFileSync(path.join(root, 'src/export/csv.ts'), 'export const csv = 1;\n');
    expect(await missing()).toBe(false);
    settle(root);
    expect(await missing()).toBe(false);
    rmSync(path.join(root, 'src/export/csv.ts'));
    expect(await missing()).toBe(true);
    await client.close();
  });
});

describe('the held workspace between calls', () => {
  it('sees a rule file and the config edited in place (no folder changes) in the next call', async () => {
    const root = makeRepo({
      'tasks/prd-export/techspec.md': '# Export\n\n## Executive Summary\n\nExports.\n',
      '.cursor/rules/api.mdc': '---\ndescription: HTTP handlers\nalwaysApply: false\n---\n\n# API\n',
      'techspec.config.json': '{}\n',
    });
    const { client } = await connect(root);
    const rules = async (): Promise<{ path: string; description?: string }[]> => {
      const result = await call(client, 'list_rules', {});
      return (result.structuredContent as { sources: { path: string; description?: string }[] }).sources;
    };
    const findings = async (): Promise<number> => {
      const result = await call(client, 'get_template', {});
      expect(result.isError).toBeFalsy();
      const lint = await call(client, 'lint_spec', { path: 'tasks/prd-export/techspec.md' });
      return (
        (lint.structuredContent as { results: { diagnostics: unknown[] }[] }).results[0]?.diagnostics
          .length ?? -1
      );
    };
    settle(root);
    expect((await rules()).find((r) => r.path === '.cursor/rules/api.mdc')?.description).toBe(
      'HTTP handlers',
    );
    const before = await findings();
    // Same size, same folder: only the file's own time tells the change.
    writeFileSync(
      path.join(root, '.cursor/rules/api.mdc'),
      '---\ndescription: REST routes\nalwaysApply: false\n---\n\n# API\n',
    );
    expect((await rules()).find((r) => r.path === '.cursor/rules/api.mdc')?.description).toBe('REST routes');
    writeFileSync(path.join(root, 'techspec.config.json'), '{ "rules": { "required-sections": "off" } }\n');
    expect(await findings()).toBeLessThan(before);
    writeFileSync(path.join(root, 'techspec.config.json'), '{ "rules": { "nope": "error" } }\n');
    const broken = await call(client, 'lint_spec', { path: 'tasks/prd-export/techspec.md' });
    expect(broken.isError).toBe(true);
    expect(JSON.stringify(broken.content)).toContain('Unknown rule \\"nope\\"');
    await client.close();
  });
});
