// Invariant: the Streamable HTTP server answers the SDK's HTTP client as the CLI answers, one session per client, and
// refuses what it must: no or a wrong bearer token (401), a foreign Origin or Host (403, against DNS rebinding), an
// exposed bind address without a token (exit 2). Probes without a session, malformed bodies and oversized text get
// JSON-RPC answers, and the server keeps serving.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../src/mcp/http.js';
import { removeRepos } from './context-repos.js';
import { BIN, makeFixture, techspec } from './mcp-repo.js';

const TOKEN = 'test-token-0123456789';
const INVOICE = 'tasks/prd-invoice-export/techspec.md';
const WEBHOOKS = 'tasks/prd-order-webhooks/techspec.md';

let root: string;
let server: RunningHttpServer;
const logs: string[] = [];

beforeAll(async () => {
  root = makeFixture();
  server = await startHttpServer({ root, port: 0, token: TOKEN, log: (line) => logs.push(line) });
});

afterAll(async () => {
  await server.close();
  removeRepos();
});

async function connectClient(url: string, headers: Record<string, string>): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  const client = new Client({ name: 'techspec-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A raw JSON-RPC POST, as a hand-written client would send it. */
async function post(
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe('the SDK Streamable HTTP client', () => {
  it('gets from lint_spec what `techspec lint --format json` prints, each client in a session of its own', async () => {
    const clients = await Promise.all(
      [1, 2, 3].map(() => connectClient(server.url, { Authorization: `Bearer ${TOKEN}` })),
    );
    try {
      const cli = JSON.parse(techspec(root, ['lint', INVOICE, '--format', 'json']).stdout) as unknown;
      const results = await Promise.all(
        clients.map(
          async (client) =>
            (await client.callTool({ name: 'lint_spec', arguments: { path: INVOICE } })) as CallToolResult,
        ),
      );
      for (const result of results) expect(result.structuredContent).toEqual(cli);
      const sessions = clients.map((client) => (client.transport as StreamableHTTPClientTransport).sessionId);
      expect(new Set(sessions).size).toBe(3);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });

  it('a loopback Origin is accepted', async () => {
    const client = await connectClient(server.url, {
      Authorization: `Bearer ${TOKEN}`,
      Origin: 'http://localhost:5173',
    });
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual([
      'create-techspec',
      'review-techspec',
    ]);
    await client.close();
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }, 401],
    ['a foreign Origin', { Authorization: `Bearer ${TOKEN}`, Origin: 'http://evil.example' }, 403],
  ])('refuses a client with %s', async (_name, headers, status) => {
    await expect(connectClient(server.url, headers)).rejects.toMatchObject({ code: status });
  });
});

describe('raw requests', () => {
  it('refuses a foreign Host header on a loopback bind (DNS rebinding)', async () => {
    const url = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { host: 'evil.example' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32000,
        message: 'Forbidden Host evil.example, expected localhost or a loopback address',
      },
    });
  });

  it('answers a probe without a session (server/discover) with -32601 at once', async () => {
    expect(await post(JSON.stringify({ jsonrpc: '2.0', id: 'probe', method: 'server/discover' }))).toEqual({
      status: 200,
      json: { jsonrpc: '2.0', id: 'probe', error: { code: -32601, message: 'Method not found' } },
    });
  });

  it('answers a body that is not JSON with -32700, an unknown session with 404', async () => {
    const malformed = await post('{"jsonrpc": "2.0", "id": 1,');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    const unknown = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
      'mcp-session-id': 'no-such-session',
    });
    expect(unknown).toEqual({
      status: 404,
      json: {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32001,
          message: 'Session not found, expected a live Mcp-Session-Id: initialize again',
        },
      },
    });
  });

  it('answers a 10 MB text argument with isError, then serves the next call', async () => {
    const big = { name: 'lint_spec', arguments: { text: 'x'.repeat(10 * 1024 * 1024) } };
    expect(await post(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: big }))).toEqual({
      status: 200,
      json: {
        jsonrpc: '2.0',
        id: 3,
        result: {
          isError: true,
          content: [
            { type: 'text', text: 'Invalid text: 10485760 bytes, expected at most 1048576 bytes (1 MiB)' },
          ],
        },
      },
    });
    const next = { name: 'lint_spec', arguments: { path: WEBHOOKS } };
    const answer = await post(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: next }));
    expect(answer.json).toMatchObject({
      id: 4,
      result: { structuredContent: { errorCount: 0, warningCount: 0 } },
    });
  });

  it('logs each refusal on its log (standard error for the CLI)', () => {
    expect(
      logs.some((line) => line.includes('refused POST /mcp: Forbidden Origin http://evil.example')),
    ).toBe(true);
    expect(logs.some((line) => line.includes('refused POST /mcp: Unauthorized'))).toBe(true);
  });
});

describe('techspec mcp --http', () => {
  it('refuses a non-loopback bind address without a token (exit 2, one line)', () => {
    const result = techspec(root, ['mcp', '--http', '--host', '0.0.0.0', '--port', '0']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'techspec: --host 0.0.0.0 is not a loopback address, expected --token <token> or TECHSPEC_MCP_TOKEN so ' +
        'that only clients sending that bearer token are served\n',
    });
  });

  it('says so when the port is taken (exit 2, one line)', () => {
    const result = techspec(root, ['mcp', '--http', '--port', String(server.port)]);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `techspec: Cannot listen on 127.0.0.1:${server.port} (EADDRINUSE), expected a free port and a local address\n`,
    });
  });

  it('serves on a free port with the token from TECHSPEC_MCP_TOKEN and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0'], {
      cwd: root,
      env: { ...process.env, TECHSPEC_MCP_TOKEN: TOKEN },
    });
    let stderr = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const url = await new Promise<string>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        const found = / at (http:\/\/127\.0\.0\.1:\d+\/mcp) \(bearer token required\)\n/.exec(stderr);
        if (found?.[1]) resolve(found[1]);
      });
    });
    expect(stderr).toBe(`techspec mcp: serving ${root} at ${url} (bearer token required)\n`);
    const client = await connectClient(url, { Authorization: `Bearer ${TOKEN}` });
    const result = (await client.callTool({ name: 'list_specs', arguments: {} })) as CallToolResult;
    expect(
      (result.structuredContent as { specs: { feature: string }[] }).specs.map((s) => s.feature),
    ).toEqual(['invoice-export', 'order-webhooks', 'refunds', 'tiny']);
    await client.close();
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        resolve(code);
      }),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toBe('');
  });
});
