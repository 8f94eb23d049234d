// Small versioned JSON caches beside the index (history, earlier specs): read and written through confinement.
import path from 'node:path';
import { makeDirsInside, readInside, writeInside } from '../confine.js';

/** Far above any real history or spec set; a bigger file there is not ours. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** Where a cache lives: its folder, and the root its reads and writes are confined to. */
export interface CachePlace {
  dir: string;
  root: string;
}

/** The cached value in `file` when its version and key are the ones asked for and it has the expected shape. */
export function readJsonCache<T>(
  place: CachePlace | undefined,
  file: string,
  at: { version: number; key: string },
  shaped: (value: unknown) => value is T,
): T | undefined {
  if (place === undefined) return undefined;
  try {
    const text = readInside(
      place.root,
      path.join(place.dir, file),
      'cache file',
      MAX_CACHE_BYTES,
    ).bytes.toString('utf8');
    const cached = JSON.parse(text) as { version?: unknown; key?: unknown; value?: unknown };
    const fits = cached.version === at.version && cached.key === at.key && shaped(cached.value);
    return fits ? (cached.value as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` under `version` and `key`; a failure costs the next run its speed-up, nothing else. */
export function writeJsonCache(
  place: CachePlace | undefined,
  file: string,
  version: number,
  key: string,
  value: unknown,
): void {
  if (place === undefined) return;
  try {
    makeDirsInside(place.root, place.dir, 'cache folder');
    writeInside(place.root, path.join(place.dir, file), JSON.stringify({ version, key, value }), {
      argument: 'cache file',
    });
  } catch {
    // Read-only or full disk.
  }
}
