// Who may talk to the HTTP server: a loopback bind, or a token; no foreign Origin (DNS rebinding); a local Host header.
import type { IncomingMessage } from 'node:http';
import { TechspecError } from '../errors.js';
import { createAttemptLimiter, isLoopbackHost, sameSecret } from '../access.js';

export interface Guard {
  /** The bind address. */
  host: string;
  token?: string;
}

export interface Refusal {
  status: number;
  /** Seconds a client that tried too many wrong tokens waits (429). */
  retryAfter?: number;
  /** JSON-RPC error code of the body. */
  code: number;
  message: string;
}

/** A bind address other than loopback exposes the server: refuse to start without a token. */
export function checkExposure(guard: Guard): void {
  if (isLoopbackHost(guard.host) || (guard.token !== undefined && guard.token !== '')) return;
  throw new TechspecError(
    'USAGE',
    `--host ${guard.host} is not a loopback address, expected --token <token> or TECHSPEC_MCP_TOKEN so that only ` +
      'clients sending that bearer token are served',
  );
}

/** Why a request is refused, or undefined when it may go on to the MCP transport. */
export function checkHeaders(req: IncomingMessage, guard: Guard, endpoint: string): Refusal | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== endpoint) {
    return { status: 404, code: -32000, message: `Not found: ${url.pathname}, expected ${endpoint}` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackHost(hostnameOf(origin) ?? '')) {
    return {
      status: 403,
      code: -32000,
      message: `Forbidden Origin ${origin}, expected none or a loopback origin`,
    };
  }
  const host = req.headers.host;
  if (isLoopbackHost(guard.host) && !isLoopbackHost(hostnameOf(`http://${host ?? ''}`) ?? '')) {
    return {
      status: 403,
      code: -32000,
      message: `Forbidden Host ${host ?? '(none)'}, expected localhost or a loopback address`,
    };
  }
  if (guard.token !== undefined && !bearerMatches(req.headers.authorization, guard.token)) {
    return {
      status: 401,
      code: -32001,
      message: 'Unauthorized, expected the header Authorization: Bearer <token> with the server token',
    };
  }
  return undefined;
}

function hostnameOf(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

/** The secret is compared in constant time, also when the header is missing or malformed. */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return sameSecret(match?.[1] ?? '', token) && match !== null;
}

/** Wrong bearer tokens per client address: too many in a minute are answered 429 until the window passes. */
export function tokenAttempts(guard: Guard): {
  check(req: IncomingMessage): Refusal | undefined;
  refused(req: IncomingMessage, refusal: Refusal | undefined): void;
} {
  const limiter = createAttemptLimiter();
  const client = (req: IncomingMessage): string => req.socket.remoteAddress ?? 'unknown';
  return {
    check(req) {
      if (guard.token === undefined) return undefined;
      const wait = limiter.retryAfter(client(req));
      if (wait === undefined) return undefined;
      return {
        status: 429,
        code: -32000,
        retryAfter: wait,
        message: `Too many wrong tokens from this address, expected a retry after ${wait} seconds`,
      };
    },
    refused(req, refusal) {
      if (refusal?.status === 401) limiter.failed(client(req));
    },
  };
}
