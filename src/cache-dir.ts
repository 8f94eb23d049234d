// The cache folder (`.techspec/cache` by default): JSON files that make a repeated run cheaper, written atomically
// and confined like every other write; a folder of its own, with a `.gitignore` of `*`, keeps it out of git.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isWithin, makeDirsInside, readInside, writeInside } from './confine.js';

/** Where techspec keeps its caches, relative to the project root. */
export const CACHE_DIR = '.techspec/cache';

/** Far above any real cache; a bigger file there is not ours. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** The folder `file` is confined to: the project when the file is inside it, else the file's own folder. */
export function cacheConfinement(root: string, file: string): string {
  return isWithin(root, file) ? root : path.dirname(file);
}

/** The parsed JSON of a cache file, or undefined when it is missing, unreadable, too big or not JSON. */
export function readCacheJson(confinedTo: string, file: string): unknown {
  try {
    return JSON.parse(readInside(confinedTo, file, 'cache file', MAX_CACHE_BYTES).bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file (atomically), making its folder and, when that folder is a `cache` folder without one, the
 * folder's `.gitignore` (never over a `.gitignore` already there).
 */
export function writeCacheFile(confinedTo: string, file: string, body: string | Uint8Array): void {
  const dir = path.dirname(file);
  makeDirsInside(confinedTo, dir, 'cache folder');
  const ignore = path.join(dir, '.gitignore');
  if (path.basename(dir) === 'cache' && !existsSync(ignore)) {
    writeInside(confinedTo, ignore, '*\n', { argument: 'cache file' });
  }
  writeInside(confinedTo, file, body, { argument: 'cache file' });
}

/** Writes a JSON cache file: `writeCacheFile` with the JSON text. */
export const writeCacheJson: (confinedTo: string, file: string, body: string) => void = writeCacheFile;
