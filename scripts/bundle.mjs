// The esbuild settings every Node bundle of techspec shares (the build, the benchmarks, the worker test), and the
// bundle of the context engine with its worker. `node scripts/bundle.mjs OUTDIR` writes that bundle to OUTDIR.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/** One ESM bundle for Node 20, split into chunks that stay beside the entries. */
export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks stay beside the entries: the worker scripts are found next to the chunk that starts them.
  chunkNames: 'chunk-[hash]',
  // CommonJS dependencies (commander) call require(); an ESM bundle has none unless we make one.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // web-tree-sitter looks for its .wasm beside the module that loads it, so it must stay in node_modules.
  external: ['web-tree-sitter', '@vscode/tree-sitter-wasm'],
  logLevel: 'warning',
};

/**
 * Bundles `entries` (name → source, relative to the package root) into a fresh `outdir`, with the context engine's
 * worker beside them, as the real build lays it out: indexing then runs on worker threads.
 */
export async function bundleContext(outdir, entries = { index: 'src/context/index.ts' }) {
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    ...NODE_BUNDLE,
    absWorkingDir: root,
    entryPoints: { ...entries, 'context-worker': 'src/context/context-worker.ts' },
    outdir,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === undefined) {
    console.error('usage: node scripts/bundle.mjs OUTDIR');
    process.exit(2);
  }
  await bundleContext(path.resolve(process.argv[2]));
}
