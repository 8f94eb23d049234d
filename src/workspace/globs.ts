// One reading of a list of globs, for spec globs, ignores and lint's own patterns: `!pattern` entries exclude
// (picomatch alone would OR them in as positive globs), dotfiles match, paths are repository-relative with `/`.
import picomatch from 'picomatch';
import { MAX_GLOB_LENGTH } from '../text/glob.js';

export interface GlobList {
  /** The positive patterns, in order. */
  include: string[];
  /** The `!` patterns without their `!`, plus any ignores given. */
  exclude: string[];
}

/** Splits `patterns` into included and excluded (`!…`) globs. */
export function splitGlobs(patterns: readonly string[], ignore: readonly string[] = []): GlobList {
  const include: string[] = [];
  const exclude: string[] = [...ignore];
  for (const pattern of patterns) {
    if (pattern.startsWith('!') && pattern.length > 1) exclude.push(pattern.slice(1));
    else include.push(pattern);
  }
  return { include, exclude };
}

/** A matcher for `patterns` (with `!` exclusions) minus `ignore`; no positive pattern matches nothing. */
export function globMatcher(
  patterns: readonly string[],
  ignore: readonly string[] = [],
): (file: string) => boolean {
  const { include, exclude } = splitGlobs(patterns, ignore);
  if (include.length === 0) return () => false;
  // A glob too long or invalid for picomatch matches nothing rather than failing the run (see text/glob.ts).
  if ([...include, ...exclude].some((glob) => glob.length > MAX_GLOB_LENGTH)) return () => false;
  try {
    return picomatch(include, { dot: true, ...(exclude.length > 0 ? { ignore: exclude } : {}) });
  } catch {
    return () => false;
  }
}
