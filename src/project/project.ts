// What rules may know of the repository: its files (git-aware) and its assistants' rule files. Read once per run.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { readFileSync } from 'node:fs';

export interface Project {
  /** Absolute path of the repository root; listed paths are relative to it. */
  root: string;
  /** Every file, repository-relative with `/` separators, sorted. */
  files: readonly string[];
  has(file: string): boolean;
  /** Project rule files of any assistant (Kilo Code, Claude, Cursor, Cline, Roo, Windsurf, Copilot, AGENTS.md). */
  ruleFiles: readonly string[];
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
];

const ALWAYS_IGNORED = ['.git', 'node_modules'];

export function createProject(root: string, files: readonly string[], extraRuleGlobs: readonly string[] = []): Project {
  const sorted = [...new Set(files)].sort();
  const set = new Set(sorted);
  const isRule = picomatch([...RULE_FILE_GLOBS, ...extraRuleGlobs], { dot: true });
  return {
    root,
    files: sorted,
    has: (file) => set.has(file),
    ruleFiles: sorted.filter((file) => isRule(file)),
  };
}

/** Lists the files of the repository at `root`: from git when it is a work tree, else by walking it. */
export function listFiles(root: string): string[] {
  const fromGit = gitFiles(root);
  return fromGit ?? walk(root);
}

function gitFiles(root: string): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 256 * 1024 * 1024,
    });
    return out.split('\0').filter((file) => file !== '');
  } catch {
    return undefined;
  }
}

function walk(root: string): string[] {
  const rules = ignore().add(ALWAYS_IGNORED);
  try {
    rules.add(readFileSync(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    // No .gitignore: nothing more to ignore.
  }
  const out: string[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!rules.ignores(`${rel}/`)) visit(rel);
      } else if (entry.isFile() && !rules.ignores(rel)) {
        out.push(rel);
      }
    }
  };
  visit('');
  return out;
}
