// The routes a repository's JavaScript and TypeScript declare, across the supported frameworks: files are picked by
// name and a cheap look at their text, parsed once with tree-sitter, read by each framework's module, and the mount
// calls followed (within a file and through imports) so that each route carries its full path where it can be known.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Query } from 'web-tree-sitter';
import { isTestFile, languageOf, MAX_FILE_BYTES, skipByPath } from '../../code/classify.js';
import { createImportResolver } from '../../code/imports.js';
import { loadGrammar } from '../../code/treesitter.js';
import { filesContaining, readAt } from '../git.js';
import { callRoutes } from './calls.js';
import { express } from './express.js';
import { fastify } from './fastify.js';
import { hono } from './hono.js';
import { koa } from './koa.js';
import type { CallStyle, DraftRoute, FileRoutes, Framework, Mount, Route } from './model.js';
import { joinPaths } from './model.js';
import { nestRoutes, nestSettings, usesNest } from './nest.js';
import { isNextRouteFile, nextRoutes } from './next.js';
import { readSource, SOURCE_QUERY, type SourceFacts } from './syntax.js';

export type { Framework, Route } from './model.js';

const CALL_STYLES: readonly CallStyle[] = [express, fastify, hono, koa];
const JS_LANGS = new Set(['typescript', 'tsx', 'javascript']);
/**
 * A file worth parsing: a NestJS controller or bootstrap, a file naming a call-style framework and calling a routing
 * method, or (for the repository's one framework) one calling a method with a path. Most files of an app are neither.
 */
