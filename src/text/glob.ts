// Globs written by users and by specs (Relevant Files, Standards Compliance, rule `globs`, Kilo `instructions`):
// compiled once each, and a glob picomatch cannot take (over its 64 KiB limit, or malformed) matches nothing instead
// of throwing through a whole run.
import picomatch from 'picomatch';

/** Longer globs are not compiled: no real glob comes near, and picomatch refuses 64 KiB outright. */
export const MAX_GLOB_LENGTH = 4096;

export type Matcher = (file: string) => boolean;

const NOTHING: Matcher = () => false;

/** A matcher for `glob`, or one that matches nothing when the glob is too long or cannot be compiled. */
export function safeGlob(glob: string, options: picomatch.PicomatchOptions = {}): Matcher {
  if (glob.length > MAX_GLOB_LENGTH) return NOTHING;
  try {
    return picomatch(glob, options);
  } catch {
    return NOTHING;
  }
}
