// Puts a serve app on a port with @hono/node-server, with its file watcher; closing stops both.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createServeApp, type ServeApp, type ServeAppOptions } from './app.js';
import { silentLogger } from './logger.js';
import { watchRepository, type RepositoryWatcher } from './watcher.js';

export interface StartOptions extends ServeAppOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Refresh on file changes (default true). */
  watch?: boolean;
}

export interface RunningServer extends ServeApp {
  url: string;
  port: number;
  watcher: RepositoryWatcher | undefined;
  /** Stops watching, ends event streams and closes the listening socket. */
  stop(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const served = createServeApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: served.app.fetch, hostname: options.host, port: options.port }, () => {
      resolve(started);
    });
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const logger = options.logger ?? silentLogger();
  const watcher = options.watch === false ? undefined : watchRepository(served.state, { logger });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    ...served,
    url: `http://${host}:${port}/`,
    port,
    watcher,
    stop: async () => {
      watcher?.close();
      served.close();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        // Keep-alive sockets of browsers would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
