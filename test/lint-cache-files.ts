// A lint cache file as the tests read it: every cached diagnostic marked, so that a reused result tells itself apart.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CACHE = '.techspec/cache/lint.json';

/** Marks every cached diagnostic of the cache at `root` with the message `FROM CACHE`. */
export function tamper(root: string): void {
  const file = path.join(root, CACHE);
  const cache = JSON.parse(readFileSync(file, 'utf8')) as {
    entries: Record<string, { result: { diagnostics: { message: string }[] } }>;
  };
  for (const entry of Object.values(cache.entries))
    for (const d of entry.result.diagnostics) d.message = 'FROM CACHE';
  writeFileSync(file, JSON.stringify(cache));
}
