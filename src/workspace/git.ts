// The one git fact the workflow records: the commit a spec is written against (its `baseline`).
import { execFileSync } from 'node:child_process';
import { gitTopLevel } from './listing.js';

export type Head =
  | { kind: 'commit'; sha: string }
  /** A git repository whose branch has no commit yet. */
  | { kind: 'no-commits' }
  /** Not inside a git work tree. */
  | { kind: 'no-git' };

/** The commit HEAD points at in the work tree holding `root`. */
export function headCommit(root: string): Head {
  if (gitTopLevel(root) === undefined) return { kind: 'no-git' };
  try {
    const sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? { kind: 'commit', sha } : { kind: 'no-commits' };
  } catch {
    return { kind: 'no-commits' };
  }
}
