// Tiny real git repositories for the context-engine tests, made in temp dirs and removed after the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

export interface RepoOptions {
  /** Symbolic links to create: link path → target (as written in the link). */
  links?: Record<string, string>;
  /** Make a git repository and commit everything (default), or leave a plain folder. */
  git?: boolean;
}

/** Writes `files` into a fresh temp dir and, unless told otherwise, commits them in a new git repository. */
export function makeRepo(files: Record<string, string | Uint8Array>, options: RepoOptions = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techspec-context-'));
  made.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  for (const [link, target] of Object.entries(options.links ?? {})) {
    mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    symlinkSync(target, path.join(dir, link));
  }
  if (options.git !== false) {
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(
      dir,
      '-c',
      'user.email=test@example.com',
      '-c',
      'user.name=test',
      'commit',
      '-qm',
      'init',
      '--no-verify',
      '--allow-empty',
    );
  }
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function removeRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
