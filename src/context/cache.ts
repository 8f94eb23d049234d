// The on-disk index cache: one versioned JSON file of per-file facts, keyed by path, size, mtime and content hash.
import path from 'node:path';
import { makeDirsInside, readInside, writeInside } from '../confine.js';
import type { FileFacts, FileKind, SkipReason } from './model.js';
import { SKIP_REASONS } from './model.js';

/** Bump when extraction changes (tokenizer, queries, patterns): an older cache is then ignored whole. */
export const CACHE_VERSION = 1;
export const CACHE_FILE = 'context-index.json';

/** What a file was when it was last read, and what it gave. */
export interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  result: FileFacts | SkipReason;
}

export interface Cache {
  /** When the cache was written (ms since the epoch): files modified later than that are checked by content. */
  writtenAt: number;
  entries: Map<string, CacheEntry>;
}

/**
 * On disk, every string sits once in `strings` and entries refer to it by position:
 * `[path, size, mtimeMs, hash, skip]` for a skipped file, or
 * `[path, size, mtimeMs, hash, kind, lang, defs[], refs[], imports[], terms[], counts[]]` for an indexed one.
 */
interface CacheFile {
  version: number;
  writtenAt: number;
  strings: string[];
  entries: unknown[][];
}

const KINDS: readonly FileKind[] = ['code', 'prose', 'data'];

export function emptyCache(): Cache {
  return { writtenAt: 0, entries: new Map() };
}

/** Far above any real index; a bigger file there is not ours. */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/**
 * Loads the cache in `dir` (inside `root`); an absent, unreadable, corrupt or older-version cache is an empty one, and
 * so is one reached through a link out of the root.
 */
export function loadCache(root: string, dir: string): Cache {
  try {
    const text = readInside(root, path.join(dir, CACHE_FILE), 'cache file', MAX_CACHE_BYTES).bytes;
    const file = JSON.parse(text.toString('utf8')) as CacheFile;
    if (file.version !== CACHE_VERSION || !Array.isArray(file.strings) || !Array.isArray(file.entries)) {
      return emptyCache();
    }
    const entries = new Map<string, CacheEntry>();
    for (const row of file.entries) {
      const entry = decodeEntry(row, file.strings);
      if (entry) entries.set(entry[0], entry[1]);
    }
    return { writtenAt: typeof file.writtenAt === 'number' ? file.writtenAt : 0, entries };
  } catch {
    return emptyCache();
  }
}

function decodeEntry(row: unknown[], strings: readonly string[]): [string, CacheEntry] | undefined {
  const [file, size, mtimeMs, hash, kindOrSkip, lang, defs, refs, imports, terms, counts] = row;
  if (
    typeof file !== 'string' ||
    typeof size !== 'number' ||
    typeof mtimeMs !== 'number' ||
    typeof hash !== 'string'
  ) {
    return undefined;
  }
  const base = { size, mtimeMs, hash };
  if (typeof kindOrSkip === 'string' && (SKIP_REASONS as readonly string[]).includes(kindOrSkip)) {
    return [file, { ...base, result: kindOrSkip as SkipReason }];
  }
  const kind = KINDS[Number(kindOrSkip)];
  const lookup = (ids: unknown): string[] =>
    Array.isArray(ids) ? ids.map((id) => strings[Number(id)] ?? '') : [];
  if (!kind || !Array.isArray(counts)) return undefined;
  const facts: FileFacts = {
    kind,
    defs: lookup(defs),
    refs: lookup(refs),
    imports: lookup(imports),
    terms: lookup(terms),
    counts: counts.map((count) => Number(count) || 0),
  };
  if (typeof lang === 'number') facts.lang = strings[lang] ?? '';
  return [file, { ...base, result: facts }];
}

/**
 * Writes the cache in `dir` inside `root` (through a temporary file, so a reader never sees half of it; never through a
 * link, never out of the root); failures are ignored.
 */
export function saveCache(
  root: string,
  dir: string,
  entries: ReadonlyMap<string, CacheEntry>,
  writtenAt: number,
): void {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (text: string): number => {
    let known = ids.get(text);
    if (known === undefined) {
      known = strings.push(text) - 1;
      ids.set(text, known);
    }
    return known;
  };
  const rows: unknown[][] = [];
  for (const [file, { size, mtimeMs, hash, result }] of entries) {
    const head = [file, size, mtimeMs, hash];
    if (typeof result === 'string') {
      rows.push([...head, result]);
      continue;
    }
    const lang = result.lang === undefined ? null : id(result.lang);
    const lists = [result.defs, result.refs, result.imports, result.terms].map((list) => list.map(id));
    rows.push([...head, KINDS.indexOf(result.kind), lang, ...lists, result.counts]);
  }
  const body: CacheFile = { version: CACHE_VERSION, writtenAt, strings, entries: rows };
  try {
    makeDirsInside(root, dir, 'cache folder');
    // Like other tools' caches, the folder ignores itself, so `git status` and the next listing never show it.
    writeInside(root, path.join(dir, '.gitignore'), '*\n', { argument: 'cache file' });
    writeInside(root, path.join(dir, CACHE_FILE), JSON.stringify(body), { argument: 'cache file' });
  } catch {
    // A read-only or full disk costs the next run its speed-up, nothing else.
  }
}
