// Bundles the lint evaluation (bench/eval/lint-main.ts) with the library sources and runs it.
// Usage: npm run eval:lint -- --manifest ../shared/bench/dev.jsonl --repos DIR [--labels FILE] [--out FILE]
// [--todo FILE] [--only TEXT] [--config JSON] [--quiet]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from '../scripts/bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'node_modules/.cache/techspec-eval-lint');

await esbuild.build({
  ...NODE_BUNDLE,
  absWorkingDir: root,
  entryPoints: { main: 'bench/eval/lint-main.ts' },
  outdir,
});
await import(pathToFileURL(path.join(outdir, 'main.js')).href);
