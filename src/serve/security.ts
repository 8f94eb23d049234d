// Who may talk to the server: on a loopback bind, only pages of a loopback origin (no DNS rebinding); with a token,
// only clients holding it, as a bearer header or as the cookie that the one-time login URL sets.
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLoopbackHost, sameSecret, type AttemptLimiter } from '../access.js';
import { errorResponse } from './errors.js';

const SESSION_COOKIE = 'techspec_session';
/**
 * Rejects a request whose Host is not a loopback name (when `loopback`) or whose Origin is not the server's own
 * host: a page on another site, even one whose name resolves to 127.0.0.1, gets 403.
 */
export function hostGuard(loopback: boolean): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const hostname = hostnameOf(host);
    if (hostname === undefined || (loopback && !isLoopbackHost(hostname))) {
      const expected = loopback ? 'localhost or 127.0.0.1' : 'a host name and port';
      return errorResponse(
        c,
        403,
        'FORBIDDEN',
        `Unexpected Host ${JSON.stringify(host)}, expected ${expected}`,
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameHost(origin, host, loopback)) {
      return errorResponse(
        c,
        403,
        'FORBIDDEN',
        `Unexpected Origin ${JSON.stringify(origin)}, expected this server's own origin`,
      );
    }
    await next();
    return undefined;
  };
}

/** The name part of a Host header, or undefined when it is no host at all. */
function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

function sameHost(origin: string, host: string, loopback: boolean): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host === host) return true;
  return loopback && isLoopbackHost(parsed.hostname) && parsed.port === new URL(`http://${host}`).port;
}

export interface Sessions {
  /** Session ids issued by /login in this process; a restart logs everyone out. */
  ids: Set<string>;
  /** Wrong tokens (bearer or login URL) per client address. */
  attempts: AttemptLimiter;
}

/** The address of the client: the socket's, on @hono/node-server; `unknown` in-process (app.request). */
function clientOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** 429 with Retry-After while the client has tried too many wrong tokens; undefined when it may try. */
function tooMany(c: Context, sessions: Sessions): Response | undefined {
  const wait = sessions.attempts.retryAfter(clientOf(c));
  if (wait === undefined) return undefined;
  c.header('Retry-After', String(wait));
  return errorResponse(
    c,
    429,
    'TOO_MANY_REQUESTS',
    `Too many wrong tokens from this address, expected a retry after ${wait} seconds`,
  );
}

/** Requires the token (bearer) or a session cookie, except on the paths given (health checks, the login itself). */
export function tokenGuard(token: string, sessions: Sessions, open: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (open.includes(c.req.path)) {
      await next();
      return undefined;
    }
    const limited = tooMany(c, sessions);
    if (limited) return limited;
    if (authorized(c, token, sessions)) {
      await next();
      return undefined;
    }
    // Only a token that was sent and is wrong counts: a page opened without the cookie is no guess.
    if (c.req.header('authorization') !== undefined) sessions.attempts.failed(clientOf(c));
    c.header('WWW-Authenticate', 'Bearer realm="techspec"');
    return errorResponse(
      c,
      401,
      'UNAUTHORIZED',
      'Missing or wrong token, expected an "Authorization: Bearer <token>" header or the cookie set by the login URL',
    );
  };
}

function authorized(c: Context, token: string, sessions: Sessions): boolean {
  const header = c.req.header('authorization') ?? '';
  // Sliced, not matched: `^Bearer\s+(.+)$` could trade spaces between its two quantifiers.
  const bearer = /^Bearer\s/i.test(header) ? header.slice(7).trim() : undefined;
  if (bearer !== undefined) return sameSecret(bearer, token);
  const session = getCookie(c, SESSION_COOKIE);
  return session !== undefined && sessions.ids.has(session);
}

/** GET /login?token=…: a right token gets an HttpOnly, SameSite=Strict session cookie and goes to the dashboard. */
export function login(c: Context, token: string, sessions: Sessions): Response {
  const limited = tooMany(c, sessions);
  if (limited) return limited;
  const given = c.req.query('token') ?? '';
  if (!sameSecret(given, token)) {
    sessions.attempts.failed(clientOf(c));
    return errorResponse(
      c,
      401,
      'UNAUTHORIZED',
      'Wrong or missing token in the login URL, expected the one printed at start',
    );
  }
  const id = randomBytes(24).toString('base64url');
  sessions.ids.add(id);
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
  return c.redirect('/', 302);
}
