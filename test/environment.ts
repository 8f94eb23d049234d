// What the optional tests need from the machine (Chromium, the evaluation data beside the checkout), found once,
// and the one way a test that cannot run says why: a line on stderr, so `npm test` on a fresh machine still passes.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

/** The evaluation data and the seed template beside the checkout (`../shared`); absent outside this workplace. */
export const SHARED = path.resolve(import.meta.dirname, '../../shared');

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chromium for the browser tests: TECHSPEC_CHROMIUM, then /usr/bin/chromium, then a chromium on PATH. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  fixed: readonly string[] = ['/usr/bin/chromium'],
): string | undefined {
  const named = env.TECHSPEC_CHROMIUM;
  if (named !== undefined && named !== '') return executable(named) ? named : undefined;
  const found = fixed.find(executable);
  if (found !== undefined) return found;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '')) {
    for (const name of ['chromium', 'chromium-browser']) {
      const candidate = path.join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** A file or folder under ../shared, or undefined when it is not there. */
export function sharedPath(relative: string): string | undefined {
  const full = path.join(SHARED, relative);
  return existsSync(full) ? full : undefined;
}

/** Prints why a group of tests is skipped; returns `true` so it reads as `describe.skipIf(skipping(...))`. */
export function skipping(reason: string): true {
  process.stderr.write(`skipped: ${reason}\n`);
  return true;
}
