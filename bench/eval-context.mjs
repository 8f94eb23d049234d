// Bundles the context-engine evaluation (bench/eval/main.ts) with the engine's worker, as the real build does, and runs
// it. Usage: npm run eval:context -- --manifest ../shared/bench/dev.jsonl --repos DIR [--only TEXT] [--limit N] [--k N]
// [--json FILE] [--work DIR]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleContext } from '../scripts/bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'node_modules/.cache/techspec-eval-context');

// The evaluation imports the engine from the bundle, so that indexing uses worker threads as the real build does.
await bundleContext(outdir, { main: 'bench/eval/main.ts' });
await import(pathToFileURL(path.join(outdir, 'main.js')).href);
