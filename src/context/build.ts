// Builds the relevance index of a repository: lists its files, reuses cached facts, reads and parses the rest.
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { isWithin, outsideNote } from '../confine.js';
import path from 'node:path';
import { listFiles } from '../workspace/listing.js';
import { assembleIndex, updateIndex, type FactsOf } from './assemble.js';
import { MAX_FILE_BYTES, skipByPath } from '../code/classify.js';
import { examineMany, hashBytes, type Examined, type Target } from './extract.js';
import { SKIP_REASONS, type IndexStats, type RelevanceIndex, type SkipReason } from './model.js';
import { defaultThreads, examineInWorkers, workerScript } from './workers.js';
import { loadStored, saveStored, type Stamp, type StoredIndex } from './stored.js';

export interface BuildOptions {
  /** Repository-relative files to index instead of the git (or walked) listing. */
  files?: readonly string[];
  /** Where the cache lives (default `<root>/.techspec/cache`; a relative path is taken from root), or false for none. */
  cacheDir?: string | false;
  /** Called as files are done; the CLI draws a progress bar from it when indexing takes a while. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for reading and parsing; 0 for none. Default: by machine size, when the bundle has the worker. */
  workers?: number;
  /**
   * Where a long-lived process keeps the last index it built for this root: a run whose files all match their stamps
   * answers with it, without reading the stored index again.
   */
  held?: IndexHolder;
}

/** The last index built for one root (and listing), kept between the calls of a long-lived process. */
export interface IndexHolder {
  current?: StoredIndex;
}

export function holdIndex(): IndexHolder {
  return {};
}

export const DEFAULT_CACHE_DIR = '.techspec/cache';
/** A file modified this close to the cache's writing (or later) is compared by content, not by size and mtime. */
const RACY_MS = 2000;

interface Pending {
  file: string;
  size: number;
  mtimeMs: number;
}

/** Indexes the repository at `root`; never throws for its content (bad files are counted in `stats.skipped`). */
export async function buildIndex(root: string, options: BuildOptions = {}): Promise<RelevanceIndex> {
  const started = performance.now();
  const base = path.resolve(root);
  const cacheDir =
    options.cacheDir === false ? undefined : path.resolve(base, options.cacheDir ?? DEFAULT_CACHE_DIR);
  const listed = listing(base, options.files, cacheDir);
  const stats = emptyStats(listed.length);
  // A cache folder inside the repository stays inside it; one the caller puts elsewhere is confined to its own parent.
  const cacheRoot = cacheDir === undefined || isWithin(base, cacheDir) ? base : path.dirname(cacheDir);
  const known = options.held?.current ?? (cacheDir ? loadStored(cacheRoot, cacheDir, base) : undefined);
  const stamps = new Map<string, Stamp>();
  const fresh: FactsOf[] = [];
  let done = 0;
  const progress = (): void => options.onProgress?.(++done, listed.length);
  options.onProgress?.(0, listed.length);
  const skip = (reason: SkipReason): void => {
    stats.skipped[reason]++;
    progress();
  };
  const keep = (file: string, stamp: Stamp): void => {
    stamps.set(file, stamp);
    if (stamp.skip) stats.skipped[stamp.skip]++;
    else stats.indexed++;
    progress();
  };

  const { pending, racy } = triage(base, listed, known, keep, skip);
  stats.fromCache = stats.indexed;
  if (known && pending.length === 0 && stamps.size === known.stamps.size) {
    // Every file matches the stamp the index was built with: the index is the answer, nothing to read or assemble.
    // Files that had to be compared by content are trusted by their stamps from now on.
    const stored = racy > 0 ? { ...known, writtenAt: Date.now() } : known;
    if (cacheDir && racy > 0) saveStored(cacheRoot, cacheDir, stored);
    if (options.held) options.held.current = stored;
    stats.ms = Math.round(performance.now() - started);
    return { ...known.index, root: base, stats };
  }
  const meta = new Map(pending.map((item) => [item.file, item]));
  const onResult = (file: string, { outcome, hash, parsed }: Examined): void => {
    const item = meta.get(file);
    // An unreadable file is tried again next time; anything else read is remembered with its size, mtime and hash.
    if (!item || ('skip' in outcome && outcome.skip === 'unreadable')) {
      skip('unreadable');
      return;
    }
    if (parsed) stats.parsed++;
    const stamp: Stamp = { size: item.size, mtimeMs: item.mtimeMs, hash };
    if ('skip' in outcome) stamp.skip = outcome.skip;
    else fresh.push({ path: file, facts: outcome.facts });
    keep(file, stamp);
  };
  const recent = Date.now() - RACY_MS;
  const targets = pending.map((item) => ({ file: item.file, hash: item.mtimeMs >= recent }));
  const writtenAt = Date.now();
  await examine(base, targets, options.workers, onResult);

  // With an index to start from, only the files that changed are taken out and put in again.
  const assembled = known
    ? updateIndex(base, known, removedFrom(known, stamps), fresh, stats)
    : assembleIndex(base, fresh, stats);
  const stored: StoredIndex = { writtenAt, stamps, ...assembled };
  if (cacheDir) saveStored(cacheRoot, cacheDir, stored);
  if (options.held) options.held.current = stored;
  stats.ms = Math.round(performance.now() - started);
  return assembled.index;
}

