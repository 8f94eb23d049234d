// A real git repository for the serve tests: the bundled example project plus a feature `alpha` whose spec is the
// clean order-webhooks spec with one placeholder added, so that it has exactly one finding more than its source.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createServeApp, type ServeApp } from '../src/serve/app.js';
import { makeRepo, removeRepos } from './context-repos.js';

const examples = path.resolve(import.meta.dirname, '../examples');

export const ALPHA_SPEC = 'tasks/prd-alpha/techspec.md';
const ALPHA_LINE_TEXT = '- Timeouts of 5 seconds per attempt; any non-2xx answer counts as a failure.';
export const ALPHA_PLACEHOLDER = `${ALPHA_LINE_TEXT} TODO`;

function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name === '.techspec' || name === 'node_modules') continue;
    const file = path.join(dir, name);
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(file).isDirectory()) Object.assign(files, readTree(file, rel));
    else files[rel] = readFileSync(file, 'utf8');
  }
  return files;
}

export interface ServeFixture {
  root: string;
  /** The alpha spec's text with the placeholder, and without it (as clean as order-webhooks). */
  alphaText: string;
  cleanAlphaText: string;
  /** 1-based line of the placeholder in the alpha spec. */
  alphaLine: number;
}

/** Writes the repository, with `extra` files on top, and commits it. */
export function makeServeRepo(extra: Record<string, string> = {}): ServeFixture {
  const files = readTree(examples);
  const clean = files['tasks/prd-order-webhooks/techspec.md'] ?? '';
  if (!clean.includes(ALPHA_LINE_TEXT)) throw new Error(`examples changed: no line ${ALPHA_LINE_TEXT}`);
  const alphaText = clean.replace(ALPHA_LINE_TEXT, ALPHA_PLACEHOLDER);
  files[ALPHA_SPEC] = alphaText;
  files['tasks/prd-alpha/prd.md'] = files['tasks/prd-order-webhooks/prd.md'] ?? '';
  const alphaLine = alphaText.split('\n').indexOf(ALPHA_PLACEHOLDER) + 1;
  return { root: makeRepo({ ...files, ...extra }), alphaText, cleanAlphaText: clean, alphaLine };
}

/** Registers hooks that make the fixture and an app over it before the file's tests, and remove both after. */
export function useServedFixture(): () => { fixture: ServeFixture; served: ServeApp } {
  let current: { fixture: ServeFixture; served: ServeApp } | undefined;
  beforeAll(async () => {
    const fixture = makeServeRepo();
    const served = createServeApp({ root: fixture.root });
    await served.state.ready;
    current = { fixture, served };
  });
  afterAll(() => {
    current?.served.close();
    removeRepos();
  });
  return () => {
    if (!current) throw new Error('useServedFixture: used before its beforeAll ran');
    return current;
  };
}
