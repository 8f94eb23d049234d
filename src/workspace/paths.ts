// Answers path questions over a repository's file list fast enough for 50k files: files, folders, globs, suffixes, nearest names.
import { bandedDistance, basename, extension, isGlob } from '../text/paths.js';
import { safeGlob } from '../text/glob.js';
import { trimEnd } from '../text/scan.js';

export interface PathIndex {
  hasFile(file: string): boolean;
  /** True when some file lies under `dir` (with or without a trailing `/`). */
  hasDir(dir: string): boolean;
  /** Files matching a glob, dot files included; a pattern without `/` matches basenames at any depth. */
  glob(pattern: string): string[];
  /** Files equal to `tail` or ending with `/tail`. */
  withSuffix(tail: string): string[];
  /** Folders equal to `tail` or ending with `/tail` (no trailing `/`). */
  dirsWithSuffix(tail: string): string[];
  /** The existing file (or folder, for a path ending in `/`) most like `wanted`, if any is close. */
  closest(wanted: string): string | undefined;
}

export function createPathIndex(input: readonly string[]): PathIndex {
  const files = isSorted(input) ? input : [...input].sort();
  const fileSet = new Set(files);
  const byBase = groupBy(files, basename);
  // Built on first use: most runs never ask about folders or near misses.
  let dirs: Map<string, string[]> | undefined;
  let dirNames: NameBuckets | undefined;
  let fileNames: Map<string, NameBuckets> | undefined;
  const dirIndex = (): Map<string, string[]> => (dirs ??= groupBy(allDirs(files), basename));
  const dirBuckets = (): NameBuckets => (dirNames ??= bucketByLength(dirIndex().keys()));
  const fileBuckets = (ext: string): NameBuckets => {
    fileNames ??= new Map<string, NameBuckets>(
      [...groupBy(byBase.keys(), extension)].map(([key, names]) => [key, bucketByLength(names)]),
    );
    return fileNames.get(ext) ?? new Map<number, { names: string[]; masks: number[] }>();
  };
  const answers = new Map<string, string | undefined>();

  const under = (prefix: string): string[] => {
    if (prefix === '') return [...files];
    const out: string[] = [];
    for (let i = lowerBound(files, prefix); i < files.length && (files[i] ?? '').startsWith(prefix); i++) {
      out.push(files[i] ?? '');
    }
    return out;
  };
  const hasDir = (dir: string): boolean => {
    const prefix = `${trimEnd(dir, '/')}/`;
    if (prefix === '/') return files.length > 0;
    return (files[lowerBound(files, prefix)] ?? '').startsWith(prefix);
  };
  const closestDir = (dir: string): string | undefined => {
    const found = closestIn(trimEnd(dir, '/'), dirIndex(), dirBuckets());
    return found === undefined ? undefined : `${found}/`;
  };
  /** Near misses are looked for beside the wanted path first (its nearest existing folder), then everywhere. */
  const closestPath = (wanted: string): string | undefined => {
    if (wanted.endsWith('/')) return closestDir(wanted);
    const ext = extension(basename(wanted));
    const folder = nearestFolder(wanted, hasDir);
    const nearby = folder === undefined ? [] : under(`${folder}/`).slice(0, NEARBY_LIMIT).map(basename);
    const local = closestIn(wanted, byBase, bucketByLength(nearby.filter((name) => extension(name) === ext)));
    const file = local ?? closestIn(wanted, byBase, fileBuckets(ext));
    return file ?? (ext === '' ? closestDir(wanted) : undefined);
  };
  return {
    hasFile: (file) => fileSet.has(file),
    hasDir,
    glob(pattern) {
      const slash = pattern.includes('/');
      const isMatch = safeGlob(pattern, { dot: true, basename: !slash });
      return under(slash ? staticPrefix(pattern) : '').filter((file) => isMatch(file));
    },
    withSuffix: (tail) =>
      (byBase.get(basename(tail)) ?? []).filter((f) => f === tail || f.endsWith(`/${tail}`)),
    dirsWithSuffix(tail) {
      const clean = trimEnd(tail, '/');
      return (dirIndex().get(basename(clean)) ?? []).filter((d) => d === clean || d.endsWith(`/${clean}`));
    },
    closest(wanted) {
      if (!answers.has(wanted)) answers.set(wanted, closestPath(wanted));
      return answers.get(wanted);
    },
  };
}

