// Paths as text: what a document wrote as a path, the paths a text names, names and extensions, edit distance.
import { cutAtMarker, trimEnd } from './scan.js';

/** Runs of path characters with at least one inner slash: `internal/card/`, ./src/a.ts, Domain/Entities/User.swift. */
const PATH_LIKE = /(?:^|[\s`'"(<[])((?:\.{1,2}\/|\/)?[\w@.-]+(?:\/[\w@.*-]+)+\/?)/g;

/** The repository paths a text names, normalised (no `./`, leading or trailing `/`, nor glob tails), each once. */
export function pathMentions(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PATH_LIKE)) {
    const start = match.index + match[0].length - (match[1]?.length ?? 0);
    // A URL's path (https://host/a/b) names no file of the repository.
    if (text.slice(Math.max(0, start - 3), start) === '://' || /^\/\//.test(match[1] ?? '')) continue;
    const path = trimEnd(withoutGlobTail((match[1] ?? '').replace(/^(?:\.{1,2}\/)+|^\/+/, '')), '.,;:');
    if (path.split('/').length >= 2 && !path.includes('*')) found.add(path);
  }
  return [...found];
}

const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** Levenshtein distance, giving up (returning `max + 1`) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  return bandedDistance(a, b, max, new Uint32Array(b.length + 1), new Uint32Array(b.length + 1));
}

/** Fills only the band |i - j| ≤ max, in two caller-owned rows, so that scanning many names allocates nothing. */
export function bandedDistance(
  a: string,
  b: string,
  max: number,
  rowA: Uint32Array,
  rowB: Uint32Array,
): number {
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

/** A glob tail (`/**`, `/*`, `/**` then `/*.ts`) or else trailing slashes removed, in walks back from the end. */
function withoutGlobTail(path: string): string {
  const ext = /\/\*\.\w+$/.exec(path.slice(-64));
  const base = ext ? path.slice(0, path.length - ext[0].length) : path;
  let cut = base.length;
  for (let i = base.length; ;) {
    let j = i;
    while (j > 0 && base[j - 1] === '*') j--;
    if (j === i || j === 0 || base[j - 1] !== '/') break;
    i = j - 1;
    cut = i;
  }
  if (cut < base.length) return base.slice(0, cut);
  return ext ? path : trimEnd(path, '/');
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
