// The lint cache (on by default, `--no-cache` turns it off): a file's result is reused while its bytes, the config, the
// template, the repository's file list, its rule files and techspec's version are all unchanged, so a repeated run
// re-lints nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from './config.js';
import { packageVersion } from '../package-info.js';
import type { Project } from '../workspace/project.js';
import { CACHE_DIR, cacheConfinement, readCacheJson, writeCacheJson } from '../cache-dir.js';
import type { LintResult } from './diagnostic.js';

const FORMAT = 1;

export const DEFAULT_CACHE_FILE = `${CACHE_DIR}/lint.json`;

interface Entry {
  hash: string;
  result: LintResult;
}

interface CacheFile {
  format: number;
  fingerprint: string;
  entries: Record<string, Entry>;
}

export interface LintCache {
  /** The cached result for a file (by absolute path) whose bytes hash to `hash`, if any. */
  get(file: string, hash: string): LintResult | undefined;
  set(file: string, hash: string, result: LintResult): void;
  /** Writes the cache (atomically); entries of files not seen in this run are dropped. */
  save(): void;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** Everything besides a file's own bytes that its result depends on. */
export function fingerprint(config: ResolvedConfig, project: Project | undefined): string {
  const hash = createHash('sha1');
  hash.update(`${FORMAT}\0${packageVersion()}\0${config.template.version}\0`);
  hash.update(config.file && existsSync(config.file) ? readFileSync(config.file) : '');
  hash.update(JSON.stringify(config.rules.map((r) => [r.rule.id, r.severity, r.options])));
  if (project === undefined) return hash.digest('hex');
  hash.update(project.files.join('\n'));
  // Rule files' globs and activation decide standards-compliance-coverage: their contents count too (contents, not
  // stamps, so that a cache restored onto a fresh checkout in CI, where every file is new on disk, still applies).
  for (const file of project.ruleFiles) {
    try {
      hash.update(`\0${file}\0`).update(readFileSync(path.join(project.root, file)));
    } catch {
      hash.update(`\0${file}\0unreadable`);
    }
  }
  return hash.digest('hex');
}

/** Opens the cache at `file`; a missing, unreadable, stale or foreign cache starts empty. */
export function openLintCache(file: string, root: string, print: string): LintCache {
  // Inside the project, the cache is confined to it (a committed `.techspec/cache` link out is never used); a
  // --cache-location outside it is the user's own choice, confined to its folder.
  const confinedTo = cacheConfinement(root, file);
  const previous = readCache(confinedTo, file);
  const old = previous?.format === FORMAT && previous.fingerprint === print ? previous.entries : {};
  const entries: Record<string, Entry> = {};
  // Saving rewrites the whole file: skip it when every file was a hit and none went away.
  let changed = false;
  const key = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
  return {
    get(abs, hash) {
      const entry = old[key(abs)];
      if (entry?.hash !== hash) return undefined;
      entries[key(abs)] = entry;
      return entry.result;
    },
    set(abs, hash, result) {
      const at = key(abs);
      if (entries[at]?.hash === hash && entries[at].result === result) return;
      entries[at] = { hash, result };
      changed = true;
    },
    save() {
      if (!changed && Object.keys(entries).length === Object.keys(old).length && existsSync(file)) return;
      const body = JSON.stringify({ format: FORMAT, fingerprint: print, entries } satisfies CacheFile);
      writeCacheJson(confinedTo, file, body);
    },
  };
}

function readCache(root: string, file: string): CacheFile | undefined {
  const parsed = readCacheJson(root, file) as Partial<CacheFile> | undefined;
  if (typeof parsed?.fingerprint !== 'string' || typeof parsed.entries !== 'object') return undefined;
  return parsed as CacheFile;
}
