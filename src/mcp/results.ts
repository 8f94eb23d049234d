// How the MCP surface answers: structured content with the same JSON as text, and failures that name the culprit.
import { ErrorCode, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TechspecError } from '../errors.js';
import { ISSUES_URL } from '../issues.js';
import { relativeInside } from '../confine.js';
import { MAX_TEXT_BYTES } from '../limits.js';
import type { Workspace } from '../workspace/workspace.js';

/** Where the server writes its log lines: standard error, never standard output (that is the protocol's). */
export type Log = (line: string) => void;

/** What every tool, resource and prompt of one server shares. */
export interface ServerEnv {
  /** Absolute project root: every path argument must resolve inside it. */
  root: string;
  version: string;
  log: Log;
  /** The project (config, files, rule files, parses), kept between calls and refreshed when it changed on disk. */
  workspace: () => Workspace;
  /** Resolves once change notices already due have arrived; awaited before each tool, resource and prompt runs. */
  settled?: () => Promise<void>;
}

/** A tool's answer: the object as structured content, and as text the JSON the CLI prints for the same question. */
export function answer(
  structured: Record<string, unknown>,
  text?: string,
  notes: string[] = [],
): CallToolResult {
  const json = text ?? `${JSON.stringify(structured, null, 2)}\n`;
  return {
    structuredContent: structured,
    content: [{ type: 'text', text: json }, ...notes.map((note) => ({ type: 'text' as const, text: note }))],
  };
}

export function failure(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/**
 * Runs a tool handler so that nothing it throws ends the session: a TechspecError (bad argument, missing file,
 * bad config) becomes an `isError` result with its one-line message; anything else is a bug, logged with its stack.
 */
export function guard<A>(
  tool: string,
  env: ServerEnv,
  handler: (args: A) => Promise<CallToolResult> | CallToolResult,
): (args: A) => Promise<CallToolResult> {
  return async (args) => {
    try {
      await env.settled?.();
      return await handler(args);
    } catch (error) {
      return failure(explain(tool, env, error));
    }
  };
}

/**
 * A JSON-RPC error the SDK sends as is: its numeric `code` and plain message (McpError would prefix the message with
 * "MCP error -32602:", and the client prefixes it once more).
 */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** The same for resources and prompts, whose failures are protocol errors: -32602 with the one-line message. */
export async function protocolGuard<T>(what: string, env: ServerEnv, run: () => Promise<T> | T): Promise<T> {
  try {
    await env.settled?.();
    return await run();
  } catch (error) {
    throw new ProtocolError(ErrorCode.InvalidParams, explain(what, env, error));
  }
}

function explain(what: string, env: ServerEnv, error: unknown): string {
  if (error instanceof TechspecError) {
    const file = error.file ? `${shown(env.root, error.file)}: ` : '';
    return `${file}${error.message}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  env.log(`techspec mcp: ${what}: ${error instanceof Error && error.stack ? error.stack : message}`);
  return `Unexpected error in ${what}: ${message.split('\n')[0] ?? ''} — this is a bug, please report it at ${ISSUES_URL}`;
}

function shown(root: string, file: string): string {
  return relativeInside(root, file) ?? file;
}

/** Refuses a text argument above MAX_TEXT_BYTES, naming the argument. */
export function checkTextSize(text: string, argument: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEXT_BYTES) {
    throw new TechspecError(
      'USAGE',
      `Invalid ${argument}: ${bytes} bytes, expected at most ${MAX_TEXT_BYTES} bytes (1 MiB)`,
    );
  }
  return text;
}

/** Exactly one of the named arguments must be given; returns its name. */
export function oneOf<K extends string>(args: Partial<Record<K, unknown>>, names: readonly K[]): K {
  const given = names.filter((name) => args[name] !== undefined);
  const [first] = given;
  if (given.length === 1 && first !== undefined) return first;
  const list = names.join(', ');
  throw new TechspecError(
    'USAGE',
    given.length === 0
      ? `No input given, expected exactly one of: ${list}`
      : `Both ${given.join(' and ')} given, expected exactly one of: ${list}`,
  );
}
