// Invariant: each of the 22 defects of issue 13 stays fixed. Every test is named after its defect and reproduces the
// steps that showed it; without the fix it fails. Hostile repositories are real git repositories in temp folders with
// committed links to a sibling `outside/` folder that nothing may read or write.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/lint/config.js';
import type { Diagnostic } from '../../src/lint/diagnostic.js';
import { applyFixes } from '../../src/lint/fix.js';
import { TechspecError } from '../../src/errors.js';
import { lintSource } from '../../src/lint/files.js';
import { startHttpServer } from '../../src/mcp/http.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { LineTransport } from '../../src/mcp/stdio.js';
import { isWithin, readInside, resolveInside, writeInside } from '../../src/confine.js';
import { createServeApp } from '../../src/serve/app.js';
import { BIN, techspec } from '../cli-run.js';
import { call, connect, textOf } from '../mcp-repo.js';
import { hostileRepo, removeHostileRepos, SECRET, SECRET_SPEC } from './hostile-repo.js';

afterAll(removeHostileRepos);

const SPEC = (title: string, extra = ''): string =>
  [
    '---',
    'status: draft',
    '---',
    `# Tech Spec: ${title}`,
    '',
    '## Executive Summary',
    '',
    'Words.',
    '',
    extra,
  ].join('\n');

/** A repository with a clean feature `a` and a feature `x` whose techspec.md is a relative link out. */
function linkedSpecRepo() {
  return hostileRepo(
    { 'tasks/prd-a/techspec.md': SPEC('A'), 'src/a.ts': 'export const a = 1;\n' },
    { 'tasks/prd-x/techspec.md': '../../../outside/secret.md' },
  );
}

function serve(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TECHSPEC_TOKEN: '', TECHSPEC_MCP_TOKEN: '', ...env },
    timeout: 20_000,
  });
}

