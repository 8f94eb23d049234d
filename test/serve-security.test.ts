// Invariant: off loopback every client needs the token (bearer header, or the cookie of the one-time login URL) and
// gets 401 JSON without it; on loopback a foreign Host or Origin (DNS rebinding, another site's page) gets 403; and
// no parameter (`..`, `%2e%2e`, an absolute path, a symlink out) ever brings a file outside the repository back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServeApp, type ServeApp } from '../src/serve/app.js';
import { makeRepo, removeRepos } from './context-repos.js';
import { makeServeRepo } from './serve-fixture.js';

const BIN = path.resolve(import.meta.dirname, '../bin/techspec.js');
const SECRET = 'SECRET-OUTSIDE-THE-REPOSITORY';
const UNAUTHORIZED = {
  error: {
    code: 'UNAUTHORIZED',
    message:
      'Missing or wrong token, expected an "Authorization: Bearer <token>" header or the cookie set by the login URL',
  },
};

const apps: ServeApp[] = [];
afterAll(() => {
  for (const served of apps) served.close();
  removeRepos();
});

function app(root: string, options: { token?: string; host?: string } = {}): ServeApp {
  const served = createServeApp({ root, ...options });
  apps.push(served);
  return served;
}

describe('token', () => {
  let served: ServeApp;
  beforeAll(() => {
    served = app(makeServeRepo().root, { token: 's3cret', host: '0.0.0.0' });
  });

  it('answers 401 without a token, and with a wrong one', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: 'Bearer s3cre' }]) {
      const response = await served.app.request('/api/v0/specs', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="techspec"');
      expect(await response.json()).toEqual(UNAUTHORIZED);
    }
    expect((await served.app.request('/metrics')).status).toBe(401);
    expect((await served.app.request('/')).status).toBe(401);
  });

  it('accepts the bearer token, and leaves /healthz open', async () => {
    const response = await served.app.request('/api/v0/specs', {
      headers: { Authorization: 'Bearer s3cret' },
    });
    expect(response.status).toBe(200);
    expect((await served.app.request('/healthz')).status).toBe(200);
  });

  it('trades the login URL token for an HttpOnly SameSite=Strict session cookie', async () => {
    const wrong = await served.app.request('/login?token=nope');
    expect(wrong.status).toBe(401);
    const login = await served.app.request('/login?token=s3cret');
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^techspec_session=[\w-]{32}; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0] ?? '';
    const page = await served.app.request('/api/v0/specs', { headers: { Cookie: session } });
    expect(page.status).toBe(200);
    const forged = await served.app.request('/api/v0/specs', {
      headers: { Cookie: 'techspec_session=s3cret' },
    });
    expect(forged.status).toBe(401);
  });

  it('the CLI refuses a non-loopback host without a token (exit 2, one line)', () => {
    const result = spawnSync(process.execPath, [BIN, 'serve', '--host', '0.0.0.0', '--port', '0'], {
      cwd: os.tmpdir(),
      encoding: 'utf8',
      env: { ...process.env, TECHSPEC_TOKEN: '' },
      timeout: 20_000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'techspec: Refusing to bind 0.0.0.0 without a token: anyone on the network could read the repository, expected --token <secret> or TECHSPEC_TOKEN (or --host 127.0.0.1)\n',
    );
  });
});

