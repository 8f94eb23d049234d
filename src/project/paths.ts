// Answers path questions over a repository's file list fast enough for 50k files: files, folders, globs, suffixes, nearest names.
import { globMatcher } from './glob.js';
import { cutAtMarker, trimEnd } from '../spec/text.js';

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

const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
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
      const isMatch = globMatcher(pattern, { dot: true, basename: !slash });
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

/** Levenshtein distance, giving up (returning `max + 1`) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  return bandedDistance(a, b, max, new Uint32Array(b.length + 1), new Uint32Array(b.length + 1));
}

/** Fills only the band |i - j| ≤ max, in two caller-owned rows, so that scanning many names allocates nothing. */
function bandedDistance(a: string, b: string, max: number, rowA: Uint32Array, rowB: Uint32Array): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const band = Math.min(max, Math.max(a.length, b.length));
  const big = band + 1;
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j <= band ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    current[0] = i <= band ? i : big;
    if (from > 1) current[from - 1] = big;
    if (to < b.length) current[to + 1] = big;
    let rowMin = i <= band ? i : big;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? big) + 1,
        (current[j - 1] ?? big) + 1,
        (previous[j - 1] ?? big) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > band) return max + 1;
    [previous, current] = [current, previous];
  }
  const result = previous[b.length] ?? big;
  return result > band ? max + 1 : result;
}

export function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** `a/b.test.ts` → `ts`; '' when the name has no extension (dot files included). */
export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
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

/** A path as a document writes it, cleaned into repository style. */
export interface WrittenPath {
  /** `/` separators; no line suffix (`:10-20`, `#L5`), no leading `./` or `/`; a folder keeps its trailing `/`. */
  path: string;
  /** Written from a filesystem root (`/home/…`, `file:///…`, `/src/…`) rather than relative. */
  absolute: boolean;
}

const KNOWN_EXTENSIONS = new Set(
  (
    'ts tsx js jsx mjs cjs json jsonc json5 md mdc mdx go py rb rs java kt kts swift m mm h c cc cpp hpp cs fs vb php ' +
    'sql yml yaml toml ini cfg conf env xml html htm css scss sass less vue svelte astro sh bash zsh ps1 bat cmd txt ' +
    'csv tsv proto graphql gql prisma tf tfvars hcl gradle properties lock mod sum sln csproj fsproj plist xcconfig ' +
    'pbxproj storyboard xib dart ex exs erl hrl hs ml scala clj lua r jl pl ipynb png jpg jpeg gif svg ico webp pdf pem ' +
    'key crt tpl tmpl hbs ejs pug j2 rst adoc example sample template dist local http rest snap feature tsbuildinfo'
  ).split(' '),
);
const EXTENSIONLESS =
  /^(Dockerfile|Containerfile|Makefile|Procfile|Gemfile|Rakefile|Jenkinsfile|Vagrantfile|Brewfile|Justfile|LICENSE|CODEOWNERS)$/;
// Extensionless dot files: `.env`, `.gitignore`, `.nvmrc`, `.clinerules`, `.python-version` (not `.groups`, a member).
const DOT_FILE = /^\.(?:env|[\w-]*(?:rc|ignore|rules|config|attributes|modules|keep|version|versions))$/i;
// Library names that look like file names in prose.
const SCRIPT_LIBRARIES =
  /^(node|next|nuxt|vue|react|express|nest|three|d3|chart|ember|angular|alpine|solid|socket)\.js$/i;

/**
 * Reads what a document wrote as a path: inline code, a link target or a bare word of prose. Undefined when it does
 * not look like a path: it has spaces, is a URL or an import alias (`@/x`), or has neither a `/` nor a file's name
 * (a bare word of prose also needs a known extension or a trailing `/`).
 */
export function readWrittenPath(value: string, from: 'code' | 'link' | 'text'): WrittenPath | undefined {
  let text = value.trim().replace(/\\/g, '/');
  if (from === 'link') {
    if (/^(https?|mailto|tel):|^#/i.test(text)) return undefined;
    text = cutAtMarker(safeDecode(text.replace(/^file:\/\//i, '')), '#');
  }
  text = withoutSpacesInBraces(text)
    .replace(/(?:#L\d+(?:C\d+)?(?:-L?\d+(?:C\d+)?)?|(?::\d+(?:[-–:]\d+)*))$/, '')
    .replace(/\/(?:\.\.\.|…)(?=\/|$)/g, '/**');
  if (text.startsWith('@/') || text.startsWith('~') || text.includes('://') || /\s/.test(text))
    return undefined;
  // A package, not a path: `@scope/name`, `github.com/org/module/v2`.
  if (
    /^@[^/]+\/[^/.]+$/.test(text) ||
    /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|io|net|dev|in|co)\//i.test(text)
  ) {
    return undefined;
  }
  const path = text.replace(/^\/+/, '').replace(/^(\.\/)+/, '');
  return looksLikePath(path, from) ? { path, absolute: text.startsWith('/') } : undefined;
}

function looksLikePath(path: string, from: 'code' | 'link' | 'text'): boolean {
  if (!/^[\p{L}\p{N}_.@/*?{},[\]~+$=%!-]+$/u.test(path) || !/\p{L}/u.test(path)) return false;
  if (/^(application|text|image|audio|video|multipart)\/[\w.+-]+$/.test(path)) return false;
  if (path.split('/').every((segment) => /^[A-Z]+$/.test(segment))) return false;
  const named = isFileName(basename(trimEnd(path, '/')));
  if (from === 'text') return named || path.endsWith('/');
  return named || path.includes('/');
}

/** A known extension, a dot file, or a conventional name such as `Dockerfile`. */
export function isFileName(name: string): boolean {
  if (EXTENSIONLESS.test(name) || DOT_FILE.test(name)) return true;
  return KNOWN_EXTENSIONS.has(extension(name)) && !SCRIPT_LIBRARIES.test(name);
}

/** Resolves `.` and `..` segments; undefined when the path climbs above its root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** `{a, b}` → `{a,b}` in each brace group, in one walk (the regex `\{[^}]*\}` rescanned from every unclosed `{`). */
function withoutSpacesInBraces(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('{', from);
    if (open === -1) break;
    const close = text.indexOf('}', open);
    if (close === -1) break;
    out += text.slice(from, open) + text.slice(open, close + 1).replace(/\s+/g, '');
    from = close + 1;
  }
  return out + text.slice(from);
}
