// Invariant: over a real port, editing, adding or deleting a spec or a rule file on disk refreshes what it affects and
// announces it on /api/v0/events (`spec-updated` with the feature, `rules-updated`), so that a page refetches it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { removeRepos } from './context-repos.js';
import { ALPHA_SPEC, makeServeRepo, type ServeFixture } from './serve-fixture.js';

interface EventStream {
  /** Resolves with the data of the next event named `name` whose data satisfies `accept`. */
  next(name: string, accept?: (data: string) => boolean): Promise<string>;
  close(): void;
}

/** Reads text/event-stream from a real socket and queues the events. */
async function openEvents(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  if (!response.body) throw new Error('no event stream body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { event: string; data: string }[] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || value === undefined) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
        if (event !== undefined) seen.push({ event, data });
        for (const wake of waiters.splice(0)) wake();
      }
    }
  })();
  return {
    async next(name, accept = () => true) {
      for (;;) {
        const index = seen.findIndex((item) => item.event === name && accept(item.data));
        if (index >= 0) return seen.splice(0, index + 1).at(-1)?.data ?? '';
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => {
      controller.abort();
    },
  };
}

let fixture: ServeFixture;
let server: RunningServer;
let events: EventStream;

beforeAll(async () => {
  fixture = makeServeRepo();
  server = await startServer({ root: fixture.root, host: '127.0.0.1', port: 0 });
  await server.state.ready;
  events = await openEvents(`${server.url}api/v0/events`);
  await events.next('ready');
});
afterAll(async () => {
  events.close();
  await server.stop();
  removeRepos();
});

/**
 * Makes a change once earlier refreshes are done, and resolves when a fresh event stream announces `feature` and the
 * refresh (drift included) is over: a queued no-op refresh runs only after it.
 */
async function change(action: () => void, feature: string): Promise<void> {
  await server.state.refresh([]);
  const stream = await openEvents(`${server.url}api/v0/events`);
  await stream.next('ready');
  action();
  await stream.next('spec-updated', (data) => data === feature);
  stream.close();
  await server.state.refresh([]);
}

async function features(): Promise<string[]> {
  const list = (await (await fetch(`${server.url}api/v0/specs`)).json()) as { specs: { feature: string }[] };
  return list.specs.map((spec) => spec.feature);
}

async function listProblems(): Promise<string[]> {
  return ((await (await fetch(`${server.url}api/v0/specs`)).json()) as { problems: string[] }).problems;
}

async function placeholderLines(feature: string): Promise<number[]> {
  const response = await fetch(`${server.url}api/v0/specs/${feature}`);
  const spec = (await response.json()) as { findings: { ruleId: string; line: number }[] };
  return spec.findings.filter((d) => d.ruleId === 'no-template-placeholders').map((d) => d.line);
}

describe('live refresh', () => {
  it('watches the spec folders, rule folders and listed files, not the whole tree', () => {
    const folders = server.watcher?.folders() ?? [];
    expect(folders).toEqual(
      expect.arrayContaining(['', 'tasks', 'tasks/prd-alpha', '.kilocode/rules', 'src/orders']),
    );
    expect(folders).not.toContain('.git');
  });

  it('an edited spec is re-linted and announced', async () => {
    expect(await placeholderLines('alpha')).toEqual([fixture.alphaLine]);
    await change(() => {
      writeFileSync(path.join(fixture.root, ALPHA_SPEC), fixture.cleanAlphaText);
    }, 'alpha');
    expect(await placeholderLines('alpha')).toEqual([]);
  });

  it('a new feature folder appears in the list, and goes when deleted', async () => {
    await change(() => {
      mkdirSync(path.join(fixture.root, 'tasks/prd-beta'));
      writeFileSync(path.join(fixture.root, 'tasks/prd-beta/techspec.md'), '# Beta\n\nTBD\n');
    }, 'beta');
    expect(await features()).toEqual(['alpha', 'beta', 'invoice-export', 'order-webhooks']);
    expect(await placeholderLines('beta')).toEqual([3]);
    await change(() => {
      rmSync(path.join(fixture.root, 'tasks/prd-beta'), { recursive: true });
    }, 'beta');
    expect(await features()).toEqual(['alpha', 'invoice-export', 'order-webhooks']);
  });

  it('a new rule file re-lints every spec and updates the rules', async () => {
    await change(() => {
      writeFileSync(
        path.join(fixture.root, '.kilocode/rules/security.md'),
        '# Security\n\nValidate every input.\n',
      );
    }, 'order-webhooks');
    const rules = (await (await fetch(`${server.url}api/v0/rules`)).json()) as {
      sources: { path: string }[];
    };
    expect(rules.sources.map((source) => source.path)).toContain('.kilocode/rules/security.md');
    const spec = (await (await fetch(`${server.url}api/v0/specs/order-webhooks`)).json()) as {
      findings: { ruleId: string; message: string }[];
    };
    // An always-on rule the spec does not cite is now a coverage finding.
    expect(
      spec.findings.filter((d) => d.ruleId === 'standards-compliance-coverage').map((d) => d.message),
    ).toEqual([
      'Unlisted rule `.kilocode/rules/security.md`, expected it under `Standards Compliance` since it applies: always on (no `paths`, loaded for every task)',
    ]);
  });

  it('a config broken while serving keeps the last good one and says so', async () => {
    const file = path.join(fixture.root, 'techspec.config.json');
    const good = readFileSync(file, 'utf8');
    await change(() => {
      writeFileSync(file, '{"rules": {"nope": "error"}}\n');
    }, 'order-webhooks');
    const unknown =
      'Unknown rule "nope" at rules, expected one of the rule ids listed by `techspec lint --help`';
    // The served specs keep the last good config; drift, which reads the config itself, cannot run.
    expect(await listProblems()).toEqual([
      `config: techspec.config.json: ${unknown}; the last valid config is still in use`,
      `drift: ${unknown}`,
    ]);
    await change(() => {
      writeFileSync(file, good);
    }, 'order-webhooks');
    expect(await listProblems()).toEqual([]);
  });
});
