// Invariant: no argument a client sends can crash the server or reach outside the project. A bad path, a missing
// file, a wrong type, an unknown tool or a 10 MB text each get an isError result (or a protocol error) that names the
// argument and what was expected, and the next request is answered as usual.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, errorText, useSession } from './mcp-repo.js';

const session = useSession();

/** After each failure the server must still answer: a cheap real call. */
async function stillServes(): Promise<void> {
  const result = await call(session.client, 'lint_spec', { path: 'tasks/prd-order-webhooks/techspec.md' });
  expect(result.isError).toBeUndefined();
  expect(result.structuredContent).toMatchObject({ errorCount: 0, problems: [] });
}

describe('path arguments stay inside the project', () => {
  it.each([
    ['lint_spec', { path: '../outside.md' }, 'path', '"../outside.md"'],
    ['lint_spec', { path: '/etc/passwd' }, 'path', '"/etc/passwd"'],
    ['lint_spec', { path: 'docs/outside.md' }, 'path', '"docs/outside.md"'],
    ['lint_spec', { text: '# x', filename: '../../x/techspec.md' }, 'filename', '"../../x/techspec.md"'],
    ['get_context', { spec: '../../etc/passwd' }, 'spec', '"../../etc/passwd"'],
    ['get_context', { prd: 'docs/outside.md' }, 'prd', '"docs/outside.md"'],
  ])('%s %j is refused, naming the argument', async (tool, args, argument, value) => {
    const message = errorText(await call(session.client, tool, args));
    expect(message).toBe(
      `Invalid ${argument} ${value}: it lies outside the project root ${session.root}, expected a path inside it`,
    );
    await stillServes();
  });

  it('a missing file or folder names the argument and what was expected', async () => {
    expect(errorText(await call(session.client, 'lint_spec', { path: 'tasks/nope/techspec.md' }))).toBe(
      'Invalid path "tasks/nope/techspec.md": no such file or folder in the project, expected a spec file or a folder of specs',
    );
    expect(errorText(await call(session.client, 'get_context', { spec: 'tasks' }))).toBe(
      'Invalid spec "tasks": not a file, expected a spec file',
    );
    expect(errorText(await call(session.client, 'lint_spec', { path: '' }))).toBe(
      'Invalid path "", expected a non-empty path inside the project',
    );
    await stillServes();
  });

  it('resources refuse a rule path that is no rule file, and an unknown feature', async () => {
    await expect(
      session.client.readResource({ uri: 'techspec://rules/..%2F..%2Fetc%2Fpasswd' }),
    ).rejects.toThrow(
      'MCP error -32602: Invalid path "../../etc/passwd": not a rule file of this project, expected one that list_rules lists',
    );
    await expect(session.client.readResource({ uri: 'techspec://specs/nope' })).rejects.toThrow(
      'MCP error -32602: Unknown feature "nope", expected one of: invoice-export, order-webhooks, refunds, tiny',
    );
    await expect(session.client.readResource({ uri: 'techspec://specs/refunds' })).rejects.toThrow(
      'MCP error -32602: Feature "refunds" has no spec yet, expected a techspec.md in tasks/prd-refunds',
    );
    await expect(session.client.readResource({ uri: 'techspec://specs/%E0%A4%A' })).rejects.toThrow(
      'MCP error -32602: Invalid feature "%E0%A4%A", expected a URL-encoded value',
    );
    await stillServes();
  });

  it('prompts refuse a spec outside the project or a feature without a spec', async () => {
    await expect(
      session.client.getPrompt({ name: 'review-techspec', arguments: { spec: '../../etc/x.md' } }),
    ).rejects.toThrow(
      `MCP error -32602: Invalid spec "../../etc/x.md": it lies outside the project root ${session.root}`,
    );
    await expect(
      session.client.getPrompt({ name: 'review-techspec', arguments: { spec: 'refunds' } }),
    ).rejects.toThrow(
      'MCP error -32602: Invalid spec "refunds": feature refunds has no spec yet, expected one in tasks/prd-refunds',
    );
    await expect(
      session.client.getPrompt({ name: 'create-techspec', arguments: { feature: 'x', prd: '/etc/passwd' } }),
    ).rejects.toThrow('MCP error -32602: Invalid prd "/etc/passwd": it lies outside the project root');
    await stillServes();
  });
});

