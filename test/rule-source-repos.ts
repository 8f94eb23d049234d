// Tiny real git repositories for the rule-source tests, and the brief form of a RuleSource they compare.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listFiles } from '../src/workspace/project.js';
import { discoverRuleSources, type RuleScan } from '../src/assistants/rules/discover.js';
import type { RuleActivation, RuleCategory, RuleSource, RuleTool } from '../src/assistants/rules/model.js';

const made: string[] = [];

/** Removes the repositories made so far (call it from `afterAll`). */
export function removeRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A committed git repository in a temp dir holding `files` (a Buffer is written as is) and symbolic `links`. */
export function repo(files: Record<string, string | Buffer>, links: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techspec-rules-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    symlinkSync(target, path.join(dir, name));
  }
  const git = (...args: string[]) =>
    spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'rules');
  return dir;
}

export function scan(
  files: Record<string, string | Buffer>,
  options: { maxBodyBytes?: number } = {},
): RuleScan {
  const root = repo(files);
  return discoverRuleSources(root, listFiles(root), options);
}

// The fields that say where a rule applies; body facts are checked on their own below.
const BRIEF_KEYS = [
  'path',
  'tool',
  'mode',
  'category',
  'activation',
  'activationNote',
  'globs',
  'description',
  'appliesToTechSpec',
  'folder',
  'skill',
  'excludeAgent',
  'copies',
  'problems',
] as const;

export function brief(source: RuleSource): Record<string, unknown> {
  return Object.fromEntries(BRIEF_KEYS.filter((key) => key in source).map((key) => [key, source[key]]));
}

export function briefs(files: Record<string, string | Buffer>): Record<string, unknown>[] {
  return scan(files).sources.map(brief);
}

/** The expected brief of a source: no globs, problems or copies unless given; standards and skills apply. */
export function rule(
  path: string,
  tool: RuleTool,
  category: RuleCategory,
  activation: RuleActivation,
  more: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    path,
    tool,
    category,
    activation,
    globs: [],
    appliesToTechSpec: category === 'standard' || category === 'skill',
    copies: [],
    problems: [],
    ...more,
  };
}

export const fm = (lines: string): string => `---\n${lines}\n---\n`;
