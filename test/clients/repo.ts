// The temp repository every client runs in: `git init`, rule files of each assistant with a marker line apiece, a spec
// to lint, then `techspec init --agents kilo,claude,gemini --yes` (or the client's own), and the package linked in as a
// user would install it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(PACKAGE_ROOT, 'bin/techspec.js');

/** The feature the create-techspec command is run for, and the spec the canned tool call lints. */
export const FEATURE = 'order-webhooks';
export const SPEC = 'tasks/prd-demo/techspec.md';
/** A TypeScript file that a `paths: src/**\/*.ts` rule covers. */
export const SOURCE = 'src/orders.ts';

/** Each rule file with the one line that shows it reached a prompt. */
export const RULE_MARKERS: Readonly<Record<string, string>> = {
  'CLAUDE.md': 'marker: tsr-claude-md',
  'AGENTS.md': 'marker: tsr-agents-md',
  'GEMINI.md': 'marker: tsr-gemini-md',
  '.kilo/rules/always.md': 'marker: tsr-kilo-always',
  '.kilo/rules/typescript.md': 'marker: tsr-kilo-paths',
  '.claude/rules/always.md': 'marker: tsr-claude-always',
  '.claude/rules/typescript.md': 'marker: tsr-claude-paths',
};

const PATHS_FRONT_MATTER = '---\npaths:\n  - "src/**/*.ts"\n---\n';

function ruleText(file: string, marker: string): string {
  const scoped = file.endsWith('typescript.md');
  const title = scoped ? 'TypeScript code' : 'Project conventions';
  return `${scoped ? PATHS_FRONT_MATTER : ''}# ${title}\n\nAnswer in short sentences.\n\n${marker}\n`;
}

const FIXTURES: Readonly<Record<string, string>> = {
  [SOURCE]: 'export interface Order {\n  id: string;\n  total: number;\n}\n',
  'tasks/prd-demo/prd.md':
    '# PRD: Order webhooks\n\n## Functional Requirements\n\n1. Send a webhook when an order is paid.\n',
  // Two sections only: lint finds the missing ones, so the tool result has findings to compare.
  [SPEC]: '# Tech Spec: Order webhooks\n\n## Executive Summary\n\nOrders send webhooks when they are paid.\n',
};

export interface TestRepo {
  root: string;
  home: string;
  /** What `techspec init` printed (its exit code is checked when the repository is made). */
  init: { code: number | null; out: string };
}

function git(cwd: string, args: readonly string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

export function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

export function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** Runs the built CLI in `cwd`. */
export function techspec(
  cwd: string,
  args: readonly string[],
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh repository and HOME; `prepare` adds files before init runs; `dispose` removes both. */
export function makeRepo(
  label: string,
  prepare?: (root: string) => void,
  agents = 'kilo,claude,gemini',
): TestRepo & { dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), `techspec-clients-${label}-repo-`));
  const home = mkdtempSync(path.join(os.tmpdir(), `techspec-clients-${label}-home-`));
  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['config', 'user.email', 'clients@example.test']);
  git(root, ['config', 'user.name', 'techspec clients suite']);
  git(root, ['config', 'commit.gpgsign', 'false']);
  for (const [file, marker] of Object.entries(RULE_MARKERS)) write(root, file, ruleText(file, marker));
  for (const [file, text] of Object.entries(FIXTURES)) write(root, file, text);
  // A local dependency (as after `npm install -D techspec`): init then writes `npx techspec` into entries and commands.
  write(
    root,
    'package.json',
    `${JSON.stringify({ private: true, devDependencies: { techspec: 'file:techspec' } }, null, 2)}\n`,
  );
  prepare?.(root);
  const init = techspec(root, ['init', '--agents', agents, '--yes']);
  // As after `npm install -D techspec`: node_modules/.bin/techspec is what `npx techspec mcp` finds (offline).
  mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
  symlinkSync(PACKAGE_ROOT, path.join(root, 'node_modules/techspec'), 'dir');
  symlinkSync('../techspec/bin/techspec.js', path.join(root, 'node_modules/.bin/techspec'));
  writeFileSync(path.join(root, '.git/info/exclude'), 'node_modules/\n');
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', 'techspec init']);
  return {
    root,
    home,
    init: { code: init.code, out: `${init.stdout}${init.stderr}` },
    dispose: () => {
      rmSync(root, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The body of a Markdown command file: the text after its front matter. */
export function commandBody(text: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return match ? text.slice(match[0].length) : text;
}
