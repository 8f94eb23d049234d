// Invariant: `techspec serve` run as users run it prints its URL (and, with a token, the one-time login URL), serves
// the repository it was started in, and stops cleanly with exit code 0 on Ctrl-C; a bad flag exits 2.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeRepos } from './context-repos.js';
import { makeServeRepo } from './serve-fixture.js';

const BIN = path.resolve(import.meta.dirname, '../bin/techspec.js');

afterAll(removeRepos);

describe('techspec serve', () => {
  it('prints the URL and login URL, answers with the token, and exits 0 on SIGINT', async () => {
    const { root } = makeServeRepo();
    const child = spawn(
      process.execPath,
      [BIN, 'serve', '--port', '0', '--token', 'tok en 0123456789abcdef', '--log-level', 'warn'],
      {
        cwd: path.join(root, 'tasks'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('login?token=')) resolve(/(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1] ?? '');
      });
      child.on('exit', () => {
        reject(new Error(`exited early: ${stderr}`));
      });
    });
    expect(stdout).toBe(
      `techspec serve: ${url} (${root})\n` +
        `techspec serve: open ${url}login?token=tok%20en%200123456789abcdef once to log in; API clients send "Authorization: Bearer <token>"\n`,
    );
    expect((await fetch(`${url}api/v0/specs`)).status).toBe(401);
    const specs = await fetch(`${url}api/v0/specs`, {
      headers: { Authorization: 'Bearer tok en 0123456789abcdef' },
    });
    expect(((await specs.json()) as { specs: { feature: string }[] }).specs.map((s) => s.feature)).toEqual([
      'alpha',
      'invoice-export',
      'order-webhooks',
    ]);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });

  it('exits 2 on a bad port, naming what was expected', () => {
    const result = spawnSync(process.execPath, [BIN, 'serve', '--port', 'eighty'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "techspec: option '-p, --port <n>' argument 'eighty' is invalid. Expected a port number from 0 to 65535.\n",
    );
  });
});
