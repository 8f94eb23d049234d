// The Streamable HTTP transport on node:http: guards (Host, Origin, bearer token, body size), then one MCP session per
// client that initializes; a request without a session (a probe such as server/discover) is answered statelessly.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { TechspecError } from '../errors.js';
import { checkExposure, checkHeaders, tokenAttempts, type Guard, type Refusal } from './http-guard.js';
import type { Log } from './results.js';
import { paramsError } from './requests.js';
import { holdWorkspace } from '../workspace/held.js';
import { createMcpServer } from './server.js';

export interface HttpServerOptions {
  root: string;
  /** Serve the prompts (default true); see McpServerOptions.prompts. */
  prompts?: boolean;
  /** Bind address (default 127.0.0.1). Any other than a loopback address needs a token. */
  host?: string;
  /** Port; 0 picks a free one. */
  port: number;
  /** Clients must send `Authorization: Bearer <token>` when set. */
  token?: string;
  log: Log;
  /** Open sessions kept at most; the oldest is closed when a new one would pass the limit (default 100). */
  maxSessions?: number;
}

export interface RunningHttpServer {
  /** The endpoint clients connect to, e.g. http://127.0.0.1:3333/mcp. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MCP_PATH = '/mcp';
/** Largest request body read: far above the 1 MiB text argument limit, which the tools then answer with isError. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

interface Session {
  transport: StreamableHTTPServerTransport;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. Throws TechspecError('USAGE') for an exposed host without a token. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const guard: Guard = { host, ...(options.token === undefined ? {} : { token: options.token }) };
  checkExposure(guard);
  const sessions = new Map<string, Session>();
  const workspace = holdWorkspace(options.root);
  const limit = options.maxSessions ?? 100;
  const attempts = tokenAttempts(guard);

  const open = (stateful: boolean): Session => {
    const server = createMcpServer({
      root: options.root,
      log: options.log,
      workspace,
      ...(options.prompts === false ? { prompts: false } : {}),
    });
    const transport = new StreamableHTTPServerTransport({
      ...(stateful ? { sessionIdGenerator: () => randomUUID() } : {}),
      enableJsonResponse: true,
      onsessioninitialized: (id) => {
        for (const [oldest, session] of sessions) {
          if (sessions.size < limit) break;
          sessions.delete(oldest);
          void session.close();
        }
        sessions.set(id, session);
      },
      onsessionclosed: (id) => {
        sessions.delete(id);
      },
    });
    const session: Session = { transport, close: () => server.close() };
    transport.onerror = (error) => {
      options.log(`techspec mcp: ${error.message}`);
    };
    void server.connect(transport);
    return session;
  };

  /** The session a request belongs to: its Mcp-Session-Id's, a new one for initialize, else a throwaway one. */
  const sessionFor = (req: IncomingMessage, json: unknown, res: ServerResponse): Session | Refusal => {
    const id = header(req, 'mcp-session-id');
    if (id !== undefined) {
      return (
        sessions.get(id) ?? {
          status: 404,
          code: -32001,
          message: 'Session not found, expected a live Mcp-Session-Id: initialize again',
        }
      );
    }
    if (req.method !== 'POST') {
      const message = `${req.method ?? ''} without Mcp-Session-Id, expected a session`;
      return { status: 400, code: ErrorCode.InvalidRequest, message };
    }
    const initializing = Array.isArray(json) ? json.some(isInitializeRequest) : isInitializeRequest(json);
    const session = open(initializing);
    // One request, one throwaway server: probes and session-less clients get real answers (-32601 included). A
    // failed initialize leaves no session behind either.
    res.on('close', () => {
      const opened = session.transport.sessionId;
      if (opened === undefined || !sessions.has(opened)) void session.close();
    });
    return session;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refused = attempts.check(req) ?? checkHeaders(req, guard, MCP_PATH);
    attempts.refused(req, refused);
    if (refused && refused.status !== 404) {
      // The path only: a query may carry a secret (`?token=`), and logs are read by more people than the token is.
      options.log(`techspec mcp: refused ${req.method ?? ''} ${pathOf(req.url)}: ${refused.message}`);
    }
    const body = refused ?? (req.method === 'POST' ? await readBody(req) : { json: undefined });
    const invalid = 'json' in body ? paramsError(body.json) : undefined;
    if (invalid) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: invalid.id,
          error: { code: invalid.code, message: invalid.message },
        }),
      );
      return;
    }
    const target = 'status' in body ? body : sessionFor(req, body.json, res);
    if ('status' in target) {
      reply(res, target);
      return;
    }
    await target.transport.handleRequest(req, res, 'json' in body ? body.json : undefined);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`techspec mcp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) {
        reply(res, {
          status: 500,
          code: ErrorCode.InternalError,
          message: 'Internal error, see the server log',
        });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException): void => {
      const code = error.code ?? error.message;
      reject(
        new TechspecError(
          'USAGE',
          `Cannot listen on ${host}:${options.port} (${code}), expected a free port and a local address`,
        ),
      );
    };
    http.once('error', failed);
    http.listen(options.port, host, () => {
      http.off('error', failed);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${MCP_PATH}`,
    port,
    close: async () => {
      await Promise.all([...sessions.values()].map((session) => session.close()));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => {
        http.close(() => {
          resolve();
        });
      });
    },
  };
}

type Body = { json: unknown } | Refusal;

async function readBody(req: IncomingMessage): Promise<Body> {
  const tooLarge = {
    status: 413,
    code: ErrorCode.InvalidRequest,
    message: `Request body over ${MAX_BODY_BYTES} bytes, expected less`,
  };
  if (Number(header(req, 'content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // A chunked body over the limit: stop storing it, read on so that the answer reaches the client.
    if (bytes <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (bytes > MAX_BODY_BYTES) return tooLarge;
  try {
    return { json: JSON.parse(Buffer.concat(chunks, bytes).toString('utf8')) };
  } catch (error) {
    return {
      status: 400,
      code: ErrorCode.ParseError,
      message: `Parse error: ${(error as Error).message}, expected a JSON-RPC message`,
    };
  }
}

function pathOf(url: string | undefined): string {
  const at = (url ?? '').search(/[?#]/);
  return at === -1 ? (url ?? '') : `${(url ?? '').slice(0, at)}?…`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, { status, code, message, retryAfter }: Refusal): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  // A body left unread (413) must not be taken for the next request on a kept-alive connection.
  if (status === 413) headers.connection = 'close';
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="techspec"';
  res.writeHead(status, headers).end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }));
}