/** Names by length, each with a 32-bit set of the characters it holds (for a cheap lower bound on distance). */
type NameBuckets = Map<number, { names: string[]; masks: number[] }>;

const NEARBY_LIMIT = 5_000;

/** Same name elsewhere first; else the nearest name within a small edit distance (ties: alphabetical). */
function closestIn(wanted: string, byName: Map<string, string[]>, buckets: NameBuckets): string | undefined {
  const name = basename(wanted);
  const exact = byName.get(name);
  if (exact) return bestPlaced(wanted, exact);
  const limit = Math.max(1, Math.floor(name.length / 4));
  const mask = charMask(name);
  const rows = [new Uint32Array(name.length + limit + 1), new Uint32Array(name.length + limit + 1)] as const;
  let best: { distance: number; name: string } | undefined;
  for (let length = name.length - limit; length <= name.length + limit; length++) {
    const bucket = buckets.get(length);
    if (!bucket) continue;
    bucket.names.forEach((candidate, i) => {
      // Each edit changes at most two characters of the set, so a larger difference cannot be within the limit.
      if (popCount(mask ^ (bucket.masks[i] ?? 0)) > 2 * limit) return;
      const distance = bandedDistance(name, candidate, limit, rows[0], rows[1]);
      if (distance > limit) return;
      if (!best || distance < best.distance || (distance === best.distance && candidate < best.name)) {
        best = { distance, name: candidate };
      }
    });
  }
  return best ? bestPlaced(wanted, byName.get(best.name) ?? []) : undefined;
}

function bucketByLength(names: Iterable<string>): NameBuckets {
  const out: NameBuckets = new Map();
  for (const name of new Set(names)) {
    let bucket = out.get(name.length);
    if (!bucket) out.set(name.length, (bucket = { names: [], masks: [] }));
    bucket.names.push(name);
    bucket.masks.push(charMask(name));
  }
  return out;
}

function charMask(name: string): number {
  let mask = 0;
  for (let i = 0; i < name.length; i++) mask |= 1 << (name.charCodeAt(i) % 32);
  return mask;
}

function popCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The deepest folder above `wanted` that holds files, if any besides the root. */
function nearestFolder(wanted: string, hasDir: (dir: string) => boolean): string | undefined {
  const segments = wanted.split('/').slice(0, -1);
  for (let depth = segments.length; depth > 0; depth--) {
    const folder = segments.slice(0, depth).join('/');
    if (hasDir(folder)) return folder;
  }
  return undefined;
}

/** Among same-named paths, the one sharing most folders with the wanted path, then the shortest. */
function bestPlaced(wanted: string, candidates: readonly string[]): string | undefined {
  const wantedDirs = new Set(wanted.split('/').slice(0, -1));
  const shared = (p: string): number => p.split('/').filter((segment) => wantedDirs.has(segment)).length;
  return [...candidates].sort((a, b) => shared(b) - shared(a) || a.length - b.length || (a < b ? -1 : 1))[0];
}

/** The folders of a glob before its first segment with a glob character, with a trailing `/`. */
function staticPrefix(pattern: string): string {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => isGlob(segment));
  const fixed = segments.slice(0, firstGlob < 0 ? segments.length - 1 : firstGlob);
  return fixed.length === 0 ? '' : `${fixed.join('/')}/`;
}

function allDirs(files: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of files) {
    for (let at = file.indexOf('/'); at >= 0; at = file.indexOf('/', at + 1)) out.add(file.slice(0, at));
  }
  return [...out];
}

function groupBy(items: Iterable<string>, key: (item: string) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function isSorted(items: readonly string[]): boolean {
  for (let i = 1; i < items.length; i++) if ((items[i - 1] ?? '') > (items[i] ?? '')) return false;
  return true;
}