describe('Host and Origin on loopback', () => {
  let served: ServeApp;
  beforeAll(() => {
    served = app(makeServeRepo().root);
  });

  it('answers 403 to a foreign Host (DNS rebinding) or Origin', async () => {
    const host = await served.app.request('http://evil.example:4700/api/v0/specs', {
      headers: { Host: 'evil.example:4700' },
    });
    expect(host.status).toBe(403);
    expect(await host.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'Unexpected Host "evil.example:4700", expected localhost or 127.0.0.1',
      },
    });
    const origin = await served.app.request('http://127.0.0.1:4700/api/v0/lint', {
      method: 'POST',
      headers: { Host: '127.0.0.1:4700', Origin: 'https://evil.example', 'Content-Type': 'text/markdown' },
      body: '# x',
    });
    expect(origin.status).toBe(403);
    expect(await origin.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: 'Unexpected Origin "https://evil.example", expected this server\'s own origin',
      },
    });
  });

  it('answers 403, not 500, to a Host that is no host', async () => {
    const response = await served.app.request('http://127.0.0.1/healthz', { headers: { Host: 'a b' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'Unexpected Host "a b", expected localhost or 127.0.0.1' },
    });
  });

  it('serves loopback names and its own origin', async () => {
    for (const host of ['127.0.0.1:4700', 'localhost:4700', '[::1]:4700']) {
      const response = await served.app.request(`http://${host}/healthz`, {
        headers: { Host: host, Origin: `http://${host}` },
      });
      expect(response.status).toBe(200);
    }
  });
});

describe('path confinement', () => {
  let served: ServeApp;
  beforeAll(async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'techspec-outside-'));
    writeFileSync(path.join(outside, 'techspec.md'), `# ${SECRET}\n\nTODO\n`);
    const root = makeRepo(
      { 'tasks/prd-safe/techspec.md': '# Safe\n\nTODO\n' },
      { links: { 'tasks/prd-evil/techspec.md': path.join(outside, 'techspec.md'), 'docs/out': outside } },
    );
    served = app(root);
    await served.state.ready;
  });

  async function answer(url: string, init?: RequestInit): Promise<{ status: number; text: string }> {
    const response = await served.app.request(url, init);
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    return { status: response.status, text };
  }

  it('lists a spec linked from outside as a problem, never reading it', async () => {
    const list = JSON.parse((await answer('/api/v0/specs')).text) as {
      specs: { feature: string; problems: number; words: number | null }[];
    };
    expect(list.specs.map((spec) => [spec.feature, spec.problems, spec.words])).toEqual([
      ['evil', 1, null],
      ['safe', 0, 2],
    ]);
    const evil = await answer('/api/v0/specs/evil');
    expect(evil.status).toBe(400);
    expect(JSON.parse(evil.text)).toMatchObject({ error: { code: 'PATH_OUTSIDE' } });
  });

  it.each([
    '/api/v0/specs/..',
    '/api/v0/specs/%2e%2e',
    '/api/v0/specs/..%2F..%2Fetc%2Fpasswd',
    '/api/v0/specs/%2Fetc%2Fpasswd',
    '/api/v0/specs/docs%2Fout%2Ftechspec.md',
  ])('GET %s is 404', async (url) => {
    const { status, text } = await answer(url);
    expect(status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['..%2F..%2Fetc%2Fpasswd', 400],
    ['%2e%2e%2F%2e%2e%2Fetc%2Fpasswd', 400],
    ['%2Fetc%2Fpasswd', 400],
    ['docs%2Fout%2Ftechspec.md', 400],
    ['tasks%2Fprd-evil%2Ftechspec.md', 400],
    ['evil', 400],
  ])('GET /api/v0/context?spec=%s is %i', async (spec, status) => {
    const answered = await answer(`/api/v0/context?spec=${spec}`);
    expect(answered.status).toBe(status);
    expect(JSON.parse(answered.text)).toMatchObject({ error: { code: 'PATH_OUTSIDE' } });
  });

  it.each(['../x.md', '/etc/passwd', 'docs/out/techspec.md'])(
    'POST /api/v0/lint with filename %s is 400',
    async (filename) => {
      const { status, text } = await answer('/api/v0/lint', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: '# x\n', filename }),
      });
      expect(status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'PATH_OUTSIDE' } });
    },
  );

  it('serves only the dashboard files it loaded, by exact name', async () => {
    for (const url of ['/assets/..%2F..%2Fpackage.json', '/assets/%2e%2e%2Findex.html', '/assets/nope.js']) {
      expect((await answer(url)).status).toBe(404);
    }
  });
});
