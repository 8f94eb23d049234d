// What rules may know of the repository: its files (git-aware) and its assistants' rule files. Read once per run.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { discoverRuleSources } from '../rules-sources/discover.js';
import type { RuleSource } from '../rules-sources/model.js';
import { KILO_CONFIG_FILES, readKiloInstructions } from './kilo-config.js';
import { createPathIndex, type PathIndex } from './paths.js';

export { KILO_CONFIG_FILES, parseJsonc, readKiloInstructions } from './kilo-config.js';

export interface Project {
  /** Absolute path of the repository root; listed paths are relative to it. */
  root: string;
  /** Every file, repository-relative with `/` separators, sorted. */
  files: readonly string[];
  has(file: string): boolean;
  /** Project rule files of any assistant (Kilo Code, Claude, Cursor, Cline, Roo, Windsurf, Copilot, AGENTS.md). */
  ruleFiles: readonly string[];
  /** Folder, glob, suffix and near-miss lookups over `files`, built on first use (see `projectPaths`). */
  paths?: PathIndex;
  /** Whether the root `.gitignore` ignores a path: such a file may exist on disk without being listed. */
  ignores?(file: string): boolean;
  /** The rule files read and parsed (activation, globs, scope lines), on first use; absent from a hand-made Project. */
  ruleSources?: readonly RuleSource[];
}

/** Where each assistant keeps its project rules; deeper discovery and parsing belong to the context engine. */
export const RULE_FILE_GLOBS: readonly string[] = [
  '.kilocode/rules/**',
  '.kilocode/rules-*/**',
  '.kilocoderules',
  '.kilo/rules/**',
  '.claude/rules/**',
  '**/CLAUDE.md',
  '.cursor/rules/**',
  '.cursorrules',
  '.clinerules',
  '.clinerules/**',
  '.roo/rules/**',
  '.roo/rules-*/**',
  '.windsurf/rules/**',
  '.windsurfrules',
  '.github/copilot-instructions.md',
  '.github/instructions/**',
  '**/AGENTS.md',
  '.claude/skills/**',
  '.agents/skills/**',
  '.kilo/skills/**',
  '.kilocode/skills/**',
  '.cursor/skills/**',
  '.github/skills/**',
  '.agents/rules/**',
  '**/GEMINI.md',
];

const ALWAYS_IGNORED = ['.git', 'node_modules'];

/**
 * The repository as rules see it. When `files` lists a Kilo config (`kilo.jsonc`, `kilo.json`, also under `.kilo/`),
 * its `instructions` globs are read from disk under `root` and count as rule files too; a listed root `.gitignore`
 * is read for `ignores`.
 */
export function createProject(
  root: string,
  files: readonly string[],
  extraRuleGlobs: readonly string[] = [],
): Project {
  const sorted = [...new Set(files)].sort();
  const set = new Set(sorted);
  const kilo = KILO_CONFIG_FILES.filter((file) => set.has(file)).flatMap((file) =>
    readKiloInstructions(root, file),
  );
  const isRule = picomatch([...RULE_FILE_GLOBS, ...extraRuleGlobs, ...kilo], { dot: true });
  const ignored = set.has('.gitignore') ? readIgnore(path.join(root, '.gitignore')) : undefined;
  let paths: PathIndex | undefined;
  let sources: readonly RuleSource[] | undefined;
  return {
    root,
    files: sorted,
    has: (file) => set.has(file),
    ignores: (file) => ignored !== undefined && ignore.isPathValid(file) && ignored.ignores(file),
    ruleFiles: sorted.filter((file) => isRule(file)),
    get paths() {
      return (paths ??= createPathIndex(sorted));
    },
    get ruleSources() {
      return (sources ??= discoverRuleSources(root, sorted).sources);
    },
  };
}

/** The project's path index: the one `createProject` keeps, or a fresh one for a hand-made Project. */
export function projectPaths(project: Project): PathIndex {
  return project.paths ?? createPathIndex(project.files);
}

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

function readIgnore(file: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
