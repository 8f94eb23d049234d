// A hostile repository for the security tests: a real git repository in a temp folder with a sibling folder
// `outside/` that it must never read or write, and links committed in it that point there (relative or absolute).
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A line no surface may ever show: it lives only outside the repository. */
export const SECRET = 'OUTSIDE-SECRET-7f3a';

export const SECRET_SPEC = [
  '---',
  'status: draft',
  '---',
  `# Tech Spec: ${SECRET}`,
  '',
  `## Executive Summary`,
  '',
  `${SECRET} lives outside the repository.`,
  '',
].join('\n');

export interface HostileRepo {
  root: string;
  outside: string;
  /** Every file under outside/, path → content: compare before and after to prove nothing was written there. */
  snapshot(): Record<string, string>;
}

/** `files` committed in `<tmp>/repo`, `outsideFiles` in `<tmp>/outside`, `links` (path in repo → target) committed too. */
export function hostileRepo(
  files: Record<string, string>,
  links: Record<string, string> = {},
  outsideFiles: Record<string, string> = { 'secret.md': SECRET_SPEC, 'config.sh': `export KEY=${SECRET}\n` },
): HostileRepo {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'techspec-hostile-'));
  made.push(parent);
  const root = path.join(parent, 'repo');
  const outside = path.join(parent, 'outside');
  const write = (base: string, entries: Record<string, string>): void => {
    for (const [file, content] of Object.entries(entries)) {
      mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
      writeFileSync(path.join(base, file), content);
    }
  };
  write(outside, outsideFiles);
  write(root, files);
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(root, link)), { recursive: true });
    symlinkSync(target, path.join(root, link));
  }
  const git = (...args: string[]): void => {
    execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'hostile', '--no-verify');
  return {
    root,
    outside,
    snapshot: () => {
      const out: Record<string, string> = {};
      for (const entry of readdirSync(outside, { recursive: true, encoding: 'utf8' })) {
        try {
          out[entry] = readFileSync(path.join(outside, entry), 'utf8');
        } catch {
          out[entry] = '<folder>';
        }
      }
      return out;
    },
  };
}

export function removeHostileRepos(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
