// The dashboard's files (Vite's build in dist/web), read once into memory and served by exact name: no path from a
// request ever reaches the file system.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Uint8Array;
  type: string;
  /** Vite's hashed asset names never change content: cache them for good. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** `dist/web` of the techspec package this module belongs to (run from src/ in tests, from dist/ when built). */
export function defaultWebDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'web');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.basename(dir) === 'dist' && existsSync(path.join(dir, 'web', 'index.html')))
      return path.join(dir, 'web');
  }
  return undefined;
}

/** Every file under `dir` by its URL path (`/index.html`, `/assets/main-1a2b.js`). */
export function loadAssets(dir: string | undefined): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (dir === undefined || !existsSync(dir)) return assets;
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) {
        visit(file);
        continue;
      }
      const url = `/${path.relative(dir, file).split(path.sep).join('/')}`;
      const type = TYPES[path.extname(name)] ?? 'application/octet-stream';
      assets.set(url, { body: readFileSync(file), type, immutable: url.startsWith('/assets/') });
    }
  };
  visit(dir);
  return assets;
}

/** Shown at `/` when the dashboard was not built: the API still works. */
export const NOT_BUILT_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>techspec</title>' +
  '<p>The dashboard is not built: run <code>npm run build</code>. The REST API is at <a href="/api/v0/specs">/api/v0/specs</a>.</p></html>';
