// The `techspec serve` application: a hono app over one repository's state, with its metrics, events and dashboard.
// Tests call `app.request()`; `startServer` (server.ts) puts it on a port.
import { Hono, type Context } from 'hono';
import { routePath } from 'hono/route';
import type { Registry } from 'prom-client';
import { createContextService } from './context.js';
import { errorBody, errorResponse, toHttpError } from './errors.js';
import { createEventHub, type EventHub } from './events.js';
import { defaultIntegrations, type Integrations } from './integrations.js';
import { silentLogger, type Logger } from './logger.js';
import { createMetrics, type ServeMetrics } from './metrics.js';
import { API, registerApiRoutes } from './routes.js';
import { createAttemptLimiter, isLoopbackHost } from '../access.js';
import { hostGuard, login, tokenGuard, type Sessions } from './security.js';
import { createServeState, type ServeState } from './state.js';
import { createLintPool, type LintPool } from '../lint/lint-pool.js';
import { defaultWebDir, loadAssets, NOT_BUILT_PAGE } from './static.js';

export interface ServeAppOptions {
  root: string;
  /** Required for any client: bearer header or the login cookie. Required by the CLI off loopback. */
  token?: string;
  logger?: Logger;
  /** A prom-client registry of the caller's; default a new one per app. */
  registry?: Registry;
  /** The host the server binds: a loopback one (the default, 127.0.0.1) also checks each request's Host header. */
  host?: string;
  /** The built dashboard (default: the package's dist/web). */
  webDir?: string;
  /** Drift and trace providers (default: what this build of techspec has). */
  integrations?: Integrations;
  /**
   * Worker threads that lint POST /api/v0/lint texts (default: one per core; 0 lints on the main thread). Running
   * from sources (no bundled worker), there are none.
   */
  lintThreads?: number;
}

export interface ServeApp {
  app: Hono;
  state: ServeState;
  events: EventHub;
  metrics: ServeMetrics;
  /** The worker threads POST /api/v0/lint lints on (undefined: the main thread). */
  lintPool: LintPool | undefined;
  /** Ends open event streams and the lint workers; the caller closes the HTTP server and the watcher. */
  close(): void;
}

/** Routes that serve the dashboard's files rather than the documented API. */
export const STATIC_ROUTES: readonly string[] = ['/', '/assets/:name'];
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
/** Reachable without the token: health checks and the login itself. */
const OPEN_PATHS = ['/healthz', '/login'];

export function createServeApp(options: ServeAppOptions): ServeApp {
  const logger = options.logger ?? silentLogger();
  const metrics = createMetrics(options.registry);
  const events = createEventHub();
  const state = createServeState({
    root: options.root,
    logger,
    metrics,
    events,
    integrations: options.integrations ?? defaultIntegrations(),
  });
  const context = createContextService(state, metrics);
  const pool = createLintPool(options.lintThreads);
  const streams = new Set<() => void>();
  const sessions: Sessions = { ids: new Set(), attempts: createAttemptLimiter() };
  const assets = loadAssets(options.webDir ?? defaultWebDir());
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // The last matched route pattern keeps the label's values few; a request no route matched ends on `*`.
    const matched = routePath(c as Context, -1);
    const route = matched === '*' || matched === '/*' ? 'unmatched' : matched;
    const labels = { route, method: c.req.method, status: String(c.res.status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    if (logger.isLevelEnabled('debug')) {
      logger.debug({ ...labels, path: c.req.path, ms: Math.round(performance.now() - started) }, 'request');
    }
  });
  app.use('*', async (c, next) => {
    await next();
    // Defence in depth for a page that renders repository text: only its own scripts, styles and connections. Set
    // before the guards run, so that their 403 and 401 answers carry it too.
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  app.use('*', hostGuard(isLoopbackHost(options.host ?? '127.0.0.1')));
  if (options.token !== undefined) app.use('*', tokenGuard(options.token, sessions, OPEN_PATHS));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  app.get('/login', (c) =>
    options.token === undefined ? c.redirect('/', 302) : login(c, options.token, sessions),
  );
  registerApiRoutes(app, { state, metrics, events, context, streams, pool });
  app.get('/', (c) => {
    const page = assets.get('/index.html');
    if (!page) return c.html(NOT_BUILT_PAGE);
    // Revalidated each time: it names the hashed assets of the current build.
    return c.body(page.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': page.type,
      'Cache-Control': 'no-cache',
    });
  });
  app.get('/assets/:name', (c) => {
    const asset = assets.get(`/assets/${c.req.param('name')}`);
    if (!asset)
      return errorResponse(c, 404, 'NOT_FOUND', `No asset ${c.req.path}, expected a file of the dashboard`);
    const cache = asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': asset.type,
      'Cache-Control': cache,
    });
  });

  app.notFound((c) =>
    c.json(
      errorBody(
        'NOT_FOUND',
        `No route ${c.req.method} ${c.req.path}, expected one of those in ${API}/openapi.json`,
      ),
      404,
    ),
  );
  app.onError((error, c) => {
    // A client that went away mid-request (closed tab, slow client cut off) is no server failure: one debug line.
    if (c.req.raw.signal.aborted || isAbort(error)) {
      logger.debug({ path: c.req.path, reason: error.message }, 'request aborted');
      return c.body(null, 400);
    }
    const http = toHttpError(error);
    if (http.status >= 500) logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(errorBody(http.code, http.message), http.status);
  });

  return {
    app,
    state,
    events,
    metrics,
    lintPool: pool,
    close() {
      for (const end of streams) end();
      streams.clear();
      void pool?.close();
    },
  };
}

function isAbort(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return error.name === 'AbortError' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}
