// Small versioned JSON caches beside the index (history, earlier specs), through the cache folder's reads and writes.
import path from 'node:path';
import { readCacheJson, writeCacheJson } from '../cache-dir.js';

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
  const cached = readCacheJson(place.root, path.join(place.dir, file)) as
    { version?: unknown; key?: unknown; value?: unknown } | null | undefined;
  if (typeof cached !== 'object' || cached === null) return undefined;
  const fits = cached.version === at.version && cached.key === at.key && shaped(cached.value);
  return fits ? (cached.value as T) : undefined;
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
    writeCacheJson(place.root, path.join(place.dir, file), JSON.stringify({ version, key, value }));
  } catch {
    // Read-only or full disk.
  }
}
