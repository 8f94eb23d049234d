// Invariant: `techspec mcp` over stdio speaks only JSON-RPC on stdout, answers the SDK's stdio client and a third-party
// client (the MCP Inspector CLI) as the CLI answers, and answers at once every line it cannot serve: an unknown
// method before initialize (-32601), a line that is not JSON (-32700), one that is not JSON-RPC (-32600), an oversized
// one (-32600); after each, the next request succeeds.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRepos } from './context-repos.js';
import { BIN, makeFixture, techspec } from './mcp-repo.js';

const WEBHOOKS = 'tasks/prd-order-webhooks/techspec.md';
const INVOICE = 'tasks/prd-invoice-export/techspec.md';
const INSPECTOR = path.resolve(import.meta.dirname, '../node_modules/.bin/mcp-inspector-cli');

let root: string;

beforeAll(() => {
  root = makeFixture();
});

afterAll(removeRepos);

describe('the SDK stdio client', () => {
  it('lists the tools and gets from lint_spec what `techspec lint --format json` prints', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      cwd: root,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'techspec-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['lint_spec', 'get_context', 'list_rules', 'list_specs', 'get_template']),
      );
      const result = (await client.callTool({
        name: 'lint_spec',
        arguments: { path: INVOICE },
      })) as CallToolResult;
      const cli = techspec(root, ['lint', INVOICE, '--format', 'json']);
      expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
      expect(result.content[0]).toEqual({ type: 'text', text: cli.stdout });
      const { contents } = await client.readResource({ uri: 'techspec://specs/order-webhooks' });
      expect((contents[0] as { text: string }).text).toBe(readFileSync(path.join(root, WEBHOOKS), 'utf8'));
    } finally {
      await client.close();
    }
  });
});

describe('techspec mcp --no-prompts', () => {
  it('serves the tools but no prompts (what init writes for Gemini CLI)', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--no-prompts'],
      cwd: root,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'techspec-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerCapabilities()?.prompts).toBeUndefined();
      expect(client.getServerCapabilities()?.tools).toBeDefined();
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('lint_spec');
    } finally {
      await client.close();
    }
  });
});

/** The server process driven line by line, as a hand-written client would. */
class RawSession {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[] = [];
  stderr = '';
  private buffer = '';
  private waiting: (() => void) | undefined;

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, 'mcp'], { cwd });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.buffer += chunk;
      const parts = this.buffer.split('\n');
      this.buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      this.waiting?.();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
  }

  /** Writes one line and returns the next line the server prints, parsed. */
  async send(line: string): Promise<Record<string, unknown>> {
    const seen = this.lines.length;
    await new Promise<void>((resolve) =>
      this.child.stdin.write(`${line}\n`, () => {
        resolve();
      }),
    );
    while (this.lines.length === seen) await new Promise<void>((resolve) => (this.waiting = resolve));
    return JSON.parse(this.lines[seen] ?? '') as Record<string, unknown>;
  }

  async end(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) =>
      this.child.on('exit', (code) => {
        resolve(code);
      }),
    );
    this.child.stdin.end();
    return exited;
  }
}

const request = (id: number | string, method: string, params?: unknown): string =>
  JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });

describe('raw lines over stdio', () => {
  it('answers probes and malformed lines at once, then serves initialize and tools; stdout holds only JSON-RPC', async () => {
    const session = new RawSession(root);
    expect(await session.send(request('probe', 'server/discover'))).toEqual({
      jsonrpc: '2.0',
      id: 'probe',
      error: { code: -32601, message: 'Method not found' },
    });
    expect(await session.send('{"jsonrpc": "2.0", "id": 1, "method": ')).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700 },
    });
    expect(await session.send('{"jsonrpc": "2.0", "id": 2, "method": 42}')).toEqual({
      jsonrpc: '2.0',
      id: 2,
      error: {
        code: -32600,
        message:
          'Invalid request: not a JSON-RPC 2.0 message, expected {"jsonrpc": "2.0", "method": …} with an id for requests',
      },
    });
    const init = await session.send(
      request(3, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1' },
      }),
    );
    expect(init).toMatchObject({ id: 3, result: { serverInfo: { name: 'techspec' } } });
    session.child.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    const big = await session.send(
      request(4, 'tools/call', { name: 'lint_spec', arguments: { text: 'x'.repeat(10 * 1024 * 1024) } }),
    );
    expect(big).toEqual({
      jsonrpc: '2.0',
      id: 4,
      result: {
        isError: true,
        content: [
          { type: 'text', text: 'Invalid text: 10485760 bytes, expected at most 1048576 bytes (1 MiB)' },
        ],
      },
    });
    const huge = await session.send(
      `{"jsonrpc":"2.0","id":5,"method":"x","params":"${'y'.repeat(17 * 1024 * 1024)}"}`,
    );
    expect(huge).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: {
        code: -32600,
        message: 'Invalid request: a message longer than 16777216 bytes, expected a shorter one',
      },
    });
    const lint = await session.send(
      request(6, 'tools/call', { name: 'lint_spec', arguments: { path: WEBHOOKS } }),
    );
    expect(lint).toMatchObject({ id: 6, result: { structuredContent: { errorCount: 0, warningCount: 0 } } });
    expect(await session.end()).toBe(0);
    expect(session.stderr).toBe('');
    for (const line of session.lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
  });
});

describe('a third-party client: the MCP Inspector CLI', () => {
  // inspector-cli 1.0.3 reads its own package.json through `../package.json` checked against its working directory,
  // so it runs from test/ (whose parent holds a package.json) and the server gets the fixture through --root.
  const inspector = (args: string[]) =>
    spawnSync(process.execPath, [INSPECTOR, '--cli', process.execPath, BIN, 'mcp', '--root', root, ...args], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });

  it('lists the tools', () => {
    const result = inspector(['--method', 'tools/list']);
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { tools: { name: string }[] };
    expect(listed.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['lint_spec', 'get_context', 'list_rules', 'list_specs', 'get_template']),
    );
  });

  it('calls lint_spec and prints what `techspec lint --format json` prints', () => {
    const result = inspector([
      '--method',
      'tools/call',
      '--tool-name',
      'lint_spec',
      '--tool-arg',
      `path=${INVOICE}`,
    ]);
    expect(result.status).toBe(0);
    const called = JSON.parse(result.stdout) as CallToolResult;
    expect(called.isError).toBeUndefined();
    expect(called.structuredContent).toEqual(
      JSON.parse(techspec(root, ['lint', INVOICE, '--format', 'json']).stdout),
    );
  });

  it('exits 0 for an unknown tool too, so the answer is read from its output', () => {
    const result = inspector(['--method', 'tools/call', '--tool-name', 'no_such_tool']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      content: [{ type: 'text', text: 'MCP error -32602: Tool no_such_tool not found' }],
      isError: true,
    });
  });
});
