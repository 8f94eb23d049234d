// Lints spec files on disk: expands paths and globs, checks each file can be read as text, lints, fixes.
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import picomatch from 'picomatch';
import { globMatcher, splitGlobs } from '../workspace/globs.js';
import { loadConfig, type ResolvedConfig } from './config.js';
import { createProject, listFiles, type Project } from '../workspace/project.js';
import { configFileIn } from '../workspace/config.js';
import { findProjectRoot } from '../workspace/root.js';
import { TechspecError } from '../errors.js';
import { MAX_SPEC_BYTES } from '../limits.js';
import { errorCode, isWithin, outsideNote, stampOf, writeInside } from '../confine.js';
import type { InputProblem, LintResult } from './diagnostic.js';
import { fingerprint, hashBytes, openLintCache, type LintCache } from './cache.js';
import { lintText } from './engine.js';
import { safeGlob } from '../text/glob.js';

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
  /** Reuse results of unchanged files from this cache file (relative to cwd); see cache.ts. */
  cache?: string;
  /**
   * The repository's files as `listFiles(config.root)` lists them, when the caller keeps a listing it knows to be
   * current (a long-running server); otherwise the repository is listed again.
   */
  listing?: readonly string[];
}

export interface LintFilesReport {
  /**
   * One result per linted file, in the order the files were named (globs and directories sorted).
   * lintFiles leaves out `output`: with `fix`, the fixed text has been written to the file.
   */
  results: LintResult[];
  /** Files that could not be linted at all; the other files are still linted. */
  problems: InputProblem[];
}

export interface LintSourceOptions extends Omit<LintFilesOptions, 'workers' | 'cache'> {
  /** The name the text is linted under (path checks resolve it against `cwd`); default `<stdin>`. */
  filename?: string;
}

export const DEFAULT_MAX_FILE_BYTES = MAX_SPEC_BYTES;
/**
 * Files each worker thread must have to pay for itself: a worker loads the bundle and the config again (about half a
 * second of CPU, what some 50 typical specs cost to lint), and on 2 cores 100 specs took 1.21x as long on 2 threads
 * as on 1 (bench:lint). Below this many files per extra thread, the files are linted on this thread alone.
 */
const FILES_PER_WORKER = 250;

interface Target {
  /** Absolute path on disk. */
  abs: string;
  /** Path shown in reports: relative to cwd, `/`-separated. */
  shown: string;
}

interface FileSettings {
  config: ResolvedConfig;
  project: Project | undefined;
  fix: boolean;
  maxFileBytes: number;
}

/** A result, a problem, or both (a file linted whose fixes could not be written). */
type FileOutcome =
  { result: LintResult; problem?: InputProblem } | { problem: InputProblem; result?: undefined };

/** Lints the files that `patterns` name (files, directories, globs), or the config's spec globs if none. */
export async function lintFiles(
  patterns: readonly string[],
  options: LintFilesOptions = {},
): Promise<LintFilesReport> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = configFor(cwd, options);
  const listing = options.listing ?? listFiles(config.root);
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
  const cache = options.cache
    ? openLintCache(path.resolve(cwd, options.cache), config.root, fingerprint(config, project))
    : undefined;
  const { cached, targets } = cache
    ? splitCached(all, cache, options.fix ?? false)
    : { cached: new Map<string, FileOutcome & { hash: string }>(), targets: all };
  const settings: FileSettings = {
    config,
    project,
    fix: options.fix ?? false,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  const threads = threadsFor(targets.length, options.workers ?? 2);
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
  return { results, problems };
}

/** Cached results of files whose bytes are unchanged; with --fix, a result that has fixes is linted again. */
function splitCached(
  all: readonly Target[],
  cache: LintCache,
  fix: boolean,
): { cached: Map<string, FileOutcome & { hash: string }>; targets: Target[] } {
  const cached = new Map<string, FileOutcome & { hash: string }>();
  const targets: Target[] = [];
  for (const target of all) {
    const hash = hashOf(target.abs);
    const result = hash === undefined ? undefined : cache.get(target.abs, hash);
    if (hash !== undefined && result && !(fix && result.fixableCount > 0)) {
      cached.set(target.abs, { result: relabel(result, target.shown), hash });
    } else targets.push(target);
  }
  return { cached, targets };
}

/** Records this run's results under the hash of the bytes now on disk (after any fix), then saves. */
function remember(cache: LintCache, targets: readonly Target[], outcomes: readonly FileOutcome[]): void {
  targets.forEach((target, index) => {
    const result = outcomes[index]?.result;
    const hash = result ? hashOf(target.abs) : undefined;
    if (result && hash !== undefined) cache.set(target.abs, hash, result);
  });
  // Hits were carried over by cache.get() already.
  try {
    cache.save();
  } catch {
    // A cache that cannot be written only costs the next run its speed-up.
  }
}