describe('bad arguments', () => {
  it('a 10 MB text argument is refused above the 1 MiB limit', async () => {
    const text = `# Big\n\n${'word '.repeat(2 * 1024 * 1024)}`;
    const bytes = Buffer.byteLength(text);
    expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
    for (const tool of ['lint_spec', 'get_context']) {
      expect(errorText(await call(session.client, tool, { text }))).toBe(
        `Invalid text: ${bytes} bytes, expected at most 1048576 bytes (1 MiB)`,
      );
    }
    await stillServes();
  });

  it('wrong types, unknown tools and missing or conflicting inputs are isError results', async () => {
    expect(errorText(await call(session.client, 'lint_spec', { path: 5 }))).toBe(
      'MCP error -32602: Input validation error: Invalid arguments for tool lint_spec: Invalid input: expected string, received number at path',
    );
    expect(errorText(await call(session.client, 'get_context', { text: 'x', k: 0 }))).toMatch(
      /^MCP error -32602: Input validation error: Invalid arguments for tool get_context: .*k/,
    );
    expect(errorText(await call(session.client, 'nope'))).toBe('MCP error -32602: Tool nope not found');
    expect(errorText(await call(session.client, 'lint_spec'))).toBe(
      'No input given, expected exactly one of: path, text',
    );
    expect(errorText(await call(session.client, 'lint_spec', { path: 'tasks', text: '# x' }))).toBe(
      'Both path and text given, expected exactly one of: path, text',
    );
    expect(errorText(await call(session.client, 'get_context', { spec: 'a.md', prd: 'b.md' }))).toBe(
      'Both spec and prd given, expected exactly one of: spec, prd, text',
    );
    expect(errorText(await call(session.client, 'lint_spec', { path: 'tasks', filename: 'x.md' }))).toBe(
      'Invalid filename: given with path, expected it only with text',
    );
    await stillServes();
  });

  it('list_specs reads no spec that a symlink puts outside the project', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'techspec-outside-'));
    writeFileSync(path.join(outside, 'techspec.md'), '# Tech Spec: secret\n');
    const dir = path.join(session.root, 'tasks/prd-linked');
    mkdirSync(dir);
    symlinkSync(path.join(outside, 'techspec.md'), path.join(dir, 'techspec.md'));
    try {
      const result = await call(session.client, 'list_specs');
      const specs = (result.structuredContent as { specs: { feature: string; problem?: string }[] }).specs;
      expect(specs.find((spec) => spec.feature === 'linked')).toEqual({
        feature: 'linked',
        dir: 'tasks/prd-linked',
        spec: 'tasks/prd-linked/techspec.md',
        problem: `Invalid spec "tasks/prd-linked/techspec.md": it lies outside the project root ${session.root}, expected a path inside it`,
      });
    } finally {
      rmSync(dir, { recursive: true });
      rmSync(outside, { recursive: true });
    }
  });

  it('a broken config is an isError naming the file and key; the server recovers when it is fixed', async () => {
    const file = path.join(session.root, 'techspec.config.json');
    writeFileSync(file, '{ "rules": { "no-such-rule": "warn" } }\n');
    try {
      expect(errorText(await call(session.client, 'list_specs'))).toBe(
        'techspec.config.json: Unknown rule "no-such-rule" at rules, expected one of the rule ids listed by `techspec lint --help`',
      );
    } finally {
      writeFileSync(file, '{}\n');
    }
    await stillServes();
    expect(session.logs).toEqual([]);
  });
});