describe('High', () => {
  it('#1 an empty or short token is refused, from the flag and from the environment', () => {
    const empty = serve(['serve', '--host', '0.0.0.0', '--port', '0', '--token', '']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe(
      'techspec: Refusing an empty token from --token, expected a secret of at least 16 bytes (e.g. openssl rand -hex 16)\n',
    );
    const short = serve(['serve', '--port', '0'], { TECHSPEC_TOKEN: 'abc' });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('Refusing a token of 3 bytes from TECHSPEC_TOKEN');
    const mcp = serve(['mcp', '--http', '--port', '0', '--token', 'short']);
    expect(mcp.status).toBe(2);
    expect(mcp.stderr).toContain('Refusing a token of 5 bytes from --token');
  });
});

describe('Medium: symlinks committed in the repository', () => {
  it('#2 a spec reached by feature name or folder through a link out is not read (lint_spec, check_drift, review-techspec)', async () => {
    const repo = linkedSpecRepo();
    const { client } = await connect(repo.root);
    try {
      const lint = await call(client, 'lint_spec', { path: 'tasks/prd-x' });
      expect(JSON.stringify(lint)).not.toContain(SECRET);
      expect(textOf(lint)).toContain('outside the project root');
      const drift = await call(client, 'check_drift', { specs: ['x'] });
      expect(JSON.stringify(drift)).not.toContain(SECRET);
      expect(JSON.stringify(drift)).toContain('outside the project root');
      const prompt = await client.getPrompt({ name: 'review-techspec', arguments: { spec: 'x' } }).then(
        (r) => JSON.stringify(r),
        (error: unknown) => String(error),
      );
      expect(prompt).not.toContain(SECRET);
      expect(prompt).toContain('outside the project root');
    } finally {
      await client.close();
    }
  });

  it('#3 check --accept never writes a baseline into a file outside through a link', () => {
    const repo = linkedSpecRepo();
    const before = repo.snapshot();
    const result = techspec(repo.root, ['check', 'x', '--accept']);
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toContain('outside the project root');
    expect(repo.snapshot()).toEqual(before);
  });

  it('#4 lint --fix never follows a committed relative link out of the repository', () => {
    const repo = hostileRepo(
      { 'tasks/prd-a/techspec.md': SPEC('A') },
      {
        'tasks/prd-b/techspec.md': '../../../outside/config.sh',
      },
    );
    const before = repo.snapshot();
    const result = techspec(repo.root, ['lint', '--fix']);
    expect(repo.snapshot()).toEqual(before);
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toContain('tasks/prd-b/techspec.md');
    expect(result.stdout + result.stderr).toContain('outside the project root');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('#5 a .techspec/cache link to an outside folder gets neither the context index nor the lint cache', () => {
    const repo = hostileRepo(
      { 'tasks/prd-a/techspec.md': SPEC('A'), 'src/a.ts': 'export const a = 1;\n' },
      {
        '.techspec/cache': '../../outside',
      },
    );
    const before = repo.snapshot();
    techspec(repo.root, ['context', '--text', 'orders']);
    techspec(repo.root, ['lint', '--cache']);
    expect(repo.snapshot()).toEqual(before);
  });

  it('#5 get_context (read-only MCP) writes nothing through a .techspec/cache link', async () => {
    const repo = hostileRepo({ 'src/a.ts': 'export const a = 1;\n' }, { '.techspec/cache': '../../outside' });
    const before = repo.snapshot();
    const { client } = await connect(repo.root);
    await call(client, 'get_context', { text: 'orders' });
    await client.close();
    expect(repo.snapshot()).toEqual(before);
  });

  it('#6 rule files that are links out of the repository are skipped with a note (rules, list_rules, /api/v0/rules)', async () => {
    const outsideRule = `---\ndescription: ${SECRET}\n---\n# ${SECRET}\n\n## ${SECRET}\n`;
    const repo = hostileRepo(
      { '.claude/rules/own.md': '# Own rule\n' },
      { '.claude/rules/x.md': '../../../outside/rule.md' },
      { 'rule.md': outsideRule },
    );
    const cli = techspec(repo.root, ['rules', '--format', 'json']);
    expect(cli.stdout).not.toContain(SECRET);
    expect(cli.stdout).toContain('Rule file links outside the repository');
    const { client } = await connect(repo.root);
    const listed = await call(client, 'list_rules');
    await client.close();
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    const served = createServeApp({ root: repo.root });
    await served.state.ready;
    const rest = await (await served.app.request('/api/v0/rules')).text();
    served.close();
    expect(rest).not.toContain(SECRET);
  });

  it('#7 a config template outside the project is refused, not served', async () => {
    const repo = hostileRepo({ 'techspec.config.json': '{"template": "../outside/secret.md"}' });
    const { client } = await connect(repo.root);
    const tool = await call(client, 'get_template');
    const resource = await client.readResource({ uri: 'techspec://template' }).then(
      (r) => JSON.stringify(r),
      (error: unknown) => String(error),
    );
    await client.close();
    expect(tool.isError).toBe(true);
    expect(JSON.stringify(tool)).not.toContain(SECRET);
    expect(textOf(tool)).toContain('outside the project root');
    expect(resource).not.toContain(SECRET);
  });
});

describe('Medium: one input stops everything', () => {
  it('#8 a word of dots under Relevant Files takes linear time (ratio of 100,000 to 25,000 dots under 8)', () => {
    // The dots end in a letter: the old regex backtracked over the whole run at each of its positions.
    const config = loadConfig({ cwd: process.cwd() });
    const time = (dots: number): number => {
      const text = `${SPEC('Dots')}\n## Relevant Files\n\n- ${'.'.repeat(dots)}x\n`;
      let best = Infinity;
      for (let i = 0; i < 2; i++) {
        const started = performance.now();
        lintSource(text, { config, filename: 'tasks/prd-d/techspec.md', listing: [] });
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = time(25_000);
    const large = time(100_000);
    expect(large < 50 || large / small < 8, `${small.toFixed(0)} ms → ${large.toFixed(0)} ms`).toBe(true);
  });

  it('#9 a template that is a device or over 1 MiB is refused at once (regular files of at most 1 MiB)', () => {
    const repo = hostileRepo({
      'techspec.config.json': '{"template": "big.md"}',
      'big.md': `## A\n\n${'word '.repeat(300_000)}\n`,
      'tasks/prd-a/techspec.md': SPEC('A'),
    });
    const big = techspec(repo.root, ['lint']);
    expect(big.status).toBe(2);
    expect(big.stderr).toContain('expected a file of at most 1048576 bytes');
    writeFileSync(path.join(repo.root, 'techspec.config.json'), '{"template": "/dev/zero"}');
    const started = performance.now();
    const device = techspec(repo.root, ['lint']);
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('outside the project root');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('#10 a spec listing ../../../etc/passwd gets a finding and the other specs are still checked', () => {
    const repo = hostileRepo({
      'tasks/prd-a/techspec.md': SPEC('A', '## Relevant Files\n\n- `../../../etc/passwd`\n- `src/a.ts`\n'),
      'tasks/prd-b/techspec.md': SPEC('B', '## Relevant Files\n\n- `src/a.ts`\n'),
      'src/a.ts': 'export const a = 1;\n',
    });
    expect(techspec(repo.root, ['check', 'a', 'b', '--accept']).status).not.toBe(2);
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', ...args], { cwd: repo.root });
    git('commit', '-qam', 'baseline');
    writeFileSync(path.join(repo.root, 'src/a.ts'), 'export const a = 2;\n');
    git('commit', '-qam', 'change');
    const result = techspec(repo.root, ['check', '--format', 'json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { specs: { spec: string }[] };
    expect(report.specs.map((s) => s.spec).sort()).toEqual([
      'tasks/prd-a/techspec.md',
      'tasks/prd-b/techspec.md',
    ]);
    expect(result.stdout).toContain('../../../etc/passwd');
  });
});

describe('Low', () => {
  it('#11 a glob over 64 KiB in Relevant Files or in config specs is no crash', () => {
    const glob = `src/{${Array.from({ length: 14_000 }, (_, i) => `f${i}`).join(',')}}.ts`;
    const repo = hostileRepo({
      'tasks/prd-a/techspec.md': SPEC('A', `## Relevant Files\n\n- \`${glob}\`\n`),
      'tasks/prd-b/techspec.md': SPEC('B'),
    });
    const lint = techspec(repo.root, ['lint', '--format', 'json']);
    expect(lint.stderr).not.toContain('this is a bug');
    expect((JSON.parse(lint.stdout) as { results: unknown[] }).results).toHaveLength(2);
    writeFileSync(path.join(repo.root, 'techspec.config.json'), JSON.stringify({ specs: [glob] }));
    const config = techspec(repo.root, ['lint']);
    expect(config.status).toBe(2);
    expect(config.stderr).not.toContain('this is a bug');
    expect(config.stderr).toContain('specs.0');
  });

  it('#12 a fix is written only while the file is as it was read (size, mtime and content hash)', () => {
    const repo = hostileRepo({ 'tasks/prd-a/techspec.md': 'abc\n' });
    const file = 'tasks/prd-a/techspec.md';
    const read = readInside(repo.root, file, 'spec', 1024);
    // Same size and mtime, other bytes: only the hash tells.
    const { mtime } = statSync(path.join(repo.root, file));
    writeFileSync(path.join(repo.root, file), 'xyz\n');
    utimesSync(path.join(repo.root, file), mtime, mtime);
    const outcome = writeInside(repo.root, file, 'fixed\n', { unchanged: read.stamp });
    expect(outcome).toEqual({
      written: false,
      note: `${file}: changed since it was read, expected it unchanged; not written (run again)`,
    });
    expect(readFileSync(path.join(repo.root, file), 'utf8')).toBe('xyz\n');
    expect(
      writeInside(repo.root, file, 'fixed\n', { unchanged: readInside(repo.root, file, 'spec', 1024).stamp }),
    ).toEqual({ written: true });
  });

  it('#13 --fix on a CRLF file inserts CRLF lines', () => {
    // Which rule inserts lines changes with the rules (required-sections now only groups existing subsections), so
    // the line endings are checked where every fix is applied: a fix that inserts lines into a CRLF text.
    const text =
      '---\r\nstatus: draft\r\n---\r\n# Tech Spec: A\r\n\r\n## Executive Summary\r\n\r\nWords.\r\n';
    const at = text.length;
    const diagnostic: Diagnostic = {
      ruleId: 'required-sections',
      messageId: 'missing',
      severity: 'error',
      message: 'Missing section',
      file: 'techspec.md',
      line: 8,
      column: 1,
      endLine: 8,
      endColumn: 1,
      docsUrl: '',
      fix: { range: [at, at], text: '\n## System Architecture\n\n### Component Overview\n' },
    };
    const { output, applied } = applyFixes(text, [diagnostic]);
    expect(applied).toBe(1);
    expect(output.length).toBeGreaterThan(text.length + 40);
    expect(output.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('#14 a name that starts with .. but lies inside is inside', () => {
    const repo = hostileRepo({ '..specs/techspec.md': SPEC('Dots') });
    expect(resolveInside(repo.root, '..specs/techspec.md', 'path').rel).toBe('..specs/techspec.md');
    expect(isWithin('/a', '/a/..b')).toBe(true);
    expect(isWithin('/a', '/b')).toBe(false);
    expect(() => resolveInside(repo.root, '../x', 'path')).toThrow(TechspecError);
  });

  it('#15 new_spec refuses control characters in the name', async () => {
    const repo = hostileRepo({ 'README.md': '# r\n' });
    const { client } = await connect(repo.root);
    const result = await call(client, 'new_spec', { name: 'Orders\u0000x' });
    await client.close();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('control character U+0000 at position 7, expected printable text');
  });

  it('#16 403 answers carry the CSP, nosniff and Referrer-Policy headers', async () => {
    const repo = hostileRepo({ 'README.md': '# r\n' });
    const served = createServeApp({ root: repo.root });
    const response = await served.app.request('/api/v0/specs', { headers: { host: 'evil.example' } });
    served.close();
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('#17 mcp --http never logs a token from the query', async () => {
    const repo = hostileRepo({ 'README.md': '# r\n' });
    const logs: string[] = [];
    const server = await startHttpServer({
      root: repo.root,
      port: 0,
      token: 'right-token-0123456789',
      log: (line) => logs.push(line),
    });
    await fetch(`${server.url}?token=guessed-secret-value`, { method: 'POST', body: '{}' });
    await server.close();
    expect(logs.join('\n')).toContain('refused POST /mcp?…');
    expect(logs.join('\n')).not.toContain('guessed-secret-value');
  });

  it('#18 lint --stdin over 10 MB names the --stdin-filename', () => {
    const report = lintSource(Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), {
      cwd: process.cwd(),
      filename: 'tasks/prd-a/techspec.md',
      listing: [],
    });
    expect(report.problems).toEqual([
      {
        file: 'tasks/prd-a/techspec.md',
        code: 'TOO_LARGE',
        message: 'File is 10.0 MB, expected at most 10.0 MB',
      },
    ]);
  });

  it('#19 serve --host 256.1.1.1 is a usage error, not a bug', () => {
    const result = serve([
      'serve',
      '--host',
      '256.1.1.1',
      '--port',
      '0',
      '--token',
      'a-long-enough-token-123',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('this is a bug');
    expect(result.stderr).toMatch(
      /^techspec: Cannot listen on 256\.1\.1\.1:0 \((ENOTFOUND|EAI_AGAIN)\), expected a local address/,
    );
  });

  it('#20 lint --output under /proc fails at once instead of hanging', () => {
    const repo = hostileRepo({ 'tasks/prd-a/techspec.md': SPEC('A') });
    const result = spawnSync(process.execPath, [BIN, 'lint', '--output', '/proc/forbidden/x'], {
      cwd: repo.root,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('/proc/forbidden/x: Cannot write the report');
  });

  it('#21 mcp --root /nonexistent exits 2', () => {
    const result = serve(['mcp', '--root', '/nonexistent-techspec-root']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'techspec: Invalid --root "/nonexistent-techspec-root": no such folder, expected the project\'s folder\n',
    );
  });

  it('#22 tools/call with "arguments": "str" answers -32602 in one line', async () => {
    const repo = hostileRepo({ 'README.md': '# r\n' });
    const input = new PassThrough();
    const output = new PassThrough();
    const server = createMcpServer({ root: repo.root, log: () => undefined });
    await server.connect(new LineTransport(input, output));
    const answer = new Promise<string>((resolve) => {
      output.once('data', (chunk: Buffer) => {
        resolve(chunk.toString());
      });
    });
    input.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'lint_spec', arguments: 'str' } })}\n`,
    );
    const line = JSON.parse(await answer) as { id: number; error: { code: number; message: string } };
    await server.close();
    expect(line.id).toBe(7);
    expect(line.error.code).toBe(-32602);
    expect(line.error.message).not.toContain('\n');
    expect(line.error.message).toMatch(/^Invalid params for tools\/call: params\.arguments: /);
  });
});

describe('Also seen', () => {
  it('wrong tokens are rate limited per client address: 429 with Retry-After (serve)', async () => {
    const repo = hostileRepo({ 'README.md': '# r\n' });
    const served = createServeApp({ root: repo.root, token: 'right-token-0123456789' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await served.app.request('/api/v0/specs', {
        headers: { authorization: 'Bearer wrong' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const login = await served.app.request('/login?token=right-token-0123456789');
    served.close();
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    expect(login.status).toBe(429);
  });

  it('wrong bearer tokens are rate limited per client address: 429 with Retry-After (mcp --http)', async () => {
    const repo = hostileRepo({ 'README.md': '# r\n' });
    const server = await startHttpServer({
      root: repo.root,
      port: 0,
      token: 'right-token-0123456789',
      log: () => undefined,
    });
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 11; i++) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { authorization: 'Bearer wrong' },
        body: '{}',
      });
      statuses.push(response.status);
      retry = response.headers.get('retry-after');
    }
    await server.close();
    expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
    expect(Number(retry)).toBeGreaterThan(0);
  });

  it('stdio answers waiting for one drain share one listener (no MaxListenersExceededWarning)', async () => {
    const input = new PassThrough();
    const output = new PassThrough({ highWaterMark: 16 });
    const transport = new LineTransport(input, output);
    await transport.start();
    const sends = Array.from({ length: 50 }, (_, id) =>
      transport.send({ jsonrpc: '2.0', id, result: { text: 'x'.repeat(100) } }),
    );
    expect(output.listenerCount('drain')).toBeLessThanOrEqual(1);
    output.resume();
    await Promise.all(sends);
    await transport.close();
  });

  it('a template through a link is read only inside the root', () => {
    const repo = hostileRepo({ 'README.md': '# r\n' }, { 'template.md': '../outside/secret.md' });
    expect(() => readInside(repo.root, 'template.md', 'template', 1024)).toThrow(/outside the project root/);
    expect(SECRET_SPEC).toContain(SECRET);
  });
});
