// Import statements: the module specifiers a file names, and which repository files those specifiers mean.
import path from 'node:path';
import { trimEnd } from '../text/scan.js';

/** Patterns whose group 1 is a module specifier, per family of languages (by file extension). */
const JS = [
  /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*['"]([^'"\n]+)['"]/g,
  /\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];
const PYTHON = [/^[ \t]*from\s+([.\w]+)\s+import\b/gm, /^[ \t]*import\s+([\w.]+)/gm];
const GO = [/^[ \t]*import\s+(?:\w+\s+)?"([^"\n]+)"/gm, /^[ \t]+(?:[\w.]+\s+)?"([^"\n]+)"\s*$/gm];
const JVM = [/^[ \t]*import\s+(?:static\s+)?([\w.]+)/gm];
const RUBY = [
  /\brequire\s*(?:\(\s*)?['"]([^'"\n]+)['"]/g,
  /\brequire_relative\s*(?:\(\s*)?['"]([^'"\n]+)['"]/g,
];
const PHP = [/^[ \t]*use\s+([\w\\]+)/gm, /\b(?:require|include)(?:_once)?\s*(?:\(\s*)?['"]([^'"\n]+)['"]/g];
const RUST = [
  /^[ \t]*(?:pub\s+)?use\s+((?:crate|super|self)::[\w:]+)/gm,
  /^[ \t]*(?:pub\s+)?mod\s+(\w+)\s*;/gm,
];
const DART = [/^[ \t]*(?:import|export|part)\s+['"]([^'"\n]+)['"]/gm];

const FAMILIES: Readonly<Record<string, readonly RegExp[]>> = {
  typescript: JS,
  tsx: JS,
  javascript: JS,
  python: PYTHON,
  go: GO,
  java: JVM,
  kotlin: JVM,
  ruby: RUBY,
  php: PHP,
  rust: RUST,
  dart: DART,
};

/** The module specifiers of `text`, written in `lang`, each once. */
export function importSpecifiers(lang: string | undefined, text: string): string[] {
  const patterns = lang === undefined ? undefined : FAMILIES[lang];
  if (!patterns) return [];
  const found = new Set<string>();
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1];
      if (!specifier) continue;
      // `require_relative 'x'` and Rust's `mod x;` name a file beside this one.
      const sibling = /^\s*(?:pub\s+)?mod\s|require_relative/.test(match[0]) && !specifier.startsWith('.');
      found.add(sibling ? `./${specifier}` : specifier);
    }
  }
  return [...found];
}

const CODE_EXT = /\.(?:[cm]?[jt]sx?|py|go|java|kt|rb|php|rs|dart|swift|cs|vue|svelte|astro)$/;
const INDEX_NAMES = new Set(['index', '__init__', 'mod', 'main', 'lib']);

/** Finds the files that import specifiers mean, by relative path or by path suffix. */
export interface ImportResolver {
  resolve(from: string, specifier: string): number[];
}

/** A resolver over `files` (repository-relative paths; the result holds their indexes). */
export function createImportResolver(files: readonly string[]): ImportResolver {
  // Module key: the path without its extension; an index file (index.ts, __init__.py, mod.rs) is also its folder.
  const byKey = new Map<string, number[]>();
  const byLast = new Map<string, string[]>();
  const addKey = (mixedCase: string, i: number): void => {
    // Case is ignored: PHP's App\\Services lives in app/Services, and Windows teams mix cases freely.
    const key = mixedCase.toLowerCase();
    const list = byKey.get(key);
    if (list) list.push(i);
    else {
      byKey.set(key, [i]);
      const last = key.slice(key.lastIndexOf('/') + 1);
      if (last !== '') byLast.set(last, [...(byLast.get(last) ?? []), key]);
    }
  };
  files.forEach((file, i) => {
    if (!CODE_EXT.test(file)) return;
    const key = file.replace(CODE_EXT, '');
    addKey(key, i);
    const slash = key.lastIndexOf('/');
    if (INDEX_NAMES.has(key.slice(slash + 1)) && slash > 0) addKey(key.slice(0, slash), i);
    // A Go import names a package, that is a folder: every file in it.
    if (file.endsWith('.go') && slash > 0 && !file.endsWith('_test.go')) addKey(`${key.slice(0, slash)}/`, i);
  });
  const find = (dir: string, specifier: string): number[] => {
    if (specifier.startsWith('.')) return relative(byKey, dir, specifier);
    const key = moduleKey(specifier).toLowerCase();
    const found = bySuffix(byKey, byLast, key);
    // `use crate::card::Card`, `import static a.B.c`: the last segment may be a symbol of the module before it.
    return found.length > 0 || key.split('/').length < 3
      ? found
      : bySuffix(byKey, byLast, key.replace(/\/[^/]+$/, ''));
  };
  // Files of one folder import the same modules over and over: each (folder, specifier) is resolved once.
  const known = new Map<string, number[]>();
  return {
    resolve(from, specifier) {
      const dir = from.slice(0, Math.max(0, from.lastIndexOf('/')));
      const family = familyOf(from);
      const memoKey = `${dir}\0${family}\0${specifier}`;
      let found = known.get(memoKey);
      if (!found) {
        // Among several matches, a file of the importer's own language wins: Dart's models/card is card.dart.
        const all = find(dir, specifier);
        const same = all.filter((i) => familyOf(files[i] ?? '') === family);
        known.set(memoKey, (found = same.length > 0 ? same : all));
      }
      return found;
    },
  };
}

const FAMILY: Readonly<Record<string, string>> = {
  tsx: 'js',
  ts: 'js',
  jsx: 'js',
  mjs: 'js',
  cjs: 'js',
  mts: 'js',
  cts: 'js',
  vue: 'js',
  astro: 'js',
  svelte: 'js',
  kt: 'java',
};

/** Files whose imports can name each other: JavaScript and TypeScript together, Java and Kotlin together. */
function familyOf(file: string): string {
  const ext = /\.([a-z]+)$/.exec(file)?.[1] ?? '';
  return FAMILY[ext] ?? ext;
}

function relative(byKey: ReadonlyMap<string, number[]>, dir: string, specifier: string): number[] {
  // Python's `from ..models import x`: one dot is the file's own package, each further dot one level up.
  const python = /^\.[\w.]*$/.test(specifier) && !specifier.includes('/');
  const spec = python
    ? `${'../'.repeat(Math.max(0, (/^\.+/.exec(specifier)?.[0].length ?? 1) - 1)) || './'}${specifier.replace(/^\.+/, '').replaceAll('.', '/')}`
    : specifier;
  const joined = path.posix.normalize(path.posix.join(dir === '' ? '.' : dir, spec));
  return byKey.get(trimEnd(joined.replace(CODE_EXT, ''), '/').toLowerCase()) ?? [];
}

/** `@/components/Card` → components/Card; `com.acme.Card` → com/acme/Card; `crate::card::service` → card/service. */
function moduleKey(specifier: string): string {
  let key = specifier.replace(/^(?:@\/|~\/|#\/|package:[\w-]+\/|(?:crate|self|super)::)/, '');
  if (!key.includes('/')) key = key.replace(/::|\\|\./g, '/');
  return trimEnd(key.replace(CODE_EXT, ''), '/');
}

/** Files whose module key ends with `key` (or, for a Go package path, folders that `key` ends with). */
function bySuffix(
  byKey: ReadonlyMap<string, number[]>,
  byLast: ReadonlyMap<string, string[]>,
  key: string,
): number[] {
  const segments = key.split('/');
  const last = segments[segments.length - 1] ?? '';
  if (segments.length < 2) return byKey.get(key) ?? [];
  const matches = (byLast.get(last) ?? []).filter(
    (candidate) => candidate === key || candidate.endsWith(`/${key}`),
  );
  if (matches.length > 0) return matches.flatMap((candidate) => byKey.get(candidate) ?? []);
  // A Go module path: github.com/acme/shop/internal/card → the folder internal/card, if the repository has one.
  for (let i = 1; i < segments.length - 1; i++) {
    const folder = byKey.get(`${segments.slice(i).join('/')}/`);
    if (folder) return folder;
  }
  return [];
}
