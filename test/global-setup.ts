// Builds dist/ once before the tests when it is missing or older than the sources: the CLI tests spawn the bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export default function setup(): void {
  const bundle = path.join(root, 'dist/cli.js');
  const inputs = ['src', 'scripts/build.mjs', 'package.json'].map((p) => path.join(root, p));
  if (existsSync(bundle) && newestMtime(inputs) <= statSync(bundle).mtimeMs) return;
  // Types are not needed to run the CLI; `npm run build` writes them.
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--no-types', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}

function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  for (const file of paths) {
    if (!existsSync(file)) continue;
    const stats = statSync(file);
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory())
      newest = Math.max(newest, newestMtime(readdirSync(file).map((n) => path.join(file, n))));
  }
  return newest;
}
