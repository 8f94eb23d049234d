// npm's prepare step: in a source checkout (`npm ci`, a git dependency) it builds dist/; in an installed package,
// which ships dist/ already built and neither the build script nor its dev dependencies, it does nothing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = path.join(root, 'scripts/build.mjs');
if (existsSync(build) && existsSync(path.join(root, 'node_modules/esbuild'))) {
  await import(build);
}