/** The files of `known`'s index this run did not keep as they were: gone, changed, or now skipped. */
function removedFrom(known: StoredIndex, stamps: ReadonlyMap<string, Stamp>): Set<string> {
  const removed = new Set<string>();
  for (const file of known.index.files) {
    const now = stamps.get(file.path);
    if (now === undefined || now !== known.stamps.get(file.path)) removed.add(file.path);
  }
  return removed;
}

/** The listed files, repository-relative with `/`, each once, without the cache's own folder. */
function listing(root: string, files: readonly string[] | undefined, cacheDir: string | undefined): string[] {
  const own = [DEFAULT_CACHE_DIR, cacheDir ? path.relative(root, cacheDir).split(path.sep).join('/') : '']
    .filter((dir) => dir !== '' && !dir.startsWith('..'))
    .map((dir) => `${dir}/`);
  const all = (files ?? listFiles(root)).map((file) => file.replace(/\\/g, '/').replace(/^(\.\/)+/, ''));
  return [...new Set(all)].filter((file) => file !== '' && !own.some((dir) => file.startsWith(dir)));
}

function emptyStats(files: number): IndexStats {
  const skipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
  return { files, indexed: 0, skipped, parsed: 0, fromCache: 0, ms: 0 };
}

/**
 * Sorts the listed files: skipped by path or size, kept as `known` stamped them (by size and mtime, or by content hash
 * when the mtime is too close to the stamping to be trusted), or pending a read.
 */
function triage(
  root: string,
  listed: readonly string[],
  known: StoredIndex | undefined,
  keep: (file: string, stamp: Stamp) => void,
  skip: (reason: SkipReason) => void,
): { pending: Pending[]; racy: number } {
  const pending: Pending[] = [];
  let racy = 0;
  for (const file of listed) {
    const byPath = skipByPath(file);
    if (byPath) {
      skip(byPath);
      continue;
    }
    const stat = statFile(root, file);
    if (!stat) skip('unreadable');
    else if (stat.size > MAX_FILE_BYTES) skip('too-large');
    else {
      const stamp = known?.stamps.get(file);
      const same = stamp !== undefined && stamp.size === stat.size && stamp.mtimeMs === stat.mtimeMs;
      const trusted = same && stat.mtimeMs < (known?.writtenAt ?? 0) - RACY_MS;
      if (same && !trusted) racy++;
      if (stamp && (trusted || (same && hashOf(root, file) === stamp.hash))) keep(file, stamp);
      else pending.push({ file, ...stat });
    }
  }
  return { pending, racy };
}

/**
 * Size and mtime of a regular file (symlinks followed while they stay inside the root); undefined for a folder, a
 * loop, a vanished file or a link out of the repository.
 */
function statFile(root: string, file: string): { size: number; mtimeMs: number } | undefined {
  try {
    const abs = path.join(root, file);
    let stat = lstatSync(abs);
    // Only a link needs a second look: where it leads (inside the root or not) and what is there.
    if (stat.isSymbolicLink()) {
      if (outsideNote(root, file) !== undefined) return undefined;
      stat = statSync(abs);
    }
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function hashOf(root: string, file: string): string | undefined {
  try {
    return hashBytes(readFileSync(path.join(root, file)));
  } catch {
    return undefined;
  }
}

async function examine(
  root: string,
  files: readonly Target[],
  workers: number | undefined,
  onResult: (file: string, examined: Examined) => void,
): Promise<void> {
  const script = workerScript();
  const threads = workers ?? defaultThreads(files.length);
  if (script && threads > 0) await examineInWorkers(script, root, files, threads, onResult);
  else await examineMany(root, files, new Map(), onResult);
}
