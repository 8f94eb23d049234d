// Finds each evaluated repository under --repos and materialises a commit of it once per run, reused across cases.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GIT_OPTIONS = { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 } as const;

/** Where one repository's history is: its git directory (a bare mirror, or the .git of a checkout). */
export interface RepoSource {
  gitDir: string;
}

/** A materialised commit: the tree on disk (a fresh one-commit repository) and the blobs the mirror lacked. */
export interface Checkout {
  root: string;
  missing: string[];
}

function isGitDir(dir: string): boolean {
  return existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'));
}

/** The git directory of `owner/name` under `reposDir`, in any of the accepted layouts, or undefined. */
export function findRepo(reposDir: string, repo: string): RepoSource | undefined {
  const [owner = '', name = ''] = repo.split('/');
  const bases = [
    path.join(reposDir, `${owner}+${name}`, 'repo'),
    path.join(reposDir, `${owner}+${name}`),
    path.join(reposDir, owner, name),
  ];
  for (const base of bases) {
    if (!existsSync(base) || !statSync(base).isDirectory()) continue;
    if (isGitDir(base)) return { gitDir: base };
    if (isGitDir(path.join(base, '.git'))) return { gitDir: path.join(base, '.git') };
  }
  return undefined;
}

export function hasCommit(source: RepoSource, commit: string): boolean {
  return (
    spawnSync('git', [`--git-dir=${source.gitDir}`, 'cat-file', '-e', `${commit}^{commit}`]).status === 0
  );
}

/** The text of `file` at `commit`, or undefined when the commit or the file is not there. */
export function showFile(source: RepoSource, commit: string, file: string): string | undefined {
  const run = spawnSync('git', [`--git-dir=${source.gitDir}`, 'show', `${commit}:${file}`], GIT_OPTIONS);
  return run.status === 0 ? run.stdout : undefined;
}

/**
 * The tree of `commit` under `workDir`, made once by checkout.sh and reused (a marker beside it says it finished).
 * When the mirror lacks some blobs (large files left out), checkout.sh fails; then every present blob is written and
 * the missing ones are reported, so that one absent image does not lose a repository.
 */
export function materialise(
  checkoutScript: string,
  source: RepoSource,
  commit: string,
  at: { workDir: string; slug: string },
): Checkout {
  const { workDir, slug } = at;
  const root = path.join(workDir, 'trees', slug, commit);
  const marker = `${root}.done.json`;
  if (existsSync(marker) && existsSync(root)) {
    return { root, missing: (JSON.parse(readFileSync(marker, 'utf8')) as { missing: string[] }).missing };
  }
  mkdirSync(path.dirname(root), { recursive: true });
  const run = spawnSync('bash', [checkoutScript, source.gitDir, commit, root], GIT_OPTIONS);
  const missing = run.status === 0 ? [] : partialCheckout(source, commit, root);
  writeFileSync(marker, JSON.stringify({ missing }));
  return { root, missing };
}

/** What checkout.sh does, without the blobs the mirror lacks; returns their paths. */
function partialCheckout(source: RepoSource, commit: string, root: string): string[] {
  const git = (args: string[], input?: string): string =>
    execFileSync('git', [`--git-dir=${source.gitDir}`, ...args], {
      ...GIT_OPTIONS,
      ...(input === undefined ? {} : { input }),
    });
  const entries = git(['ls-tree', '-r', '-z', '--full-tree', commit])
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta = '', file = ''] = line.split('\t');
      const [, type = '', oid = ''] = meta.split(' ');
      return { type, oid, file };
    })
    .filter((entry) => entry.type === 'blob');
  const status = git(['cat-file', '--batch-check'], entries.map((entry) => entry.oid).join('\n') + '\n')
    .split('\n')
    .slice(0, entries.length);
  const present = entries.filter((_, i) => !(status[i] ?? '').endsWith(' missing'));
  const missing = entries.filter((_, i) => (status[i] ?? '').endsWith(' missing')).map((entry) => entry.file);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (let i = 0; i < present.length; i += 500) {
    const files = present.slice(i, i + 500).map((entry) => entry.file);
    const tar = spawnSync('git', [`--git-dir=${source.gitDir}`, 'archive', commit, '--', ...files], {
      maxBuffer: 1024 * 1024 * 1024,
      env: { ...process.env, GIT_LITERAL_PATHSPECS: '1' },
    });
    if (tar.status !== 0) throw new Error(`git archive failed for ${commit}: ${tar.stderr.toString()}`);
    execFileSync('tar', ['-x', '-C', root], { input: tar.stdout });
  }
  execFileSync('git', ['-C', root, 'init', '-q']);
  execFileSync('git', ['-C', root, 'add', '-A']);
  execFileSync('git', [
    '-C',
    root,
    '-c',
    'user.email=eval@localhost',
    '-c',
    'user.name=eval',
    'commit',
    '-qm',
    `state at ${commit} (${missing.length} blobs missing from the mirror)`,
    '--no-verify',
  ]);
  return missing;
}
