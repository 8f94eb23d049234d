// The REST API under /api/v0: each handler checks its input, asks the state or a service, and returns JSON.
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { MAX_TEXT_BYTES } from '../limits.js';
import type { RuleSource } from '../assistants/rules/model.js';
import type { ContextService } from './context.js';
import { HttpError, errorResponse } from './errors.js';
import type { EventHub } from './events.js';
import { lintPosted } from './lint-text.js';
import type { LintPool } from '../lint/lint-pool.js';
import type { ServeMetrics } from './metrics.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import type { ServeState } from './state.js';

export const API = '/api/v0';
/** POST /api/v0/lint takes at most this many bytes. */
export const MAX_BODY_BYTES = MAX_TEXT_BYTES;
/** Seconds between the comments that keep an idle event stream open through proxies. */
const KEEP_ALIVE_MS = 25_000;

export interface RouteDeps {
  state: ServeState;
  metrics: ServeMetrics;
  events: EventHub;
  context: ContextService;
  /** Ends every open event stream when the app closes. */
  streams: Set<() => void>;
  /** Lint worker threads for POST /api/v0/lint; without, it lints on the main thread. */
  pool?: LintPool | undefined;
}

const lintBody = z.strictObject({ text: z.string(), filename: z.string().min(1).optional() });

export function registerApiRoutes(app: Hono, deps: RouteDeps): void {
  const { state, metrics } = deps;
  app.get(`${API}/openapi.json`, (c) => c.json(OPENAPI_DOCUMENT));
  app.get(`${API}/specs`, async (c) => {
    await state.ready;
    return c.json(state.specs());
  });
  app.get(`${API}/specs/:feature`, async (c) => {
    await state.ready;
    return c.json(state.spec(c.req.param('feature')));
  });
  app.post(
    `${API}/lint`,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          413,
          'PAYLOAD_TOO_LARGE',
          `Body larger than ${MAX_BODY_BYTES} bytes, expected at most 1 MB of Markdown`,
        ),
    }),
    async (c) => {
      await state.ready;
      const { text, filename } = await readLintBody(c.req.header('content-type') ?? '', c.req.raw);
      return c.json(await lintPosted(state, metrics, text, filename, deps.pool));
    },
  );
  app.get(`${API}/context`, async (c) => {
    await state.ready;
    return c.json(await deps.context.answer(contextQuery(c.req.query())));
  });
  app.get(`${API}/rules`, async (c) => {
    await state.ready;
    const scan = state.ruleScan();
    const sources = scan.sources.map(withoutBody);
    return c.json({ sources, problems: scan.problems });
  });
  app.get(`${API}/events`, (c) =>
    streamSSE(c, async (stream) => {
      const done = new Promise<void>((resolve) => {
        deps.streams.add(resolve);
        stream.onAbort(resolve);
      });
      const unsubscribe = deps.events.subscribe((event) => {
        void stream.writeSSE({ event: event.event, data: event.data });
      });
      const timer = setInterval(() => void stream.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      await stream.writeSSE({ event: 'ready', data: String(state.generation()) });
      await done;
      clearInterval(timer);
      unsubscribe();
    }),
  );
}

/** A rule source as `techspec rules --format json` shows it: the body stays in the file. */
function withoutBody(source: RuleSource): Omit<RuleSource, 'body'> {
  const copy: Partial<RuleSource> = { ...source };
  delete copy.body;
  return copy as Omit<RuleSource, 'body'>;
}

/** JSON `{ text, filename? }`, or the Markdown itself as text/markdown or text/plain. */
async function readLintBody(
  type: string,
  request: Request,
): Promise<{ text: string; filename: string | undefined }> {
  const media = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === 'application/json') {
    let raw: unknown;
    try {
      raw = await request.json();
    } catch {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'Invalid JSON body, expected {"text": "<markdown>", "filename": "<path>"}',
      );
    }
    const parsed = lintBody.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.join('.') || 'body';
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `Invalid ${key}: ${issue?.message ?? 'unexpected value'}; expected {"text": string, "filename"?: string}`,
      );
    }
    return { text: parsed.data.text, filename: parsed.data.filename };
  }
  if (['text/markdown', 'text/plain', 'text/x-markdown'].includes(media)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), filename: undefined };
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'Invalid body: not UTF-8, expected UTF-8 Markdown text');
    }
  }
  throw new HttpError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Unexpected Content-Type ${JSON.stringify(type)}, expected application/json, text/markdown or text/plain`,
  );
}

/** `spec` or `text` (exactly one) and an optional `k` from 1 to 100. */
function contextQuery(query: Record<string, string>): { spec?: string; text?: string; k?: number } {
  const known = new Set(['spec', 'text', 'k']);
  const unknown = Object.keys(query).find((key) => !known.has(key));
  if (unknown !== undefined) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `Unexpected query parameter ${JSON.stringify(unknown)}, expected spec, text or k`,
    );
  }
  const { spec, text, k } = query;
  if ((spec === undefined) === (text === undefined) || spec === '' || text === '') {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      'Expected exactly one non-empty query parameter of spec (a feature or spec path) and text',
    );
  }
  if (k !== undefined && !(/^\d{1,3}$/.test(k) && Number(k) >= 1 && Number(k) <= 100)) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `Invalid k ${JSON.stringify(k)}, expected a whole number from 1 to 100`,
    );
  }
  return {
    ...(spec === undefined ? {} : { spec }),
    ...(text === undefined ? {} : { text }),
    ...(k === undefined ? {} : { k: Number(k) }),
  };
}