const NEST_WORDS = /@Controller\b|\bsetGlobalPrefix\b|\benableVersioning\b/;
const FRAMEWORK_WORDS = /\b(?:express|fastify|hono|koa)\b/;
const ROUTING_CALL =
  /\.(?:get|post|put|patch|delete|del|all|head|options|route|use|register|on|basePath)\s*\(/;
/** Fixed strings, one of which every file that worthParsing accepts (without a fallback framework) contains. */
const LIKELY_WORDS = [
  'express',
  'fastify',
  'hono',
  'koa',
  '@Controller',
  'setGlobalPrefix',
  'enableVersioning',
];
const PATH_CALL = /\.(?:get|post|put|patch|delete|del|all|route|use|register|on)\s*\(\s*['"`]\//;
const MAX_MOUNT_DEPTH = 8;

export interface RouteScan {
  routes: Route[];
  /** Frameworks seen: imported by a parsed file, or routing by file name (Next.js). */
  frameworks: Framework[];
}

/**
 * Extracts the routes of `files` (relative to `root`): as they are on disk, or as commit `at` holds them (then
 * `files` is that commit's listing). Never throws for file content.
 */
export async function extractRoutes(root: string, files: readonly string[], at?: string): Promise<RouteScan> {
  const candidates = files.filter((file) => {
    const lang = languageOf(file);
    return lang !== undefined && JS_LANGS.has(lang) && !isTestFile(file) && !skipByPath(file);
  });
  const manifests = files.filter((file) => path.posix.basename(file) === 'package.json' && !skipByPath(file));
  const stored = at === undefined ? undefined : await readAt(root, at, manifests);
  const fallback = soleFramework(
    manifests.map((file) => (stored ? stored.get(file) : readSmall(root, file))),
  );
  if (stored && at !== undefined) {
    // At a commit every file is a blob to inflate: read only those that may declare routes.
    const likely = fallback ? undefined : await filesContaining(root, LIKELY_WORDS, at);
    const wanted = candidates.filter((file) => !likely || likely.has(file) || isNextRouteFile(file));
    for (const [file, text] of await readAt(root, at, wanted)) stored.set(file, text);
  }
  const read = (file: string): string | undefined => (stored ? stored.get(file) : readSmall(root, file));
  const parsed: SourceFacts[] = [];
  const queries = new Map<string, Query>();
  try {
    for (const file of candidates) {
      const next = isNextRouteFile(file);
      const text = read(file);
      if (text === undefined || text.length > MAX_FILE_BYTES) continue;
      if (!(next || worthParsing(text, fallback !== undefined))) continue;
      const facts = await parse(file, text, languageOf(file) ?? 'javascript', queries);
      if (facts) parsed.push(facts);
    }
  } finally {
    for (const query of queries.values()) query.delete();
  }
  return collect(parsed, fallback);
}

function worthParsing(text: string, fallback: boolean): boolean {
  if (NEST_WORDS.test(text)) return true;
  if (FRAMEWORK_WORDS.test(text) && ROUTING_CALL.test(text)) return true;
  return fallback && PATH_CALL.test(text);
}

async function parse(
  file: string,
  text: string,
  lang: string,
  queries: Map<string, Query>,
): Promise<SourceFacts | undefined> {
  const grammar = await loadGrammar(lang);
  const language = grammar?.parser.language;
  if (!grammar || !language) return undefined;
  let query = queries.get(lang);
  if (!query) {
    query = new Query(language, SOURCE_QUERY);
    queries.set(lang, query);
  }
  // Parse, read and free in one synchronous stretch: the parser is shared with the context engine in this thread.
  const tree = grammar.parser.parse(text);
  try {
    return tree ? readSource(file, text, tree.rootNode, query) : undefined;
  } catch {
    return undefined;
  } finally {
    tree?.delete();
    grammar.parser.reset();
  }
}

function collect(parsed: readonly SourceFacts[], fallback: CallStyle | undefined): RouteScan {
  const frameworks = new Set<Framework>();
  const found: FileRoutes = { routes: [], mounts: [] };
  const nest = nestSettings(parsed.filter(usesNest));
  for (const facts of parsed) {
    if (isNextRouteFile(facts.file)) {
      const routes = nextRoutes(facts);
      if (routes.length > 0) frameworks.add('Next.js');
      found.routes.push(...routes);
      continue;
    }
    if (usesNest(facts)) {
      frameworks.add('NestJS');
      found.routes.push(...nestRoutes(facts, nest));
    }
    const styles = CALL_STYLES.filter((style) => facts.specifiers.some((s) => style.modules(s)));
    for (const style of styles.length > 0 ? styles : usesNest(facts) || !fallback ? [] : [fallback]) {
      frameworks.add(style.framework);
      const { routes, mounts } = callRoutes(facts, style);
      found.routes.push(...routes);
      found.mounts.push(...mounts);
    }
  }
  return { routes: dedupe(applyMounts(found, parsed)), frameworks: [...frameworks] };
}

/** Puts each owner's routes under the prefixes of the mounts that reach it, following mounts of mounts. */
function applyMounts(found: FileRoutes, parsed: readonly SourceFacts[]): Route[] {
  const byFile = new Map(parsed.map((facts) => [facts.file, facts]));
  const files = parsed.map((facts) => facts.file);
  const resolver = createImportResolver(files);
  /** `file#name` of what a name means in a file: its own binding or function, or what it imports. */
  const keyOf = (file: string, name: string, from?: { from: string; name: string }): string | undefined => {
    const imported = from ?? byFile.get(file)?.imports.get(name);
    if (!imported) return `${file}#${name}`;
    if (!/^(?:\.|@\/|~\/|#\/)/.test(imported.from)) return undefined;
    const target = files[resolver.resolve(file, imported.from)[0] ?? -1];
    const local = target === undefined ? undefined : byFile.get(target)?.exports.get(imported.name);
    return target === undefined || local === undefined ? undefined : `${target}#${local}`;
  };
  /** `file#fn` → `file#<what fn returns>`. */
  const resultOf = (fn: string | undefined): string | undefined => {
    const hash = fn?.lastIndexOf('#') ?? -1;
    if (fn === undefined || hash < 0) return undefined;
    const returned = byFile.get(fn.slice(0, hash))?.returns.get(fn.slice(hash + 1));
    return returned === undefined ? undefined : `${fn.slice(0, hash)}#${returned}`;
  };
  const mountsOf = new Map<string, Mount[]>();
  for (const mount of found.mounts) {
    const { target } = mount;
    const key =
      target.kind === 'local'
        ? keyOf(mount.file, target.name)
        : target.kind === 'import'
          ? keyOf(mount.file, '', { from: target.from, name: target.name })
          : resultOf(keyOf(mount.file, target.name));
    if (key !== undefined) mountsOf.set(key, [...(mountsOf.get(key) ?? []), mount]);
  }
  const prefixes = (key: string | undefined, depth: number): { prefix: string; anchored: boolean }[] => {
    const mounts = key === undefined || depth > MAX_MOUNT_DEPTH ? [] : (mountsOf.get(key) ?? []);
    if (mounts.length === 0) return [{ prefix: '', anchored: false }];
    return mounts.flatMap((mount) => {
      const outer = mount.owner === undefined ? undefined : keyOf(mount.file, mount.owner);
      const above = mount.ownerRoot ? [{ prefix: '', anchored: true }] : prefixes(outer, depth + 1);
      return above.map((p) => ({
        prefix: joinPaths(p.prefix, mount.ownerPrefix, mount.prefix),
        anchored: p.anchored,
      }));
    });
  };
  return found.routes.flatMap((route: DraftRoute) => {
    const { owner, ...plain } = route;
    if (route.anchored || owner === undefined) return [plain];
    return prefixes(keyOf(route.file, owner), 0).map((p) => ({
      ...plain,
      path: joinPaths(p.prefix, route.path),
      anchored: p.anchored,
    }));
  });
}

function dedupe(routes: readonly Route[]): Route[] {
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.path} ${route.file}:${route.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The one call-style framework the repository's package.json files depend on, for files that import none. */
function soleFramework(manifests: readonly (string | undefined)[]): CallStyle | undefined {
  const deps = new Set<string>();
  for (const text of manifests) {
    try {
      const manifest = JSON.parse(text ?? '') as Record<string, unknown>;
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
        const value = manifest[field];
        if (value && typeof value === 'object') for (const name of Object.keys(value)) deps.add(name);
      }
    } catch {
      // An unreadable or invalid manifest says nothing about frameworks.
    }
  }
  const styles = CALL_STYLES.filter((style) => [...deps].some((dep) => style.modules(dep)));
  return styles.length === 1 ? styles[0] : undefined;
}

function readSmall(root: string, file: string): string | undefined {
  try {
    const abs = path.join(root, file);
    if (statSync(abs).size > MAX_FILE_BYTES) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
