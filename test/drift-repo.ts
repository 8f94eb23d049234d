// Real git repositories for the drift tests: made in temp dirs, changed by real commits, removed after the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const IDENTITY = ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false'];

export class Repo {
  readonly root: string;

  constructor(files: Record<string, string> = {}, options: { commit?: boolean } = {}) {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'techspec-drift-'));
    this.git('init', '-q', '-b', 'main');
    this.write(files);
    if (options.commit !== false) this.commit('initial');
  }

  git(...args: string[]): string {
    return execFileSync('git', [...IDENTITY, ...args], {
      cwd: this.root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  write(files: Record<string, string>): void {
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
      writeFileSync(path.join(this.root, file), content);
    }
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  /** Stages everything and commits; returns the new HEAD. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '--allow-empty', '-m', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Spec text: front matter lines (none: no front matter) and body lines. */
export function spec(front: readonly string[], body: readonly string[]): string {
  const head = front.length === 0 ? [] : ['---', ...front, '---'];
  return [...head, ...body, ''].join('\n');
}
