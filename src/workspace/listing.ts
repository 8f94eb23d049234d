// Lists a repository's files: from git when it is a work tree, else by a walk that honours its `.gitignore` files.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

const ALWAYS_IGNORED = ['.git', 'node_modules'];

/** The top folder of the git work tree that holds `cwd`, or undefined outside git. */
export function gitTopLevel(cwd: string): string | undefined {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return top === '' ? undefined : path.resolve(top);
  } catch {
    return undefined;
  }
}

/**
 * Lists the files of the repository at `root`, sorted: from git when it is a work tree (tracked files still on
 * disk, plus untracked ones that no ignore rule hides), else by walking it with its `.gitignore` files. Either way
 * nothing under `.git` or `node_modules` is listed.
 */
export function listFiles(root: string): string[] {
  const files = gitFiles(root) ?? walk(root);
  return files.filter((file) => !file.split('/').some((segment) => ALWAYS_IGNORED.includes(segment))).sort();
}

function gitFiles(root: string): string[] | undefined {
  const git = (args: string[]): string[] =>
    execFileSync('git', ['ls-files', '-z', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    })
      .split('\0')
      .filter((file) => file !== '');
  try {
    const deleted = new Set(git(['--deleted']));
    return git(['--cached', '--others', '--exclude-standard']).filter((file) => !deleted.has(file));
  } catch {
    return undefined;
  }
}

/** A walk that honours each folder's `.gitignore`, as git does, for folders that are not work trees. */
function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string, scopes: { base: string; rules: Ignore }[]): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    const own = readIgnore(path.join(root, dir, '.gitignore'));
    const active = own ? [...scopes, { base: dir, rules: own }] : scopes;
    const ignored = (rel: string): boolean =>
      active.some(({ base, rules }) => rules.ignores(base === '' ? rel : rel.slice(base.length + 1)));
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!ALWAYS_IGNORED.includes(entry.name) && !ignored(`${rel}/`)) visit(rel, active);
      } else if (entry.isFile() && !ignored(rel)) {
        out.push(rel);
      }
    }
  };
  visit('', []);
  return out;
}

/** The rules of one `.gitignore` file, or undefined when it cannot be read. */
export function readIgnore(file: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
