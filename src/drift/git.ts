// The git questions a drift check asks: HEAD, a baseline's commit, what changed since it, what it held, a grep.
import path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { TechspecError } from '../errors.js';
import { headCommit } from '../workspace/git.js';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/** Runs git in `root` (paths in and out are relative to it); undefined when git fails. */
async function tryGit(root: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', [...args], { cwd: root, encoding: 'utf8', maxBuffer: MAX_BUFFER });
    return stdout;
  } catch (error) {
    // `git grep` exits 1 when nothing matched: an answer, not a failure.
    const failed = error as { code?: unknown; stdout?: unknown };
    if (args[0] === 'grep' && failed.code === 1)
      return typeof failed.stdout === 'string' ? failed.stdout : '';
    return undefined;
  }
}

async function git(root: string, args: readonly string[], what: string): Promise<string> {
  const out = await tryGit(root, args);
  if (out === undefined) {
    // Diffs limited to many paths would make an endless line: the command and its first arguments say enough.
    const shown = args.length > 12 ? [...args.slice(0, 12), '…'] : args;
    throw new TechspecError(
      'GIT',
      `Cannot ${what} (git ${shown.join(' ')} failed), expected a readable git repository`,
    );
  }
  return out;
}

export interface Repository {
  head: string;
  shallow: boolean;
}

