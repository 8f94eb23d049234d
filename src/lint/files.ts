// Lints spec files on disk: expands paths and globs, checks each file can be read as text, lints, fixes.
import path from 'node:path';
import { lintConfigOf, loadConfig, type ResolvedConfig } from './config.js';
import type { Workspace } from '../workspace/workspace.js';
import type { SpecDocument } from '../spec/model.js';
import { parseFor } from '../spec/parse.js';
import { createProject, listFiles, type Project } from '../workspace/project.js';
import { repositoryRules } from '../workspace/rules.js';
import { createRuleSourceMemo } from '../assistants/rules/memo.js';
import { findProjectRoot } from '../workspace/root.js';
import type { InputProblem, LintResult } from './diagnostic.js';
import { DEFAULT_CACHE_FILE, fingerprint, openLintCache } from './cache.js';
import { lintText } from './engine.js';
import { DEFAULT_MAX_FILE_BYTES, decode } from './decode.js';
import { displayPath, expandPatterns, ownRoot, type Target } from './targets.js';
import { lintTarget, relabel, type FileOutcome, type FileSettings } from './lint-file.js';
import { remember, splitCached } from './file-cache.js';
import { lintInWorkers, threadsFor, workerScript } from './workers.js';

export { DEFAULT_MAX_FILE_BYTES } from './decode.js';
export { serveLintWorker } from './workers.js';

export interface LintFilesOptions {
  /** Directory that relative paths and globs are resolved against (default: the working directory). */
  cwd?: string;
  /**
   * A resolved config for every file; without one, each file is linted with its own project's (the nearest config
   * above it, see `findProjectRoot`), and the project of `cwd` (or `configFile`) decides what to lint by default.
   */
  config?: ResolvedConfig;
  /** The project root: repository checks run under it even outside git (default: found from `cwd`). */
  root?: string;
  configFile?: string;
  /** Report every warning as an error. */
  strict?: boolean;
  /** Write fixed text back to each file whose fixes changed it. */
  fix?: boolean;
  /** Files larger than this are reported as input problems, not read (default 10 MiB). */
  maxFileBytes?: number;
  /**
   * Threads that lint when there are many files: this one plus `workers - 1` worker threads (default 2; 1 = none);
   * fewer when there are not enough files to pay for starting them, or not enough cores.
   */
  workers?: number;
  /** Globs (relative to cwd) never linted unless a file is named explicitly; like a `!glob` path pattern. */
  ignorePatterns?: readonly string[];
  /** Called as files are linted (done, total), for a progress bar; only on this thread, never in a result. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Reuse results of unchanged files: `true` keeps them in the project's `.techspec/cache/lint.json`, a string in that
   * file (relative to cwd); the rule sources are kept beside it (`rules.json`). See cache.ts and memo.ts.
   */
  cache?: string | boolean;
  /**
   * The repository's files as `listFiles(config.root)` lists them, when the caller keeps a listing it knows to be
   * current (a long-running server); otherwise the repository is listed again.
   */
  listing?: readonly string[];
  /**
   * The project as a Workspace keeps it (config, files, rule files, memoised parses): its config and files are used
   * instead of reading them again. A `config` passed beside it still wins for the rules.
   */
  workspace?: Workspace;
  /** Hand back the parsed document of every file linted in this run (`documents`); lints on this thread only. */
  documents?: boolean;
}

export interface LintFilesReport {
  /**
   * One result per linted file, in the order the files were named (globs and directories sorted).
   * lintFiles leaves out `output`: with `fix`, the fixed text has been written to the file.
   */
  results: LintResult[];
  /** Files that could not be linted at all; the other files are still linted. */
  problems: InputProblem[];
  /**
   * With `documents`: each file linted in this run (cache hits aside) as the rules saw it (after fixes), by the path
   * shown in its result.
   */
  documents?: Map<string, SpecDocument>;
}

export interface LintSourceOptions extends Omit<LintFilesOptions, 'workers' | 'cache' | 'documents'> {
  /** The name the text is linted under (path checks resolve it against `cwd`); default `<stdin>`. */
  filename?: string;
}

