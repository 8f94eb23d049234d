// Builds dist/ once before the tests when it is missing or older than the sources: the CLI tests spawn the bundle.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export default function setup(): void {
  // The build itself decides whether the bundle is stale; types are not needed to run the CLI.
  execFileSync(
    process.execPath,
    [path.join(root, 'scripts/build.mjs'), '--no-types', '--quiet', '--if-stale'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
