// `techspec mcp [--http --port N --host H --token T]`: serve the MCP server over stdio (default) or Streamable HTTP.
import { statSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../workspace/root.js';
import { InvalidArgumentError, type Command } from 'commander';
import { weakTokenReason } from '../access.js';
import { TechspecError } from '../errors.js';
import { startHttpServer } from '../mcp/http.js';
import { createMcpServer } from '../mcp/server.js';
import { LineTransport } from '../mcp/stdio.js';
import { untilSignal, type CliRun, type Io } from './io.js';

interface McpFlags {
  http?: boolean;
  port: number;
  host: string;
  token?: string;
  root?: string;
  prompts: boolean;
}

export const DEFAULT_MCP_PORT = 3333;

export function register(program: Command, run: CliRun): void {
  program
    .command('mcp')
    .summary('serve the MCP server (tools, resources, prompts) to AI assistants')
    .description(
      'Serve techspec as an MCP server: over stdio (what assistants start), or over Streamable HTTP with --http. ' +
        'Standard output carries only protocol messages; logs go to standard error. Every path a client names ' +
        'must lie inside the project root.',
    )
    .option('--http', 'serve Streamable HTTP at http://<host>:<port>/mcp instead of stdio')
    .option('--port <n>', 'HTTP port (0 picks a free one)', parsePort, DEFAULT_MCP_PORT)
    .option('--host <address>', 'HTTP bind address; any other than loopback needs --token', '127.0.0.1')
    .option('--token <token>', 'HTTP bearer token clients must send (also TECHSPEC_MCP_TOKEN)')
    .option(
      '--root <dir>',
      'the project root (default: the nearest techspec config above the working directory, else the git top level)',
    )
    .option('--no-prompts', 'serve no prompts (Gemini CLI would rename a project command they clash with)')
    .action(async (flags: McpFlags) => {
      const root =
        flags.root === undefined ? findProjectRoot(run.io.cwd).root : path.resolve(run.io.cwd, flags.root);
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
        throw new TechspecError(
          'USAGE',
          `Invalid --root ${JSON.stringify(flags.root ?? '.')}: no such folder, expected the project's folder`,
        );
      }
      run.exitCode = flags.http
        ? await serveHttp(root, flags, run.io)
        : await serveStdio(root, flags, run.io);
    });
}

function logTo(io: Io): (line: string) => void {
  return (line) => {
    io.stderr.write(`${line}\n`);
  };
}

/** Serves until standard input ends (the client closed the connection). */
async function serveStdio(root: string, flags: McpFlags, io: Io): Promise<number> {
  const server = createMcpServer({ root, log: logTo(io), prompts: flags.prompts });
  const transport = new LineTransport(process.stdin, process.stdout);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  await server.connect(transport);
  await closed;
  return 0;
}

/** Serves until SIGINT or SIGTERM. */
async function serveHttp(root: string, flags: McpFlags, io: Io): Promise<number> {
  const token = flags.token ?? (io.env.TECHSPEC_MCP_TOKEN || undefined);
  if (token !== undefined) {
    const weak = weakTokenReason(token, flags.token === undefined ? 'TECHSPEC_MCP_TOKEN' : '--token');
    if (weak !== undefined) throw new TechspecError('USAGE', weak);
  }
  const log = logTo(io);
  const server = await startHttpServer({
    root,
    host: flags.host,
    port: flags.port,
    prompts: flags.prompts,
    ...(token === undefined ? {} : { token }),
    log,
  });
  log(
    `techspec mcp: serving ${root} at ${server.url}${token === undefined ? '' : ' (bearer token required)'}`,
  );
  await untilSignal();
  await server.close();
  return 0;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('Expected a port number, 0 to 65535.');
  return port;
}
