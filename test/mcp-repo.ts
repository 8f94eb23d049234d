// The MCP tests' fixture: the bundled example project in a fresh git repository, plus a tiny spec, a feature with only
// a PRD and a symlink out of the project; helpers to run the CLI there and to connect an in-memory client.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer } from '../src/mcp/server.js';
import { afterAll, beforeAll, expect } from 'vitest';
import { makeRepo, removeRepos } from './context-repos.js';

export { BIN, techspec, type CliResult } from './cli-run.js';
const EXAMPLES = path.resolve(import.meta.dirname, '../examples');

export const TINY_SPEC = [
  '---',
  'status: approved',
  '---',
  '# Tiny feature',
  '',
  '## Executive Summary',
  '',
  'Three small words.',
  '',
].join('\n');

/** The example project's files, as a record for makeRepo. */
export function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(EXAMPLES, entry);
    if (statSync(abs).isFile()) files[entry.split(path.sep).join('/')] = readFileSync(abs, 'utf8');
  }
  return files;
}

/** A new fixture repository; `docs/outside.md` is a symlink to a file outside it. */
export function makeFixture(): string {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'techspec-mcp-outside-'));
  writeFileSync(path.join(outside, 'secret.md'), '# Not part of the project\n');
  return makeRepo(
    {
      ...exampleFiles(),
      'tasks/prd-tiny/techspec.md': TINY_SPEC,
      'tasks/prd-refunds/prd.md':
        '# PRD: Refunds\n\n## Functional requirements\n\n- **RF-01** Refund an order.\n',
    },
    { links: { 'docs/outside.md': path.join(outside, 'secret.md') } },
  );
}

/** A client connected in-process to a fresh server over the SDK's in-memory transport; log lines are collected. */
export async function connect(root: string): Promise<{ client: Client; logs: string[] }> {
  const logs: string[] = [];
  const server = createMcpServer({ root, log: (line) => logs.push(line) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'techspec-test', version: '1.0.0' });
  await client.connect(clientSide);
  return { client, logs };
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The one text block of an error result. */
export function errorText(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  expect(result.content).toHaveLength(1);
  const [block] = result.content;
  return block?.type === 'text' ? block.text : '';
}

export interface Session {
  root: string;
  client: Client;
  logs: string[];
}

/** A fixture repository and a client connected to it, made before the file's tests and removed after them. */
export function useSession(): Session {
  const session = { logs: [] as string[] } as Session;
  beforeAll(async () => {
    session.root = makeFixture();
    Object.assign(session, await connect(session.root));
  });
  afterAll(async () => {
    await session.client.close();
    removeRepos();
  });
  return session;
}

/** The text of a result's content block. */
export function textOf(result: { content: unknown[] }, index = 0): string {
  const block = result.content[index] as { type: string; text?: string } | undefined;
  return block?.type === 'text' ? (block.text ?? '') : '';
}
