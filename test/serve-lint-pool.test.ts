// Invariant: POST /api/v0/lint on the worker pool answers exactly what the main thread answers (a spec with findings,
// one with path checks, a clean one), the pool really lints them, and a change to the project reaches the workers.
// The pool runs the bundled worker, so this test drives the built library (dist/), as `techspec serve` does.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeRepos } from './context-repos.js';
import { skipping } from './environment.js';
import { ALPHA_SPEC, makeServeRepo } from './serve-fixture.js';

const DIST = path.resolve(import.meta.dirname, '../dist/index.js');
const built =
  existsSync(DIST) || skipping('dist/index.js is not built (npm run build): no lint worker to pool');

afterAll(removeRepos);

type Library = typeof import('../src/index.js');

describe.skipIf(!existsSync(DIST))('POST /api/v0/lint on the worker pool', () => {
  it('answers as the main thread does, on worker threads, and sees a config change', async () => {
    expect(built).toBe(true);
    const { startServer } = (await import(DIST)) as Library;
    const fixture = makeServeRepo();
    const pooled = await startServer({
      root: fixture.root,
      host: '127.0.0.1',
      port: 0,
      lintThreads: 2,
      watch: false,
    });
    const single = await startServer({
      root: fixture.root,
      host: '127.0.0.1',
      port: 0,
      lintThreads: 0,
      watch: false,
    });
    try {
      expect(pooled.lintPool?.size).toBe(2);
      expect(single.lintPool).toBeUndefined();
      const lint = async (url: string, body: unknown): Promise<unknown> => {
        const response = await fetch(`${url}api/v0/lint`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(200);
        return response.json();
      };
      const bodies = [
        { text: fixture.alphaText, filename: ALPHA_SPEC },
        { text: fixture.cleanAlphaText, filename: ALPHA_SPEC },
        { text: fixture.alphaText },
        { text: '# Tech Spec\n\n## Relevant Files\n\n- `src/missing.ts`\n', filename: 'tasks/x/techspec.md' },
      ];
      const answers = await Promise.all(bodies.map((body) => lint(pooled.url, body)));
      for (const [i, body] of bodies.entries()) expect(answers[i]).toEqual(await lint(single.url, body));
      expect(pooled.lintPool?.linted()).toBe(bodies.length);

      writeFileSync(
        path.join(fixture.root, 'techspec.config.json'),
        '{"rules":{"no-template-placeholders":"off"}}',
      );
      await pooled.state.refresh(['techspec.config.json']);
      await single.state.refresh(['techspec.config.json']);
      const after = await lint(pooled.url, bodies[0]);
      expect(after).toEqual(await lint(single.url, bodies[0]));
      expect(after).not.toEqual(answers[0]);
      expect(pooled.lintPool?.linted()).toBe(bodies.length + 1);
    } finally {
      await pooled.stop();
      await single.stop();
    }
  });
});
