// What rules may know of the repository: its files (git-aware) and its assistants' rule files. Read once per run.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { createPathIndex, type PathIndex } from './paths.js';

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

/** Kilo's project config files, whose `instructions` globs name more rule files. */
export const KILO_CONFIG_FILES: readonly string[] = [
  'kilo.jsonc',
  'kilo.json',
  '.kilo/kilo.jsonc',
  '.kilo/kilo.json',
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
  return {
    root,
    files: sorted,
    has: (file) => set.has(file),
    ignores: (file) => ignored !== undefined && ignore.isPathValid(file) && ignored.ignores(file),
    ruleFiles: sorted.filter((file) => isRule(file)),
    get paths() {
      return (paths ??= createPathIndex(sorted));
    },
  };
}

/** The project's path index: the one `createProject` keeps, or a fresh one for a hand-made Project. */
export function projectPaths(project: Project): PathIndex {
  return project.paths ?? createPathIndex(project.files);
}

/**
 * The repository-relative `instructions` globs of a Kilo config file (default: the first of KILO_CONFIG_FILES that
 * exists). Read leniently: comments and trailing commas are allowed; URLs, absolute and home paths are dropped; an
 * unreadable or malformed file gives [].
 */
export function readKiloInstructions(root: string, file?: string): string[] {
  const candidates = file ? [file] : KILO_CONFIG_FILES;
  for (const name of candidates) {
    let text: string;
    try {
      text = readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
    return instructionGlobs(parseJsonc(text));
  }
  return [];
}

function instructionGlobs(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const list = (config as { instructions?: unknown }).instructions;
  if (!Array.isArray(list)) return [];
  return list
    .filter((item): item is string => typeof item === 'string')
    .map((item) =>
      item
        .trim()
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, ''),
    )
    .filter((item) => item !== '' && !/^([a-z]+:|\/|~)/i.test(item) && !item.startsWith('../'));
}

/** JSON with comments and trailing commas, as Kilo and VS Code accept it; undefined when still not JSON. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
      out += ' ';
    } else out += ch;
  }
  try {
    return JSON.parse(dropTrailingCommas(out)) as unknown;
  } catch {
    return undefined;
  }
}

function dropTrailingCommas(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] ?? '';
    if (ch === '"') {
      const end = stringEnd(json, i);
      out += json.slice(i, end);
      i = end - 1;
    } else if (ch !== ',' || !closesNext(json, i + 1)) out += ch;
  }
  return out;
}

/** Whether the next non-blank character from `from` closes an object or array. */
function closesNext(json: string, from: number): boolean {
  let i = from;
  while (i < json.length && /\s/.test(json[i] ?? '')) i++;
  return json[i] === '}' || json[i] === ']';
}

/** Index just past the closing quote of the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
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
