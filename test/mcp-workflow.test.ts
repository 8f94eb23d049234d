// Invariant: the workflow tools answer as their commands do (trace_feature = `techspec trace --format json`,
// check_drift = `techspec check --format json`, generate_tasks = `techspec tasks`, new_spec = `techspec new`), say in
// their annotations which of them write, write only inside the project, and never overwrite a spec.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git } from './context-repos.js';
import { call, errorText, techspec, textOf, useSession } from './mcp-repo.js';

const INVOICE = 'tasks/prd-invoice-export/techspec.md';
const WEBHOOKS = 'tasks/prd-order-webhooks/techspec.md';

const session = useSession();

it('declares which workflow tools write', async () => {
  const { tools } = await session.client.listTools();
  const hints = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
  const writes = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  const reads = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
  expect(hints).toMatchObject({
    new_spec: writes,
    generate_tasks: writes,
    trace_feature: reads,
    check_drift: reads,
  });
});

describe('trace_feature and check_drift', () => {
  it.each([
    [{ feature: 'invoice-export' }, ['invoice-export']],
    [{ feature: WEBHOOKS }, [WEBHOOKS]],
  ])('trace_feature %j is `techspec trace --format json`', async (args, words) => {
    const cli = techspec(session.root, ['trace', ...words, '--format', 'json']);
    const result = await call(session.client, 'trace_feature', args);
    expect(textOf(result)).toBe(cli.stdout);
    expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
  });

  it.each([
    [{}, []],
    [{ specs: [INVOICE], all: true }, [INVOICE, '--all']],
    [{ specs: ['order-webhooks'] }, ['order-webhooks']],
  ])('check_drift %j is `techspec check --format json`', async (args, words) => {
    const cli = techspec(session.root, ['check', ...words, '--format', 'json']);
    const result = await call(session.client, 'check_drift', args);
    expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
    expect(textOf(result)).toBe(`${JSON.stringify(JSON.parse(cli.stdout), null, 2)}\n`);
  });

  it('check_drift finds the invoice spec’s missing files; paths outside are refused by argument', async () => {
    const result = await call(session.client, 'check_drift', { specs: [INVOICE] });
    const report = result.structuredContent as {
      results: { diagnostics: { ruleId: string; line: number }[] }[];
      specs: { state: string }[];
    };
    expect(
      report.results[0]?.diagnostics.filter((d) => d.ruleId === 'drift/file-missing').map((d) => d.line),
    ).toEqual([81, 82]);
    expect(report.specs[0]?.state).toBe('no-baseline');
    expect(errorText(await call(session.client, 'check_drift', { specs: [WEBHOOKS, '../x.md'] }))).toBe(
      `Invalid specs[1] "../x.md": it lies outside the project root ${session.root}, expected a path inside it`,
    );
    expect(errorText(await call(session.client, 'trace_feature', { feature: 'nope' }))).toBe(
      'Unknown feature "nope", expected one of: invoice-export, order-webhooks, refunds, tiny',
    );
  });
});

describe('generate_tasks', () => {
  const TASKS = 'tasks/prd-order-webhooks/tasks.md';
  const onDisk = (): string | undefined => {
    const file = path.join(session.root, TASKS);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };

  it('with write: false returns what `techspec tasks --stdout` prints and writes nothing', async () => {
    const before = onDisk();
    const cli = techspec(session.root, ['tasks', WEBHOOKS, '--stdout']);
    const result = await call(session.client, 'generate_tasks', { spec: WEBHOOKS, write: false });
    const tasks = result.structuredContent as {
      path: string;
      content: string;
      changed: boolean;
      tasks: number;
    };
    expect(tasks.content).toBe(cli.stdout);
    expect(tasks).toMatchObject({ path: TASKS, changed: cli.stdout !== before });
    expect(tasks.tasks).toBe(cli.stdout.split('\n').filter((line) => /^- \[ \] \d+\.0 /.test(line)).length);
    expect(onDisk()).toBe(before);
  });

  it('writes tasks.md, and a second call changes nothing', async () => {
    rmSync(path.join(session.root, TASKS), { force: true });
    const first = (await call(session.client, 'generate_tasks', { spec: 'order-webhooks' }))
      .structuredContent as {
      content: string;
      changed: boolean;
    };
    expect(first.changed).toBe(true);
    expect(onDisk()).toBe(first.content);
    const second = (await call(session.client, 'generate_tasks', { spec: 'order-webhooks' }))
      .structuredContent;
    expect(second).toMatchObject({ changed: false, content: first.content });
    expect(errorText(await call(session.client, 'generate_tasks', { spec: '/etc/techspec.md' }))).toBe(
      `Invalid spec "/etc/techspec.md": it lies outside the project root ${session.root}, expected a path inside it`,
    );
  });
});

describe('new_spec', () => {
  it('writes what `techspec new` writes, then refuses to overwrite it', async () => {
    const spec = path.join(session.root, 'tasks/prd-gift-cards/techspec.md');
    expect(techspec(session.root, ['new', 'Gift cards']).status).toBe(0);
    const written = readFileSync(spec, 'utf8');
    rmSync(path.dirname(spec), { recursive: true });
    const result = await call(session.client, 'new_spec', { name: 'Gift cards' });
    expect(result.structuredContent).toMatchObject({
      feature: 'gift-cards',
      path: 'tasks/prd-gift-cards/techspec.md',
      content: written,
    });
    expect(readFileSync(spec, 'utf8')).toBe(written);
    expect(written).toContain(`\nbaseline: ${git(session.root, 'rev-parse', 'HEAD').trim()}\n`);
    expect(errorText(await call(session.client, 'new_spec', { name: 'Gift cards' }))).toBe(
      'Spec tasks/prd-gift-cards/techspec.md already exists, expected a feature without a spec (techspec new never overwrites one)',
    );
    expect(readFileSync(spec, 'utf8')).toBe(written);
  });

  it('names its own arguments when a path lies outside the project', async () => {
    expect(errorText(await call(session.client, 'new_spec', { name: 'x', dir: '../..' }))).toBe(
      `Invalid dir "../..": it lies outside the project root ${session.root}, expected a path inside it`,
    );
    expect(errorText(await call(session.client, 'new_spec', { name: 'x', prd: 'docs/outside.md' }))).toBe(
      `Invalid prd "docs/outside.md": it lies outside the project root ${session.root}, expected a path inside it`,
    );
    expect(existsSync(path.join(session.root, 'tasks/prd-x'))).toBe(false);
  });
});

describe('review-techspec', () => {
  it('lists the drift findings of `techspec check` as checklist items', async () => {
    const cli = JSON.parse(techspec(session.root, ['check', INVOICE, '--format', 'json']).stdout) as {
      results: {
        diagnostics: {
          line: number;
          column: number;
          severity: string;
          ruleId: string;
          message: string;
          hint?: string;
        }[];
      }[];
    };
    const result = await session.client.getPrompt({ name: 'review-techspec', arguments: { spec: INVOICE } });
    const text = (result.messages[0]?.content as { text: string }).text;
    const drift = text.slice(text.indexOf('## Drift against the code'), text.indexOf('## Template sections'));
    const items = drift.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(items).toEqual(
      (cli.results[0]?.diagnostics ?? []).map(
        (d) => `- [ ] Line ${d.line}:${d.column} ${d.severity} \`${d.ruleId}\`: ${d.message}${hintOf(d)}`,
      ),
    );
    expect(items.length).toBeGreaterThan(1);
  });
});

function hintOf(d: { hint?: string }): string {
  return d.hint === undefined ? '' : ` (${d.hint})`;
}
