// Builds dist/: esbuild bundles the CLI, the library and the lint and context workers (shared chunks), Vite builds the
// dashboard into dist/web, then tsc writes types.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { NODE_BUNDLE } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const started = Date.now();

// --if-stale (the test setup's mode): nothing to do when the CLI bundle is newer than every input.
if (process.argv.includes('--if-stale') && bundleUpToDate()) process.exit(0);

// The lint worker has no source file of its own: its entry is one call into src/lint/files.ts.
const workerEntry = {
  name: 'lint-worker-entry',
  setup(build) {
    build.onResolve({ filter: /^techspec:lint-worker$/ }, () => ({
      path: 'lint-worker',
      namespace: 'techspec',
    }));
    build.onLoad({ filter: /.*/, namespace: 'techspec' }, () => ({
      contents: "import { serveLintWorker } from './src/lint/files.ts';\nserveLintWorker();\n",
      resolveDir: root,
      loader: 'ts',
    }));
  },
};

// markdown-it's published build defines every class field through Babel's `_defineProperty` helper, which
// runs a type check per field of every Token it creates: about a twentieth of a lint run. A plain assignment
// is equivalent for these classes (no setters, no inherited fields), so the bundle gets that instead: the
// helper becomes an assignment, and each `_defineProperty(this, "field", value)` in a constructor becomes
// `this.field = value` (one call fewer per field of every token, which cold code does not inline).
const markdownItFields = {
  name: 'markdown-it-fields',
  setup(build) {
    build.onLoad({ filter: /markdown-it[\\/]dist[\\/]markdown-it\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const helper = /function _defineProperty\(e, r, t\) \{[\s\S]*?\n\}/;
      if (!helper.test(source)) return undefined;
      const fields = /_defineProperty\(\s*this,\s*(?:\/\*[\s\S]*?\*\/\s*)?"(\w+)",\s*([^;]*?)\s*\);/g;
      return {
        contents: source
          .replace(helper, 'function _defineProperty(e, r, t) {\n\te[r] = t;\n\treturn e;\n}')
          .replace(fields, 'this.$1 = $2;'),
        loader: 'js',
      };
    });
  },
};

// zod re-exports every locale it ships (`z.locales`, about 60 languages, a fifth of the code a lint run loads and
// compiles at start-up); techspec uses none of them (zod's own messages come from English, which it imports
// directly). The bundle keeps English alone under `z.locales`.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: path.join(path.dirname(args.importer), '../locales/en.js'), namespace: 'zod-locales' };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'src/cli/main.ts',
    index: 'src/index.ts',
    'lint-worker': 'techspec:lint-worker',
    'context-worker': 'src/context/context-worker.ts',
    'lsp-context-worker': 'src/lsp/context-worker.ts',
  },
  outdir: 'dist',
  ...NODE_BUNDLE,
  plugins: [workerEntry, markdownItFields, zodEnglishOnly],
  metafile: true,
});

// `techspec lint --help` lists the rules from this catalog (src/cli/rule-catalog.ts) instead of loading every rule.
const { RULES } = await import(`${pathToFileURL(path.join(dist, 'index.js')).href}?build=${started}`);
writeFileSync(
  path.join(dist, 'rules.json'),
  `${JSON.stringify(RULES.map(({ id, description }) => ({ id, description })))}\n`,
);

// The dashboard (web/, plain TypeScript and CSS) becomes dist/web, which `techspec serve` serves from memory.
const { build: viteBuild } = await import('vite');
await viteBuild({
  root: path.join(root, 'web'),
  configFile: false,
  base: '/',
  logLevel: process.argv.includes('--quiet') ? 'silent' : 'warn',
  build: {
    outDir: path.join(dist, 'web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    reportCompressedSize: false,
  },
});

// Remove chunks of earlier builds only now, so a CLI running during the build keeps its files until the end.
const outputs = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
for (const name of readdirSync(dist)) {
  const file = path.join(dist, name);
  if (name.endsWith('.js') && !outputs.has(file)) rmSync(file);
}

// Declarations take tsc several seconds, so they are skipped when no input changed since the last run, and
// written with --noCheck: type errors are `npm run typecheck`'s job (npm test runs it), not the build's.
const stamp = path.join(root, 'node_modules/.cache/techspec/types.stamp');
if (!process.argv.includes('--no-types') && !typesUpToDate()) {
  const begun = new Date();
  rmSync(path.join(dist, 'types'), { recursive: true, force: true });
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], {
    cwd: root,
    stdio: 'inherit',
  });
  keepPublicDeclarations(path.join(dist, 'types'));
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${begun.toISOString()}\n`);
  // Dated when tsc started, so that a file saved while it ran still counts as newer.
  utimesSync(stamp, begun, begun);
}

/**
 * Deletes every declaration file the public API (types/index.d.ts) does not reach through its imports: the package
 * ships the types its users can name, not one file per internal module.
 */
function keepPublicDeclarations(types) {
  const keep = new Set();
  const visit = (file) => {
    if (keep.has(file) || !existsSync(file)) return;
    keep.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(path.resolve(path.dirname(file), match[1].replace(/\.js$/, '.d.ts')));
    }
  };
  visit(path.join(types, 'index.d.ts'));
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) {
        walk(file);
        if (readdirSync(file).length === 0) rmSync(file, { recursive: true });
      } else if (!keep.has(file)) rmSync(file);
    }
  };
  walk(types);
}

function typesUpToDate() {
  if (!existsSync(stamp) || !existsSync(path.join(dist, 'types/index.d.ts'))) return false;
  const built = statSync(stamp).mtimeMs;
  const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => path.join(root, f));
  return newestMtime([...inputs, path.join(root, 'src')]) < built;
}

function bundleUpToDate() {
  const bundle = path.join(dist, 'cli.js');
  const inputs = ['src', 'web', 'scripts/build.mjs', 'scripts/bundle.mjs', 'package.json'].map((p) =>
    path.join(root, p),
  );
  const web = path.join(dist, 'web/index.html');
  return existsSync(bundle) && existsSync(web) && newestMtime(inputs) <= statSync(bundle).mtimeMs;
}

function newestMtime(paths) {
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

if (!process.argv.includes('--quiet')) {
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
