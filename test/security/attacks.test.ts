// Invariant: no surface that takes a path reads or writes outside the project. Table-driven: every CLI command, MCP
// tool, resource and prompt and REST route that takes a path (SURFACES) is attacked with every hostile path (PATHS):
// `../`, absolute, encoded, double-encoded, NUL, and links committed in a real git repository (a spec file, a feature
// folder) that lead to a sibling `outside/` folder. A surface "holds" when its answer never carries the outside
// secret and nothing under outside/ changed. A new tool or route is attacked by adding one row to SURFACES.
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServeApp, type ServeApp } from '../../src/serve/app.js';
import { techspec } from '../cli-run.js';
import { connect } from '../mcp-repo.js';
import { hostileRepo, removeHostileRepos, SECRET, type HostileRepo } from './hostile-repo.js';

const SPEC = [
  '---',
  'status: draft',
  '---',
  '# Tech Spec: A',
  '',
  '## Executive Summary',
  '',
  'Words.',
  '',
].join('\n');

interface Context {
  repo: HostileRepo;
  client: Client;
  served: ServeApp;
}

/** Hostile values of a path argument; `{outside}` is the absolute outside folder. */
const PATHS: Readonly<Record<string, string>> = {
  'parent (../)': '../outside/secret.md',
  absolute: '{outside}/secret.md',
  'URL-encoded ../': '%2e%2e/outside/secret.md',
  'double-encoded ../': '%252e%252e%252foutside%252fsecret.md',
  'NUL byte': 'tasks/prd-a/techspec.md\u0000../../outside/secret.md',
  'committed link to a file out': 'tasks/prd-x/techspec.md',
  'committed link to a folder out': 'tasks/prd-y',
  'feature name of a link out': 'x',
};

interface Surface {
  /** Writes a file when it works: the outside folder is compared before and after. */
  writes?: boolean;
  /** Hostile values this surface takes as the user's own choice (the CLI user names a file anywhere): not attacks. */
  own?: readonly string[];
  run(context: Context, value: string): Promise<string>;
}

const cli =
  (...args: string[]) =>
  (context: Context, value: string): Promise<string> => {
    const result = techspec(
      context.repo.root,
      args.map((arg) => (arg === '{}' ? value : arg)),
    );
    return Promise.resolve(result.stdout + result.stderr);
  };

const tool =
  (name: string, args: (value: string) => Record<string, unknown>) =>
  async (context: Context, value: string): Promise<string> =>
    JSON.stringify(await context.client.callTool({ name, arguments: args(value) }));

const settle = (work: Promise<unknown>): Promise<string> =>
  work.then(
    (answer) => JSON.stringify(answer),
    (error: unknown) => String(error),
  );

const rest =
  (request: (value: string) => [string, RequestInit?]) =>
  async (context: Context, value: string): Promise<string> => {
    const [url, init] = request(value);
    return (await context.served.app.request(url, init)).text();
  };

/** Paths a CLI user types for their own files outside the repository: allowed there, refused everywhere else. */
const OWN_FILES = ['parent (../)', 'absolute'];

