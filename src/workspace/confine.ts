// Keeps every path that a user, an agent or an HTTP client names inside the project root.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { TechspecError } from '../errors.js';

export interface InsidePath {
  /** Absolute path on disk. */
  abs: string;
  /** Repository-relative path with `/` separators ('' for the root itself). */
  rel: string;
}

/**
 * Resolves `input` (relative to `root`, or absolute) and checks that it stays inside `root`, also after following
 * symlinks of the part that exists. `argument` names the input in the error, e.g. `path` or `--prd`.
 * Throws TechspecError('PATH_OUTSIDE') or ('USAGE') with a message naming the argument, its value and what was expected.
 */
export function resolveInside(root: string, input: string, argument: string): InsidePath {
  if (input.trim() === '' || input.includes('\0')) {
    throw new TechspecError(
      'USAGE',
      `Invalid ${argument} ${JSON.stringify(input)}, expected a non-empty path inside the project`,
    );
  }
  const base = path.resolve(root);
  const abs = path.resolve(base, input);
  const outside = (): TechspecError =>
    new TechspecError(
      'PATH_OUTSIDE',
      `Invalid ${argument} ${JSON.stringify(input)}: it lies outside the project root ${base}, expected a path inside it`,
    );
  if (!isWithin(base, abs)) throw outside();
  const realBase = realOrSelf(base);
  if (!isWithin(realBase, realOfExistingPart(abs))) throw outside();
  return { abs, rel: path.relative(base, abs).split(path.sep).join('/') };
}

/**
 * `file` (absolute, or relative to `root`) as a repository-relative path with `/`, or undefined when it is the root
 * itself or lies outside it. Unlike resolveInside, for paths that are only shown or compared, never refused.
 */
export function relativeInside(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** True when `child` is `parent` or lies under it (both absolute, resolved). */
export function isWithin(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** The real path of the deepest existing ancestor of `abs`, with the missing tail appended. */
function realOfExistingPart(abs: string): string {
  let existing = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...tail.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return abs;
      tail.push(path.basename(existing));
      existing = parent;
    }
  }
}
