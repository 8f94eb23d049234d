// A real repository for a benchmark (`--repo DIR` or BENCH_REPO=DIR): a dev-manifest checkout, cloned to a temporary
// folder so that nothing (caches) is written into it, and the spec the manifest names for it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MANIFEST = path.resolve(import.meta.dirname, '../../shared/bench/dev.jsonl');

/** The folder `--repo DIR`, `--repo=DIR` or BENCH_REPO names, or undefined; exits 2 when it is not a git checkout. */
export function repoArgument(bench) {
  const at = process.argv.findIndex((arg) => arg === '--repo' || arg.startsWith('--repo='));
  const value =
    at < 0
      ? process.env.BENCH_REPO
      : process.argv[at].includes('=')
        ? process.argv[at].slice(7)
        : process.argv[at + 1];
  if (value === undefined || value === '') return undefined;
  const dir = path.resolve(value);
  if (!existsSync(path.join(dir, '.git'))) {
    console.error(`${bench}: --repo ${value}: Not a git checkout, expected a folder with a .git`);
    process.exit(2);
  }
  return dir;
}

/** A clone of `dir` in a new temporary folder (`work`, to remove afterwards; the clone is `work/repo`). */
export function cloneRepository(dir, prefix) {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  const repo = path.join(work, 'repo');
  execFileSync('git', ['clone', '-q', '--local', dir, repo], { stdio: 'ignore' });
  return { work, repo };
}

/** The spec the manifest names for the checkout `dir` (its folder name is the case id), if it is in `repo`. */
export function manifestSpec(dir, repo) {
  if (!existsSync(MANIFEST)) return undefined;
  const id = path.basename(dir);
  for (const line of readFileSync(MANIFEST, 'utf8').split('\n')) {
    if (!line.includes(id)) continue;
    const entry = JSON.parse(line);
    if (entry.id === id && existsSync(path.join(repo, entry.spec_path))) return entry.spec_path;
  }
  return undefined;
}
