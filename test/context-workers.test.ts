// Worker threads change nothing but speed: the bundled engine gives the same index and ranking with and without them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeRepo, removeRepos } from './context-repos.js';

const root = path.resolve(import.meta.dirname, '..');
// Inside the project, so that the bundle finds web-tree-sitter in node_modules as dist/ does.
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const bundleDir = mkdtempSync(path.join(root, 'node_modules/.cache/techspec-context-bundle-'));

afterAll(() => {
  removeRepos();
  rmSync(bundleDir, { recursive: true, force: true });
});

it('indexes and ranks the same on worker threads as on the main thread', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    const next = (i + 1) % 60;
    files[`src/module${i}/service${i}.ts`] =
      `import { Service${next} } from '../module${next}/service${next}';\n` +
      `export class Service${i} {\n  run() {\n    return new Service${next}();\n  }\n}\n// card payment ${'limit '.repeat(i % 5)}\n`;
  }
  files['docs/guide.md'] = '# Card payments\n';
  files['logo.png'] = 'png';
  const repo = makeRepo(files);
  // The same bundle layout as the build's: the worker script sits beside the library's chunks.
  execFileSync(process.execPath, [path.join(root, 'scripts/bundle.mjs'), bundleDir], { cwd: root });
  const script = path.join(bundleDir, 'run.mjs');
  writeFileSync(
    script,
    `import { buildIndex, rankFiles } from './index.js';
const out = [];
for (const workers of [0, 1]) {
  const index = await buildIndex(process.argv[2], { cacheDir: false, workers });
  out.push({ stats: { ...index.stats, ms: 0 }, files: index.files, ranked: rankFiles(index, { text: 'card payment limit Service7' }) });
}
process.stdout.write(JSON.stringify(out));
`,
  );
  const [inline, threaded] = JSON.parse(
    execFileSync(process.execPath, [script, repo], { cwd: root, encoding: 'utf8' }),
  ) as unknown[];
  expect(threaded).toEqual(inline);
  expect((inline as { stats: { parsed: number; indexed: number } }).stats).toMatchObject({
    parsed: 60,
    indexed: 61,
  });
});
