// The language server's background thread changes where context and drift answers are computed, never what they are:
// bundled as the build lays it out, the thread gives getContext's and checkDrift's own answers, and a TechspecError
// (a folder outside git) comes back as one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeRepo, removeRepos } from './context-repos.js';

const root = path.resolve(import.meta.dirname, '..');
// Inside the project, so that the bundle finds web-tree-sitter in node_modules as dist/ does.
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const bundleDir = mkdtempSync(path.join(root, 'node_modules/.cache/techspec-lsp-thread-'));

afterAll(() => {
  removeRepos();
  rmSync(bundleDir, { recursive: true, force: true });
});

it('answers context and drift on its thread as the library does on this one', () => {
  const spec =
    '# Tech Spec: Card limits\n\n## Executive Summary\n\nRaise card payment limits.\n\n' +
    '## Technical Considerations\n\n### Relevant Files\n\n- `src/cards/limits.ts`\n';
  const repo = makeRepo({
    'src/cards/limits.ts': 'export class CardLimits {\n  raise() {\n    return 1;\n  }\n}\n',
    'src/users/profile.ts': 'export const profile = 1;\n',
    'tasks/prd-limits/techspec.md': spec,
  });
  const plain = makeRepo({ 'tasks/prd-x/techspec.md': spec }, { git: false });
  const entries = JSON.stringify({
    thread: 'src/lsp/context-thread.ts',
    'lsp-context-worker': 'src/lsp/context-worker.ts',
    engine: 'src/context/engine.ts',
    check: 'src/drift/check.ts',
  });
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { bundleContext } = await import(${JSON.stringify(path.join(root, 'scripts/bundle.mjs'))});
await bundleContext(${JSON.stringify(bundleDir)}, ${entries});`,
    ],
    { cwd: root },
  );
  expect(existsSync(path.join(bundleDir, 'lsp-context-worker.js'))).toBe(true);
  const script = path.join(bundleDir, 'run.mjs');
  writeFileSync(
    script,
    `import { createAnswerThread } from './thread.js';
import { getContext } from './engine.js';
import { checkDrift } from './check.js';
const [repo, plain] = process.argv.slice(2);
const spec = repo + '/tasks/prd-limits/techspec.md';
const input = { text: (await import('node:fs')).readFileSync(spec, 'utf8'), kind: 'spec', specPath: spec };
const files = ${JSON.stringify(['src/cards/limits.ts', 'src/users/profile.ts', 'tasks/prd-limits/techspec.md'])};
const thread = createAnswerThread();
const out = {
  threaded: await thread.context(repo, input, files, 5),
  inline: await getContext(repo, input, { files, k: 5 }),
  driftThreaded: await thread.drift(repo, ['tasks/prd-limits/techspec.md']),
  driftInline: await checkDrift(repo, ['tasks/prd-limits/techspec.md'], { all: true }),
};
out.error = await thread.drift(plain, ['tasks/prd-x/techspec.md']).then(
  () => 'no error',
  (error) => ({ name: error.name, code: error.code, message: error.message }),
);
out.inlineError = await checkDrift(plain, ['tasks/prd-x/techspec.md'], { all: true }).then(
  () => 'no error',
  (error) => ({ name: error.name, code: error.code, message: error.message }),
);
thread.close();
process.stdout.write(JSON.stringify(out));
`,
  );
  const out = JSON.parse(execFileSync(process.execPath, [script, repo, plain], { encoding: 'utf8' })) as {
    threaded: { files: { path: string }[] };
    inline: unknown;
    driftThreaded: unknown;
    driftInline: unknown;
    error: { name: string; code: string };
    inlineError: unknown;
  };
  expect(out.threaded).toEqual(out.inline);
  expect(out.threaded.files.length).toBeGreaterThan(0);
  expect(out.driftThreaded).toEqual(out.driftInline);
  expect(out.error).toEqual(out.inlineError);
  expect(out.error.name).toBe('TechspecError');
});
