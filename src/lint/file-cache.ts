// The lint cache as lintFiles uses it: unchanged files answered from it, this run's results recorded in it.
import { readFileSync } from 'node:fs';
import type { LintCache } from './cache.js';
import { hashBytes } from './cache.js';
import { relabel, type FileOutcome } from './lint-file.js';
import type { Target } from './targets.js';

/** Cached results of files whose bytes are unchanged; with --fix, a result that has fixes is linted again. */
export function splitCached(
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
export function remember(
  cache: LintCache,
  targets: readonly Target[],
  outcomes: readonly FileOutcome[],
): void {
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
