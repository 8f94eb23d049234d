// The lint cache (`--cache`): a file's result is reused while its bytes, the config, the template, the
// repository's file list and techspec's version are all unchanged, so a repeated run re-lints nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from './config.js';
import { packageVersion } from '../package-info.js';
import type { Project } from '../workspace/project.js';
import { isWithin, makeDirsInside, readInside, writeInside } from '../confine.js';
import type { LintResult } from './diagnostic.js';

const FORMAT = 1;

export const DEFAULT_CACHE_FILE = '.techspec/cache/lint.json';

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
  // Rule files' globs and activation decide standards-compliance-coverage: their contents count too.
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
  const confinedTo = isWithin(root, file) ? root : path.dirname(file);
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
      const dir = path.dirname(file);
      makeDirsInside(confinedTo, dir, 'cache folder');
      // A cache folder of its own keeps itself out of git without touching the user's .gitignore.
      const ignore = path.join(dir, '.gitignore');
      if (path.basename(dir) === 'cache' && !existsSync(ignore)) {
        writeInside(confinedTo, ignore, '*\n', { argument: 'cache file' });
      }
      const body = JSON.stringify({ format: FORMAT, fingerprint: print, entries } satisfies CacheFile);
      writeInside(confinedTo, file, body, { argument: 'cache file' });
    },
  };
}

/** Far above any real cache; a bigger file there is not ours. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

function readCache(root: string, file: string): CacheFile | undefined {
  try {
    const text = readInside(root, file, 'cache file', MAX_CACHE_BYTES).bytes.toString('utf8');
    const parsed = JSON.parse(text) as Partial<CacheFile>;
    if (typeof parsed.fingerprint !== 'string' || typeof parsed.entries !== 'object') return undefined;
    return parsed as CacheFile;
  } catch {
    return undefined;
  }
}