const SURFACES: Readonly<Record<string, Surface>> = {
  'cli lint <path>': { own: OWN_FILES, run: cli('lint', '{}') },
  'cli lint --fix <path>': { writes: true, own: OWN_FILES, run: cli('lint', '--fix', '{}') },
  'cli lint --stdin --stdin-filename <path>': { run: cli('lint', '--stdin', '--stdin-filename', '{}') },
  'cli check <spec>': { run: cli('check', '{}') },
  'cli check <spec> --accept': { writes: true, run: cli('check', '{}', '--accept') },
  'cli context <spec>': { own: OWN_FILES, run: cli('context', '{}') },
  'cli context --prd <file>': { own: OWN_FILES, run: cli('context', '--prd', '{}') },
  'cli new --prd <file>': { writes: true, run: cli('new', 'Attack', '--prd', '{}') },
  'cli new --dir <folder>': { writes: true, run: cli('new', 'Attack', '--dir', '{}') },
  'cli tasks <spec>': { writes: true, run: cli('tasks', '{}') },
  'cli trace <feature>': { run: cli('trace', '{}') },
  'mcp lint_spec {path}': { run: tool('lint_spec', (v) => ({ path: v })) },
  'mcp lint_spec {text, filename}': { run: tool('lint_spec', (v) => ({ text: SPEC, filename: v })) },
  'mcp get_context {spec}': { run: tool('get_context', (v) => ({ spec: v })) },
  'mcp get_context {prd}': { run: tool('get_context', (v) => ({ prd: v })) },
  'mcp check_drift {specs}': { run: tool('check_drift', (v) => ({ specs: [v] })) },
  'mcp new_spec {prd}': { writes: true, run: tool('new_spec', (v) => ({ name: 'Attack', prd: v })) },
  'mcp new_spec {dir}': { writes: true, run: tool('new_spec', (v) => ({ name: 'Attack', dir: v })) },
  'mcp generate_tasks {spec}': { writes: true, run: tool('generate_tasks', (v) => ({ spec: v })) },
  'mcp trace_feature {feature}': { run: tool('trace_feature', (v) => ({ feature: v })) },
  'mcp resource techspec://specs/{feature}': {
    run: (c, v) => settle(c.client.readResource({ uri: `techspec://specs/${encodeURIComponent(v)}` })),
  },
  'mcp resource techspec://rules/{path}': {
    run: (c, v) => settle(c.client.readResource({ uri: `techspec://rules/${encodeURIComponent(v)}` })),
  },
  'mcp prompt review-techspec {spec}': {
    run: (c, v) => settle(c.client.getPrompt({ name: 'review-techspec', arguments: { spec: v } })),
  },
  'mcp prompt create-techspec {prd}': {
    run: (c, v) =>
      settle(c.client.getPrompt({ name: 'create-techspec', arguments: { feature: 'Attack', prd: v } })),
  },
  'rest GET /api/v0/specs/:feature': { run: rest((v) => [`/api/v0/specs/${encodeURIComponent(v)}`]) },
  'rest GET /api/v0/specs/:feature (raw path)': {
    run: rest((v) => [`/api/v0/specs/${v.replace(/\0/g, '%00')}`]),
  },
  'rest GET /api/v0/context?spec=': { run: rest((v) => [`/api/v0/context?spec=${encodeURIComponent(v)}`]) },
  'rest POST /api/v0/lint {filename}': {
    run: rest((v) => [
      '/api/v0/lint',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: SPEC, filename: v }),
      },
    ]),
  },
};

const context = {} as Context;

beforeAll(async () => {
  context.repo = hostileRepo(
    {
      'tasks/prd-a/techspec.md': SPEC,
      'tasks/prd-a/prd.md': '# PRD: A\n\n- **RF-01** Do it.\n',
      'src/a.ts': 'export const a = 1;\n',
      '.claude/rules/own.md': '# Own rule\n',
    },
    {
      'tasks/prd-x/techspec.md': '../../../outside/secret.md',
      'tasks/prd-y': '../../outside',
      '.claude/rules/x.md': '../../../outside/secret.md',
    },
  );
  context.client = (await connect(context.repo.root)).client;
  context.served = createServeApp({ root: context.repo.root });
  await context.served.state.ready;
}, 60_000);

afterAll(async () => {
  await context.client.close();
  context.served.close();
  removeHostileRepos();
});

// A process argument cannot carry a NUL byte at all (the OS refuses it before techspec runs): no CLI cell for it.
const CELLS = Object.entries(SURFACES).flatMap(([surface, spec]) =>
  Object.entries(PATHS)
    .filter(([attack]) => !(spec.own ?? []).includes(attack))
    .filter(([attack]) => !(surface.startsWith('cli ') && attack === 'NUL byte'))
    .map(([attack, value]) => ({ surface, attack, value, spec })),
);

describe('paths × surfaces', () => {
  it.each(CELLS)(
    '$surface holds against $attack',
    async ({ spec, value }) => {
      const before = context.repo.snapshot();
      const answer = await spec.run(context, value.replace('{outside}', context.repo.outside));
      expect(answer).not.toContain(SECRET);
      if (spec.writes) expect(context.repo.snapshot()).toEqual(before);
      // The outside folder has no techspec output either (a spec, tasks.md, a cache).
      expect(
        Object.keys(context.repo.snapshot()).filter((f) => !['secret.md', 'config.sh'].includes(f)),
      ).toEqual([]);
    },
    60_000,
  );

  it('the table covers every MCP tool that takes a path, and every REST route with a parameter', async () => {
    const tools = (await context.client.listTools()).tools
      .filter((t) =>
        Object.keys(t.inputSchema.properties ?? {}).some((k) =>
          ['path', 'spec', 'prd', 'dir', 'feature', 'specs', 'filename'].includes(k),
        ),
      )
      .map((t) => t.name);
    for (const name of tools)
      expect(Object.keys(SURFACES).some((s) => s.startsWith(`mcp ${name} `))).toBe(true);
    expect(path.basename(context.repo.root)).toBe('repo');
  });
});