function hashOf(abs: string): string | undefined {
  try {
    return hashBytes(readFileSync(abs));
  } catch {
    return undefined;
  }
}

/** Lints text that did not come from a file on disk (standard input), with the same input checks. */
export function lintSource(source: Uint8Array | string, options: LintSourceOptions = {}): LintFilesReport {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const config = configFor(cwd, options);
  const project = projectFor(config, options.listing ?? listFiles(config.root), options);
  const name = options.filename ?? '<stdin>';
  const abs = name.startsWith('<') ? name : path.resolve(cwd, name);
  const shown = name.startsWith('<') ? name : displayPath(cwd, abs);
  const bytes = typeof source === 'string' ? Buffer.from(source, 'utf8') : source;
  const decoded = decode(bytes, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if ('problem' in decoded) return { results: [], problems: [{ ...decoded.problem, file: shown }] };
  const result = lintText(decoded.text, { filePath: abs, config, project, fix: options.fix ?? false });
  return { results: [relabel(result, shown)], problems: [] };
}

function configFor(cwd: string, options: LintFilesOptions): ResolvedConfig {
  const strict = options.strict ?? false;
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
  if (!options.config && options.root === undefined && !findProjectRoot(config.root).repository)
    return undefined;
  return createProject(config.root, listing, config.ruleFiles);
}

/** The root of the project that holds `file`: `home` unless a config lies between them, or the file is outside. */
function ownRoot(file: string, home: string): string {
  const rel = path.relative(home, path.dirname(file));
  if (rel === '') return home;
  if (rel.startsWith('..') && (rel === '..' || rel.startsWith(`..${path.sep}`)))
    return findProjectRoot(file).root;
  if (path.isAbsolute(rel)) return findProjectRoot(file).root;
  for (let dir = path.dirname(file); dir !== home && dir.startsWith(home); dir = path.dirname(dir)) {
    if (configFileIn(dir) !== undefined) return dir;
  }
  return home;
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

/** Markdown is what a directory or a glob can select; any other file is linted only when named. */
const MARKDOWN = /\.(md|markdown|mdx)$/i;

/**
 * Turns each pattern into files; a pattern that names nothing becomes an input problem. `!glob` patterns and
 * `ignorePatterns` (relative to cwd) drop files that directories, globs or the spec globs would select; with only
 * `!` patterns, the spec globs select.
 */
function expandPatterns(
  patterns: readonly string[],
  cwd: string,
  config: ResolvedConfig,
  listing: readonly string[],
  ignorePatterns: readonly string[],
): (Target | { problem: InputProblem })[] {
  const { include, exclude } = splitGlobs(patterns, ignorePatterns);
  const excluded = exclude.length > 0 ? picomatch(exclude.map(toSlash), { dot: true }) : () => false;
  const isSpec = globMatcher(config.specs, config.ignore);
  const keep = (abs: string): boolean => !excluded(toSlash(path.relative(cwd, abs)));
  const toTarget = (abs: string): Target => ({ abs, shown: displayPath(cwd, abs) });
  const inRoot = (files: readonly string[]): Target[] =>
    files.map((f) => toTarget(path.join(config.root, f))).filter((t) => keep(t.abs));
  if (include.length === 0) {
    // Nothing to lint is a failure, not a pass: a mistyped spec glob must not turn CI green.
    const specs = inRoot(listing.filter((f) => isSpec(f)));
    return specs.length > 0 ? specs : [{ problem: noSpecs(displayPath(cwd, config.root), config) }];
  }

  const seen = new Set<string>();
  const out: (Target | { problem: InputProblem })[] = [];
  const add = (targets: Target[]): void => {
    for (const target of targets) {
      if (seen.has(target.abs)) continue;
      seen.add(target.abs);
      out.push(target);
    }
  };
  for (const pattern of include) {
    const abs = path.resolve(cwd, pattern);
    const stats = statOrUndefined(abs);
    if (stats?.isDirectory()) {
      const specs = specsUnder(abs, config.root, listing, isSpec).filter(keep);
      if (specs.length > 0) add(specs.map(toTarget));
      else out.push({ problem: noSpecs(displayPath(cwd, abs), config) });
    } else if (stats || !picomatch.scan(pattern).isGlob) {
      add([toTarget(abs)]);
    } else {
      const matches = globInRoot(pattern, cwd, config, listing).filter((f) => MARKDOWN.test(f));
      const kept = inRoot(matches);
      if (kept.length > 0) add(kept);
      else out.push({ problem: noMatch(pattern) });
    }
  }
  return out;
}

function specsUnder(
  dir: string,
  root: string,
  listing: readonly string[],
  isSpec: (f: string) => boolean,
): string[] {
  const rel = toSlash(path.relative(root, dir));
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) {
    // Outside the config's repository: list that directory on its own.
    return listFiles(dir)
      .filter((f) => isSpec(f))
      .map((f) => path.join(dir, f));
  }
  const prefix = rel === '' ? '' : `${rel}/`;
  return listing.filter((f) => f.startsWith(prefix) && isSpec(f)).map((f) => path.join(root, f));
}

/** A glob is relative to cwd; it selects among the repository's listed, non-ignored files. */
function globInRoot(
  pattern: string,
  cwd: string,
  config: ResolvedConfig,
  listing: readonly string[],
): string[] {
  const matches = safeGlob(toSlash(pattern), { dot: true });
  const ignored = globMatcher(config.ignore);
  return listing.filter(
    (f) => !ignored(f) && matches(toSlash(path.relative(cwd, path.join(config.root, f)))),
  );
}

function noSpecs(shown: string, config: ResolvedConfig): InputProblem {
  const { include, exclude } = splitGlobs(config.specs);
  const globs = include.join(', ') + (exclude.length > 0 ? ` and not ${exclude.join(', ')}` : '');
  return {
    file: shown,
    code: 'NO_SPECS',
    message: `Directory has no spec files, expected files matching ${globs} (ignored and .gitignored files are skipped)`,
  };
}

function noMatch(pattern: string): InputProblem {
  return {
    file: pattern,
    code: 'NO_MATCH',
    message: 'Glob matches no file, expected at least one (ignored and .gitignored files are skipped)',
  };
}

/**
 * Reads, checks, lints and (when asked) fixes one file; never throws for a file's own problems. A file inside the
 * project is read only when its real path is inside too (a committed link out is skipped with a note); a fix is
 * written only through confine's writeInside, and only while the file is still as it was read.
 */
function lintTarget(target: Target, settings: FileSettings): FileOutcome {
  const problem = (code: string, message: string): FileOutcome => ({
    problem: { file: target.shown, code, message },
  });
  // A path named outside the project (a CLI argument) is the user's own: its folder is its root.
  const root = isWithin(settings.config.root, target.abs) ? settings.config.root : path.dirname(target.abs);
  const outside = outsideNote(root, target.abs, 'spec');
  if (outside !== undefined) return problem('PATH_OUTSIDE', `${outside}; skipped`);
  const stats = statOrUndefined(target.abs);
  if (!stats) return problem('NOT_FOUND', 'Path does not exist, expected a spec file, a directory or a glob');
  if (!stats.isFile()) return problem('NOT_A_FILE', 'Path is not a regular file, expected a Markdown file');
  if (stats.size > settings.maxFileBytes) return tooLarge(target.shown, stats.size, settings.maxFileBytes);
  let bytes: Buffer;
  try {
    bytes = readFileSync(target.abs);
  } catch (error) {
    return problem('UNREADABLE', `File cannot be read (${errorCode(error)}), expected a readable file`);
  }
  const decoded = decode(bytes, settings.maxFileBytes);
  if ('problem' in decoded) return { problem: { ...decoded.problem, file: target.shown } };
  const { config, project, fix } = settings;
  const result = lintText(decoded.text, { filePath: target.abs, config, project, fix });
  const { output, ...linted } = result;
  // The fixed text is on disk now; results stay small (they cross threads and end up in JSON).
  const shown = relabel(linted, target.shown);
  if (output === undefined) return { result: shown };
  try {
    const outcome = writeInside(root, target.abs, decoded.bom + output, {
      argument: 'spec',
      unchanged: stampOf(stats, bytes),
    });
    if (!outcome.written) {
      return { result: shown, problem: { file: target.shown, code: 'FIX_SKIPPED', message: outcome.note } };
    }
  } catch (error) {
    const message = error instanceof TechspecError ? error.message : errorCode(error);
    return {
      result: shown,
      problem: { file: target.shown, code: 'WRITE_FAILED', message: `Fixed text not written: ${message}` },
    };
  }
  return { result: shown };
}

type Decoded = { text: string; bom: string } | { problem: Omit<InputProblem, 'file'> };

/** Accepts only non-empty UTF-8 text without NUL bytes; the BOM is kept apart so fixes can restore it. */
function decode(bytes: Uint8Array, maxFileBytes: number): Decoded {
  if (bytes.length > maxFileBytes) return { problem: tooLarge('', bytes.length, maxFileBytes).problem };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      problem: {
        code: 'BINARY',
        message: `File is binary (NUL byte at offset ${nul}), expected Markdown text`,
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = invalidUtf8At(bytes);
    const message = `File is not valid UTF-8 (byte 0x${hex(bytes[at] ?? 0)} at ${lineColumn(bytes, at)}), expected UTF-8 text: re-save it as UTF-8`;
    return { problem: { code: 'INVALID_UTF8', message } };
  }
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  if (text.trim() === '') {
    return { problem: { code: 'EMPTY', message: 'File is empty, expected a tech spec in Markdown' } };
  }
  return { text: text.slice(bom.length), bom };
}

function tooLarge(shown: string, size: number, max: number): { problem: InputProblem } {
  return {
    problem: {
      file: shown,
      code: 'TOO_LARGE',
      message: `File is ${megabytes(size)}, expected at most ${megabytes(max)}`,
    },
  };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points above U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if (lead === 0xe0 && second < 0xa0) return i;
    if (lead === 0xed && second > 0x9f) return i;
    if (lead === 0xf0 && second < 0x90) return i;
    if (lead === 0xf4 && second > 0x8f) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function lineColumn(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, byte ${offset - lineStart + 1} of the line`;
}

/** Replaces the absolute path the engine saw with the path shown to the user. */
function relabel(result: LintResult, shown: string): LintResult {
  return { ...result, file: shown, diagnostics: result.diagnostics.map((d) => ({ ...d, file: shown })) };
}

function displayPath(cwd: string, abs: string): string {
  return toSlash(path.relative(cwd, abs)) || '.';
}

function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

// ---- Worker threads: many files are dealt between this thread and workers that each load the config once. ----

interface WorkerTask {
  kind: 'techspec-lint';
  cwd: string;
  configFile: string | undefined;
  strict: boolean;
  fix: boolean;
  maxFileBytes: number;
  root: string;
  listing: readonly string[];
  targets: Target[];
}

/** Threads worth starting for `files` files: at most `wanted` and the cores, each extra one with enough files. */
function threadsFor(files: number, wanted: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(wanted, cores, 1 + Math.floor(files / FILES_PER_WORKER)));
}

/** The bundled worker entry (dist/lint-worker.js); absent when running from sources, then no workers. */
function workerScript(): URL | undefined {
  const url = new URL('./lint-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Deals the targets round-robin: batch 0 to this thread, the others to workers started before it begins. */
async function lintInWorkers(
  targets: readonly Target[],
  threads: number,
  script: URL,
  settings: FileSettings,
  progress: LintFilesOptions['onProgress'],
  task: Omit<WorkerTask, 'targets'>,
): Promise<FileOutcome[]> {
  const batches: Target[][] = Array.from({ length: threads }, () => []);
  targets.forEach((target, i) => batches[i % threads]?.push(target));
  const workers = batches.slice(1).map((batch) => runWorker(script, { ...task, targets: batch }));
  // The workers lint their batches at the pace this thread does its own: its count stands for all of them.
  const total = targets.length;
  const own = (batches[0] ?? []).map((target, index) => {
    const outcome = lintTarget(target, settings);
    progress?.(Math.min(total, (index + 1) * threads), total);
    return outcome;
  });
  const outcomes = [own, ...(await Promise.all(workers))];
  progress?.(total, total);
  return targets.map((_, i) => outcomes[i % threads]?.[Math.floor(i / threads)] as FileOutcome);
}

function runWorker(script: URL, task: WorkerTask): Promise<FileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: task });
    worker.once('message', (outcomes: FileOutcome[]) => {
      resolve(outcomes);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
    });
  });
}

/** Entry of a lint worker thread: lints its batch with a config loaded the same way as the parent's. */
export function serveLintWorker(): void {
  if (isMainThread || !parentPort) return;
  const task = workerData as WorkerTask | undefined;
  if (task?.kind !== 'techspec-lint') return;
  const config = loadConfig({
    cwd: task.configFile ? task.cwd : task.root,
    strict: task.strict,
    ...(task.configFile ? { configFile: task.configFile } : {}),
  });
  const settings: FileSettings = {
    config,
    project: createProject(task.root, task.listing, config.ruleFiles),
    fix: task.fix,
    maxFileBytes: task.maxFileBytes,
  };
  parentPort.postMessage(task.targets.map((target) => lintTarget(target, settings)));
}