/** Lints the files that `patterns` name (files, directories, globs), or the config's spec globs if none. */
export async function lintFiles(
  patterns: readonly string[],
  options: LintFilesOptions = {},
): Promise<LintFilesReport> {
  const cwd = path.resolve(options.cwd ?? options.workspace?.root ?? process.cwd());
  const config = configFor(cwd, options);
  const listing = options.listing ?? listingFor(config, options);
  const project = projectFor(config, listing, options);
  const entries = expandPatterns(patterns, cwd, config, listing, options.ignorePatterns ?? []);
  const targetsHere: Target[] = [];
  const elsewhere = new Map<string, Target[]>();
  for (const entry of entries) {
    if ('problem' in entry) continue;
    const root = options.config ? config.root : ownRoot(entry.abs, config.root);
    if (root === config.root) targetsHere.push(entry);
    else elsewhere.set(root, [...(elsewhere.get(root) ?? []), entry]);
  }
  const all = targetsHere;
  const cacheFile = cacheFileOf(options.cache, cwd, config.root);
  const cache = cacheFile ? openLintCache(cacheFile, config.root, fingerprint(config, project)) : undefined;
  const { cached, targets } = cache
    ? splitCached(all, cache, options.fix ?? false)
    : { cached: new Map<string, FileOutcome & { hash: string }>(), targets: all };
  const parsed = options.documents ? new Map<string, SpecDocument>() : undefined;
  const settings: FileSettings = {
    config,
    project,
    fix: options.fix ?? false,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    parse: parserFor(config, options.workspace, parsed),
  };
  const threads = options.documents ? 1 : threadsFor(targets.length, options.workers ?? 2);
  // A config passed in may not come from a file, so workers could not rebuild it: they need loadConfig's.
  const script = threads > 1 && !options.config ? workerScript() : undefined;
  const progress = options.onProgress;
  const outcomes = script
    ? await lintInWorkers(targets, threads, script, settings, progress, {
        kind: 'techspec-lint',
        cwd,
        configFile: config.file,
        strict: options.strict ?? false,
        fix: settings.fix,
        maxFileBytes: settings.maxFileBytes,
        root: config.root,
        listing,
      })
    : targets.map((target, index) => {
        const outcome = lintTarget(target, settings);
        progress?.(index + 1, targets.length);
        return outcome;
      });
  if (cache) remember(cache, targets, outcomes);
  // Files of other projects (a nested config, another repository) are linted with their own config and files.
  const others = new Map<string, FileOutcome>();
  for (const [root, group] of elsewhere) {
    const own = settingsFor(root, options);
    for (const target of group) others.set(target.abs, lintTarget(target, own));
  }
  // Problems and results come back in the order the paths were named.
  const results: LintResult[] = [];
  const problems: InputProblem[] = [];
  let next = 0;
  for (const entry of entries) {
    const hit = 'problem' in entry ? undefined : (cached.get(entry.abs) ?? others.get(entry.abs));
    const outcome: FileOutcome | undefined =
      'problem' in entry ? { problem: entry.problem } : (hit ?? outcomes[next++]);
    if (outcome?.result) results.push(outcome.result);
    if (outcome?.problem) problems.push(outcome.problem);
  }
  if (!parsed) return { results, problems };
  const documents = new Map<string, SpecDocument>();
  for (const target of targets) {
    const doc = parsed.get(target.abs);
    if (doc) documents.set(target.shown, doc);
  }
  return { results, problems, documents };
}

/**
 * The workspace's memoised parse when the config is the workspace's own; with `documents`, each parse is recorded by
 * the file's absolute path (the last one of a file, after fixes, is what the rules saw).
 */
function parserFor(
  config: ResolvedConfig,
  workspace: Workspace | undefined,
  record: Map<string, SpecDocument> | undefined,
): FileSettings['parse'] {
  const own = workspace !== undefined && workspace.root === config.root;
  if (!own && !record) return undefined;
  const parse = own
    ? (text: string, file: string) => workspace.parse(file, text)
    : (text: string, file: string) => parseFor(text, file, config);
  if (!record) return parse;
  return (text, file) => {
    const doc = parse(text, file);
    record.set(file, doc);
    return doc;
  };
}

