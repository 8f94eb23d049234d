// Who may connect, as both HTTP surfaces (the dashboard and the MCP server) decide it: loopback hosts, and a shared
// secret compared in constant time. No HTTP library here, so that the MCP server does not load the dashboard's.
import { timingSafeEqual } from 'node:crypto';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // Compare equal-length buffers always, so that the time does not tell the length either.
  const padded = Buffer.alloc(b.length);
  a.copy(padded);
  return timingSafeEqual(padded, b) && a.length === b.length;
}

/** The shortest secret either server accepts: an empty or short token is as good as none. */
export const MIN_TOKEN_BYTES = 16;

/**
 * Undefined when `token` (from `source`, e.g. `--token` or TECHSPEC_TOKEN) is long enough, else the one-line reason.
 * `--token "$TOKEN"` with TOKEN unset gives '', which must not start a server that `/login?token=` opens to anyone.
 */
export function weakTokenReason(token: string, source: string): string | undefined {
  const bytes = Buffer.byteLength(token);
  if (bytes >= MIN_TOKEN_BYTES) return undefined;
  const got = bytes === 0 ? 'an empty token' : `a token of ${bytes} bytes`;
  return `Refusing ${got} from ${source}, expected a secret of at least ${MIN_TOKEN_BYTES} bytes (e.g. openssl rand -hex 16)`;
}

export interface AttemptLimiter {
  /** Seconds until `client` may try again, or undefined when it may try now. */
  retryAfter(client: string, now?: number): number | undefined;
  /** Records a failed attempt (a wrong token) of `client`. */
  failed(client: string, now?: number): void;
}

/** Clients remembered at most: past that, the one whose last failure is oldest is forgotten. */
const MAX_CLIENTS = 10_000;

/**
 * Failed token attempts per client address: after `max` failures within `windowMs`, the client waits until the
 * oldest of them leaves the window. Right tokens are never counted, so a user who typed one wrong URL is not locked.
 */
export function createAttemptLimiter(max = 10, windowMs = 60_000): AttemptLimiter {
  const failures = new Map<string, number[]>();
  const recent = (client: string, now: number): number[] => {
    const kept = (failures.get(client) ?? []).filter((at) => now - at < windowMs);
    if (kept.length === 0) failures.delete(client);
    else failures.set(client, kept);
    return kept;
  };
  return {
    retryAfter(client, now = Date.now()) {
      const kept = recent(client, now);
      if (kept.length < max) return undefined;
      return Math.max(1, Math.ceil(((kept[0] ?? now) + windowMs - now) / 1000));
    },
    failed(client, now = Date.now()) {
      const kept = recent(client, now);
      failures.delete(client);
      failures.set(client, [...kept, now]);
      if (failures.size > MAX_CLIENTS) {
        const oldest = failures.keys().next().value;
        if (oldest !== undefined) failures.delete(oldest);
      }
    },
  };
}
