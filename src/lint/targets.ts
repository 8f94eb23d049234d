// What a lint run's paths and globs name: files of the project, in the order named, or input problems.
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globMatcher, splitGlobs } from '../workspace/globs.js';
import type { ResolvedConfig } from './config.js';
import { listFiles } from '../workspace/project.js';
import { configFileIn } from '../workspace/config.js';
import { findProjectRoot } from '../workspace/root.js';
import type { InputProblem } from './diagnostic.js';
import { safeGlob } from '../text/glob.js';

export interface Target {
  /** Absolute path on disk. */
  abs: string;
  /** Path shown in reports: relative to cwd, `/`-separated. */
  shown: string;
}

/** The root of the project that holds `file`: `home` unless a config lies between them, or the file is outside. */
export function ownRoot(file: string, home: string): string {
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

/** Markdown is what a directory or a glob can select; any other file is linted only when named. */
const MARKDOWN = /\.(md|markdown|mdx)$/i;

/**
 * Turns each pattern into files; a pattern that names nothing becomes an input problem. `!glob` patterns and
 * `ignorePatterns` (relative to cwd) drop files that directories, globs or the spec globs would select; with only
 * `!` patterns, the spec globs select.
 */
export function expandPatterns(
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

export function displayPath(cwd: string, abs: string): string {
  return toSlash(path.relative(cwd, abs)) || '.';
}

export function toSlash(p: string): string {
  return p.split(path.sep).join('/');
}

export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