/** HEAD's commit, or a GIT error for a folder outside git or a repository with no commits yet. */
export async function openRepository(root: string): Promise<Repository> {
  const head = headCommit(root);
  if (head.kind === 'no-git') {
    throw new TechspecError(
      'GIT',
      `Not a git work tree: ${root}, expected a git repository (drift is measured against commits)`,
    );
  }
  if (head.kind === 'no-commits') {
    throw new TechspecError(
      'GIT',
      `The repository at ${root} has no commits, expected at least one commit to compare specs with`,
    );
  }
  const shallow = (await tryGit(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  return { head: head.sha, shallow };
}

/** The commit a baseline names (a sha, a tag, a branch), or undefined when this repository has no such commit. */
export async function resolveCommit(root: string, ref: string): Promise<string | undefined> {
  if (!/^[\w./@^~{}-]+$/.test(ref) || ref.startsWith('-')) return undefined;
  return (await tryGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim() || undefined;
}

export interface Change {
  status: 'added' | 'changed' | 'deleted' | 'renamed';
  path: string;
  /** The new path of a rename. */
  to?: string;
}

/**
 * Changes from `base` to the working tree (tracked files, staged or not) of `paths` (files, or folders meaning all
 * under them), relative to `root`; a deleted path that git sees renamed is reported as the rename. Limited to those
 * paths, the diffs stay fast on a baseline thousands of changes behind. `added` gives the files added since `base`.
 */
export async function changesOf(
  root: string,
  base: string,
  paths: readonly string[],
  added: () => Promise<readonly string[]>,
): Promise<Change[]> {
  const inside = pathspecsInside(paths);
  if (inside.length === 0) return [];
  const listed = parseNameStatus(await diff(root, ['--no-renames', '--name-status', base, '--', ...inside]));
  const deleted = listed.filter((c) => c.status === 'deleted').map((c) => c.path);
  if (deleted.length === 0) return listed;
  const all = await added();
  const renames = await renamesAmong(root, base, deleted, renameCandidates(deleted, all));
  const moved = new Set(renames.map((c) => c.path));
  const unmatched = deleted.filter((file) => !moved.has(file));
  // A file both moved and renamed: worth comparing with every added file while there are not too many.
  if (unmatched.length > 0 && all.length <= MAX_RENAME_CANDIDATES) {
    for (const change of await renamesAmong(root, base, unmatched, all)) {
      renames.push(change);
      moved.add(change.path);
    }
  }
  return [...listed.filter((c) => !moved.has(c.path)), ...renames];
}

/** Above this many files added since a baseline, a deletion is compared only with likely targets. */
const MAX_RENAME_CANDIDATES = 1000;

async function renamesAmong(
  root: string,
  base: string,
  deleted: readonly string[],
  candidates: readonly string[],
): Promise<Change[]> {
  if (candidates.length === 0) return [];
  const out = await diff(root, ['--find-renames', '--name-status', base, '--', ...deleted, ...candidates]);
  return parseNameStatus(out).filter((c) => c.status === 'renamed' && deleted.includes(c.path));
}

/** Files added since a baseline, relative to `root`. */
export async function addedSince(root: string, base: string): Promise<string[]> {
  const out = await diff(root, ['--no-renames', '--name-only', '--diff-filter=A', base, '--']);
  return out.split('\0').filter((file) => file !== '');
}

/**
 * Where a deleted file most likely went: an added file with its name (moved) or in its folder (renamed). Comparing
 * a deletion with every file added since an old baseline costs seconds.
 */
function renameCandidates(deleted: readonly string[], added: readonly string[]): string[] {
  const names = new Set(deleted.map((file) => file.slice(file.lastIndexOf('/') + 1)));
  const folders = new Set(deleted.map((file) => file.slice(0, Math.max(0, file.lastIndexOf('/')))));
  const likely = added.filter(
    (file) =>
      names.has(file.slice(file.lastIndexOf('/') + 1)) ||
      folders.has(file.slice(0, Math.max(0, file.lastIndexOf('/')))),
  );
  // Each is an argument of one git command line: stay far below the system's limit.
  return likely.slice(0, 5 * MAX_RENAME_CANDIDATES);
}

/** `git diff -z --relative` with paths taken literally (`app/[id]/route.ts` is no pattern). */
function diff(root: string, args: readonly string[]): Promise<string> {
  return git(
    root,
    ['--literal-pathspecs', 'diff', '-z', '--relative', ...args],
    'list the changes since the baseline',
  );
}

function parseNameStatus(out: string): Change[] {
  const fields = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length;) {
    const letter = fields[i]?.[0] ?? '';
    const path = fields[i + 1] ?? '';
    if (letter === 'R' || letter === 'C') {
      const to = fields[i + 2] ?? '';
      changes.push(letter === 'R' ? { status: 'renamed', path, to } : { status: 'added', path: to });
      i += 3;
      continue;
    }
    const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'changed';
    if (letter !== '') changes.push({ status, path });
    i += 2;
  }
  return changes;
}

/**
 * The paths git can take as pathspecs: a spec may list `../../etc/passwd`, and git refuses a pathspec outside the
 * repository, failing the spec's whole check. Such a path has no history here; its existence check reports it.
 */
function pathspecsInside(paths: readonly string[]): string[] {
  return paths.filter((file) => {
    const normal = path.posix.normalize(file);
    return !path.posix.isAbsolute(normal) && normal !== '..' && !normal.startsWith('../');
  });
}

/** Lines added and removed since `base`, per changed path of `paths`. */
export async function lineCounts(
  root: string,
  base: string,
  paths: readonly string[],
): Promise<Map<string, [number, number]>> {
  const counts = new Map<string, [number, number]>();
  const inside = pathspecsInside(paths);
  if (inside.length === 0) return counts;
  for (const row of (await diff(root, ['--no-renames', '--numstat', base, '--', ...inside])).split('\0')) {
    const match = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(row);
    if (match) counts.set(match[3] ?? '', [Number(match[1]) || 0, Number(match[2]) || 0]);
  }
  return counts;
}

/** The files of commit `base` under `root`, relative to it. */
export async function filesAt(root: string, base: string): Promise<string[]> {
  const out = await git(root, ['ls-tree', '-r', '--name-only', '-z', base], 'list the files of the baseline');
  return out.split('\0').filter((file) => file !== '');
}

export interface GrepLine {
  file: string;
  text: string;
}

/**
 * Lines of text files under `root` that contain any of `needles` (fixed strings): at commit `rev`, or in the working
 * tree (untracked, not ignored files included).
 */
export async function grepLines(root: string, needles: readonly string[], rev?: string): Promise<GrepLine[]> {
  if (needles.length === 0) return [];
  const args = ['grep', '--null', '-I', '--no-color', '-F'];
  for (const needle of needles) args.push('-e', needle);
  args.push(...(rev ? [rev] : ['--untracked']), '--');
  const out = await git(root, args, 'search the code');
  const prefix = rev ? `${rev}:` : '';
  const lines: GrepLine[] = [];
  for (const row of out.split('\n')) {
    const nul = row.indexOf('\0');
    if (nul < 0) continue;
    const file = row.slice(0, nul);
    lines.push({
      file: file.startsWith(prefix) ? file.slice(prefix.length) : file,
      text: row.slice(nul + 1),
    });
  }
  return lines;
}

/** Files at commit `rev` (relative to `root`) whose text contains any of `needles` (fixed strings). */
export async function filesContaining(
  root: string,
  needles: readonly string[],
  rev: string,
): Promise<Set<string>> {
  const args = ['grep', '-l', '-z', '-I', '-F'];
  for (const needle of needles) args.push('-e', needle);
  const out = await git(root, [...args, rev, '--'], 'search the code');
  return new Set(
    out.split('\0').flatMap((file) => (file.startsWith(`${rev}:`) ? [file.slice(rev.length + 1)] : [])),
  );
}

/**
 * The text of `files` (relative to `root`) as commit `rev` holds them, read through one `git cat-file --batch`;
 * files missing at that commit, or not valid UTF-8, are left out.
 */
export function readAt(root: string, rev: string, files: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (files.length === 0) return Promise.resolve(texts);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const out = Buffer.concat(chunks);
      const decoder = new TextDecoder('utf-8', { fatal: true });
      let at = 0;
      for (const file of files) {
        const end = out.indexOf(0x0a, at);
        if (end < 0) break;
        const header = out.subarray(at, end).toString('utf8');
        at = end + 1;
        const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
        if (size === undefined) continue;
        const bytes = out.subarray(at, at + Number(size));
        at += Number(size) + 1;
        try {
          texts.set(file, decoder.decode(bytes));
        } catch {
          // Not text: no routes in it.
        }
      }
      resolve(texts);
    });
    // `rev:./path` names a path relative to the working directory, as every other path here is.
    child.stdin.end(files.map((file) => `${rev}:./${file}\n`).join(''));
  });
}
