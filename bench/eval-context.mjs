// Bundles the context-engine evaluation (bench/eval/main.ts) with the engine's worker, as the real build does, and runs
// it. Usage: npm run eval:context -- --manifest ../shared/bench/dev.jsonl --repos DIR [--only TEXT] [--limit N] [--k N]
// [--json FILE] [--work DIR]
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'node_modules/.cache/techspec-eval-context');

rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  // The worker sits beside the engine's chunk, where workers.ts looks for it: indexing uses worker threads.
  entryPoints: { main: 'bench/eval/main.ts', 'context-worker': 'src/context/context-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // web-tree-sitter finds its .wasm beside the module that loads it, so it stays in node_modules.
  external: ['web-tree-sitter', '@vscode/tree-sitter-wasm'],
  logLevel: 'warning',
});
await import(pathToFileURL(path.join(outdir, 'main.js')).href);
