// HTTP errors of the REST API: one JSON shape, `{ "error": { "code", "message" } }`, and the status for each code.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { TechspecError } from '../errors.js';

export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'TOO_MANY_REQUESTS'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL'
  | TechspecError['code'];

export interface ErrorBody {
  error: { code: string; message: string };
}

/** A failure a handler reports on purpose; anything else thrown becomes a 500. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The status a library error maps to: the client named something missing (404) or invalid (400). */
const TECHSPEC_STATUS: Partial<Record<TechspecError['code'], ContentfulStatusCode>> = {
  NOT_FOUND: 404,
  USAGE: 400,
  PATH_OUTSIDE: 400,
};

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  return c.json(errorBody(code, message), status);
}

/** Turns whatever a handler threw into the JSON error; unexpected ones are logged by the caller, not shown. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof TechspecError) {
    return new HttpError(TECHSPEC_STATUS[error.code] ?? 500, error.code, error.message);
  }
  return new HttpError(500, 'INTERNAL', 'Internal error, expected none: see the server log');
}