/** The lint cache file `cache` names (true: the project's default), absolute; undefined when there is none. */
function cacheFileOf(cache: string | boolean | undefined, cwd: string, root: string): string | undefined {
  if (cache === undefined || cache === false) return undefined;
  return cache === true ? path.resolve(root, DEFAULT_CACHE_FILE) : path.resolve(cwd, cache);
}

/** The workspace's listing when it lists the config's root, else the root listed again. */
function listingFor(config: ResolvedConfig, options: LintFilesOptions): readonly string[] {
  return options.workspace?.root === config.root ? options.workspace.files : listFiles(config.root);
}

/** Lints text that did not come from a file on disk (standard input), with the same input checks. */
export function lintSource(source: Uint8Array | string, options: LintSourceOptions = {}): LintFilesReport {
  const cwd = path.resolve(options.cwd ?? options.workspace?.root ?? process.cwd());
  const config = configFor(cwd, options);
  const project = projectFor(config, options.listing ?? listingFor(config, options), options);
  const name = options.filename ?? '<stdin>';
  const abs = name.startsWith('<') ? name : path.resolve(cwd, name);
  const shown = name.startsWith('<') ? name : displayPath(cwd, abs);
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const decoded = decode(bytes, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if ('problem' in decoded) return { results: [], problems: [{ ...decoded.problem, file: shown }] };
  const parse = parserFor(config, options.workspace, undefined);
  const result = lintText(decoded.text, {
    filePath: abs,
    config,
    project,
    fix: options.fix ?? false,
    ...(parse ? { parse } : {}),
  });
  return { results: [relabel(result, shown)], problems: [] };
}

function configFor(cwd: string, options: LintFilesOptions): ResolvedConfig {
  const strict = options.strict ?? false;
  if (!options.config && options.workspace && options.configFile === undefined)
    return lintConfigOf(options.workspace, strict);
  if (!options.config) {
    const from = options.root === undefined ? cwd : path.resolve(cwd, options.root);
    return loadConfig({
      cwd: from,
      strict,
      ...(options.configFile ? { configFile: options.configFile } : {}),
    });
  }
  if (!strict) return options.config;
  return {
    ...options.config,
    rules: options.config.rules.map((r) => ({ ...r, severity: 'error' as const })),
  };
}

/**
 * The repository as rules see it, or undefined outside git without an explicit root (no repository checks then: the
 * folder may hold unrelated checkouts). A config passed in by a caller brings its own root.
 */
function projectFor(
  config: ResolvedConfig,
  listing: readonly string[],
  options: LintFilesOptions,
): Project | undefined {
  const { workspace } = options;
  if (workspace?.root === config.root && workspace.files === listing) return workspace.project;
  if (!options.config && options.root === undefined && !findProjectRoot(config.root).repository)
    return undefined;
  const cacheFile = cacheFileOf(options.cache, path.resolve(options.cwd ?? process.cwd()), config.root);
  if (cacheFile === undefined) return createProject(config.root, listing, config.ruleFiles);
  // With the cache, rule sources are kept beside it: only rule files changed since the last run are read again.
  const memo = createRuleSourceMemo(config.root, path.join(path.dirname(cacheFile), 'rules.json'));
  return createProject(config.root, listing, config.ruleFiles, () =>
    repositoryRules(config.root, listing, config, memo),
  );
}

/** Settings for the files of another project: its config, its files, the same fix and size settings. */
function settingsFor(root: string, options: LintFilesOptions): FileSettings {
  const config = loadConfig({ cwd: root, strict: options.strict ?? false });
  const listing = listFiles(config.root);
  const project = findProjectRoot(root).repository
    ? createProject(config.root, listing, config.ruleFiles)
    : undefined;
  return {
    config,
    project,
    fix: options.fix ?? false,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
}
