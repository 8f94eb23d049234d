// The git questions a drift check asks: HEAD, a baseline's commit, what changed since it, what it held, a grep.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { TechspecError } from '../errors.js';

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
    throw new TechspecError(
      'GIT',
      `Cannot ${what} (git ${args.join(' ')} failed), expected a readable git repository`,
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
  if ((await tryGit(root, ['rev-parse', '--is-inside-work-tree']))?.trim() !== 'true') {
    throw new TechspecError(
      'GIT',
      `Not a git work tree: ${root}, expected a git repository (drift is measured against commits)`,
    );
  }
  const head = (await tryGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']))?.trim();
  if (!head) {
    throw new TechspecError(
      'GIT',
      `The repository at ${root} has no commits, expected at least one commit to compare specs with`,
    );
  }
  const shallow = (await tryGit(root, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  return { head, shallow };
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

/** Changes from `base` to the working tree (tracked files, staged or not), renames followed, under `root`. */
export async function changesSince(root: string, base: string): Promise<Change[]> {
  const out = await git(
    root,
    ['diff', '--find-renames', '--name-status', '-z', '--relative', base, '--'],
    'list the changes since the baseline',
  );
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

/** Lines added and removed per path since `base` (the new path for a rename). */
export async function lineCounts(root: string, base: string): Promise<Map<string, [number, number]>> {
  const out = await git(
    root,
    ['diff', '--find-renames', '--numstat', '-z', '--relative', base, '--'],
    'count the changed lines since the baseline',
  );
  const counts = new Map<string, [number, number]>();
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const match = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(fields[i] ?? '');
    if (!match) continue;
    const pair: [number, number] = [Number(match[1]) || 0, Number(match[2]) || 0];
    // A rename is `added\tdeleted\t` then the old and the new path as fields of their own.
    if (match[3] === '') {
      counts.set(fields[i + 2] ?? '', pair);
      i += 2;
    } else counts.set(match[3] ?? '', pair);
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
 * Lines of text files under `root` that contain any of `needles` (fixed strings) or match any of `patterns`
 * (POSIX extended regexes): at commit `rev`, or in the working tree (untracked, not ignored files included).
 */
export async function grepLines(
  root: string,
  search: { needles?: readonly string[]; patterns?: readonly string[] },
  rev?: string,
): Promise<GrepLine[]> {
  const terms = search.needles ?? search.patterns ?? [];
  if (terms.length === 0) return [];
  const args = ['grep', '--null', '-I', '--no-color', search.needles ? '-F' : '-E'];
  for (const term of terms) args.push('-e', term);
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
