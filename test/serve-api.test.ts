// Invariant: every REST route answers in-process (app.request) with the same facts the CLI and library give for the
// same repository — spec counts and findings as `techspec lint`, posted Markdown as `techspec lint --stdin --format
// json`, rules as `techspec rules --format json`, context as getContext — and every error is `{ error: { code,
// message } }` with its exact status.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getContext } from '../src/context/engine.js';
import { checkDrift } from '../src/drift/check.js';
import { loadConfig } from '../src/lint/config.js';
import { lintFiles } from '../src/lint/files.js';
import { listedPaths } from '../src/spec/facts/relevant-files.js';
import { parseSpec } from '../src/spec/parse.js';
import { MAX_BODY_BYTES } from '../src/serve/routes.js';
import { traceFeature } from '../src/workflow/trace.js';
import { ALPHA_SPEC, useServedFixture } from './serve-fixture.js';

const BIN = path.resolve(import.meta.dirname, '../bin/techspec.js');

function cli(
  cwd: string,
  args: readonly string[],
  input?: string,
): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout };
}

const current = useServedFixture();

/** Section matching of the default config: the test reads Relevant Files as the server does. */
const matcher = (title: string, parent: string | undefined, level: number): string | undefined =>
  loadConfig({ cwd: current().fixture.root }).sections.match(title, parent, level);

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await current().served.app.request(url, init);
  return { status: response.status, body: await response.json() };
}

const error = (code: string, message: string): unknown => ({ error: { code, message } });

describe('GET /api/v0/specs', () => {
  it('lists every feature with the counts and words that techspec lint gives', async () => {
    const lint = await lintFiles([], { cwd: current().fixture.root });
    const byFile = new Map(lint.results.map((result) => [result.file, result]));
    const { status, body } = await getJson('/api/v0/specs');
    expect(status).toBe(200);
    const list = body as {
      specs: { feature: string; spec: string; counts: object; words: number }[];
      problems: [];
    };
    expect(list.problems).toEqual([]);
    expect(list.specs.map((spec) => spec.feature)).toEqual(['alpha', 'invoice-export', 'order-webhooks']);
    for (const spec of list.specs) {
      const result = byFile.get(spec.spec);
      expect(spec.counts).toEqual({ error: result?.errorCount, warning: result?.warningCount });
    }
    const [alpha, , webhooks] = list.specs;
    // The placeholder is one error and one word more than the spec it was copied from.
    expect(alpha?.counts).toEqual({
      error: (byFile.get('tasks/prd-order-webhooks/techspec.md')?.errorCount ?? 0) + 1,
      warning: byFile.get('tasks/prd-order-webhooks/techspec.md')?.warningCount,
    });
    expect(alpha?.words).toBe((webhooks?.words ?? 0) + 1);
    expect(alpha).toMatchObject({
      dir: 'tasks/prd-alpha',
      spec: ALPHA_SPEC,
      prd: 'tasks/prd-alpha/prd.md',
      tasks: null,
      title: 'Tech Spec: Order webhooks',
      status: null,
      problems: 0,
    });
    const drift = await checkDrift(current().fixture.root, []);
    expect(list.specs.map((spec) => [spec.spec, (spec as unknown as { drift: string }).drift])).toEqual(
      drift.specs.map((summary) => [summary.spec, summary.state]),
    );
  });
});

describe('GET /api/v0/specs/{feature}', () => {
  it('gives the text, sections and findings of the spec, the placeholder at its line', async () => {
    const { status, body } = await getJson('/api/v0/specs/alpha');
    expect(status).toBe(200);
    const spec = body as {
      text: string;
      findings: { ruleId: string; line: number; file: string }[];
      sections: { id: string | null; line: number }[];
    };
    expect(spec.text).toBe(current().fixture.alphaText);
    const lint = await lintFiles([ALPHA_SPEC], { cwd: current().fixture.root });
    expect(spec.findings).toEqual(lint.results[0]?.diagnostics);
    expect(spec.findings.filter((d) => d.ruleId === 'no-template-placeholders').map((d) => d.line)).toEqual([
      current().fixture.alphaLine,
    ]);
    expect(spec.sections[0]).toEqual({
      id: 'executive-summary',
      title: 'Executive Summary',
      level: 2,
      line: 3,
      endLine: 11,
    });
  });

  it('gives its drift as techspec check and its trace as techspec trace', async () => {
    const { body } = await getJson('/api/v0/specs/alpha');
    const spec = body as {
      drift: string;
      driftDetail: { state: string; findings: unknown[]; done: string[] };
      trace: unknown;
    };
    const drift = await checkDrift(current().fixture.root, [ALPHA_SPEC]);
    expect(spec.drift).toBe(drift.specs[0]?.state);
    expect(spec.driftDetail).toEqual({
      state: drift.specs[0]?.state,
      baseline: null,
      findings: drift.results[0]?.diagnostics,
      done: drift.specs[0]?.done,
      notes: drift.specs[0]?.notes,
    });
    expect(spec.driftDetail.findings.length).toBeGreaterThan(0);
    expect(spec.trace).toEqual(traceFeature(current().fixture.root, 'alpha'));
  });

  it('finds a feature by its folder or spec path too, URL-encoded', async () => {
    const byDir = await getJson(`/api/v0/specs/${encodeURIComponent('tasks/prd-alpha')}`);
    const bySpec = await getJson(`/api/v0/specs/${encodeURIComponent(ALPHA_SPEC)}`);
    expect(byDir.status).toBe(200);
    expect(bySpec.body).toEqual(byDir.body);
  });

  it('answers 404 with the known features for an unknown one', async () => {
    expect(await getJson('/api/v0/specs/nope')).toEqual({
      status: 404,
      body: error(
        'NOT_FOUND',
        'Unknown feature "nope", expected one of: alpha, invoice-export, order-webhooks',
      ),
    });
  });
});

describe('POST /api/v0/lint', () => {
  it('answers what techspec lint --stdin --format json prints for the same text and name', async () => {
    const expected = cli(
      current().fixture.root,
      ['lint', '--stdin', '--stdin-filename', ALPHA_SPEC, '--format', 'json'],
      current().fixture.alphaText,
    );
    expect(expected.status).toBe(1);
    const { status, body } = await getJson('/api/v0/lint', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: current().fixture.alphaText, filename: ALPHA_SPEC }),
    });
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(expected.stdout));
  });

  it('takes raw Markdown too, reported as <text>', async () => {
    const { status, body } = await getJson('/api/v0/lint', {
      method: 'POST',
      headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
      body: '# Notes\n\nTODO\n',
    });
    expect(status).toBe(200);
    const report = body as { results: { file: string; diagnostics: { ruleId: string; line: number }[] }[] };
    expect(report.results[0]?.file).toBe('<text>');
    expect(
      report.results[0]?.diagnostics
        .filter((d) => d.ruleId === 'no-template-placeholders')
        .map((d) => d.line),
    ).toEqual([3]);
  });

  it('rejects a body over 1 MB with 413', async () => {
    const text = `# Big\n\n${'a'.repeat(MAX_BODY_BYTES)}\n`;
    expect(
      await getJson('/api/v0/lint', {
        method: 'POST',
        headers: { 'Content-Type': 'text/markdown' },
        body: text,
      }),
    ).toEqual({
      status: 413,
      body: error('PAYLOAD_TOO_LARGE', 'Body larger than 1048576 bytes, expected at most 1 MB of Markdown'),
    });
  });

  it.each([
    [
      'empty text',
      'application/json',
      JSON.stringify({ text: '  \n' }),
      400,
      error('USAGE', 'Invalid text: it is empty, expected a tech spec in Markdown'),
    ],
    [
      'broken JSON',
      'application/json',
      '{"text": ',
      400,
      error('BAD_REQUEST', 'Invalid JSON body, expected {"text": "<markdown>", "filename": "<path>"}'),
    ],
    [
      'an unknown key',
      'application/json',
      JSON.stringify({ text: '# x', path: 'a.md' }),
      400,
      error(
        'BAD_REQUEST',
        'Invalid body: Unrecognized key: "path"; expected {"text": string, "filename"?: string}',
      ),
    ],
    [
      'a filename outside the repository',
      'application/json',
      JSON.stringify({ text: '# x', filename: '../outside.md' }),
      400,
      'PATH_OUTSIDE',
    ],
    [
      'another media type',
      'application/x-www-form-urlencoded',
      'text=x',
      415,
      error(
        'UNSUPPORTED_MEDIA_TYPE',
        'Unexpected Content-Type "application/x-www-form-urlencoded", expected application/json, text/markdown or text/plain',
      ),
    ],
  ])('rejects %s', async (_name, type, body, status, expected) => {
    const answer = await getJson('/api/v0/lint', { method: 'POST', headers: { 'Content-Type': type }, body });
    expect(answer.status).toBe(status);
    if (typeof expected === 'string')
      expect((answer.body as { error: { code: string } }).error.code).toBe(expected);
    else expect(answer.body).toEqual(expected);
  });
});

describe('GET /api/v0/context', () => {
  it('answers a text as getContext does', async () => {
    const expected = await getContext(
      current().fixture.root,
      { text: 'webhook retries', kind: 'text' },
      { k: 5 },
    );
    const { status, body } = await getJson('/api/v0/context?text=webhook%20retries&k=5');
    expect(status).toBe(200);
    expect(body).toEqual({
      rules: expected.rules.map(({ path: file, verdict, reason, score }) => ({
        path: file,
        verdict,
        reason,
        score,
      })),
      files: expected.files.map(({ path: file, score, reason }) => ({ path: file, score, reason })),
      problems: expected.problems,
    });
  });

  it('marks what a spec lists among the suggestions', async () => {
    const { status, body } = await getJson('/api/v0/context?spec=alpha&k=3');
    expect(status).toBe(200);
    const answer = body as {
      rules: { path: string; listed: boolean }[];
      files: { path: string; listed: boolean }[];
      listedOnly: { rules: string[]; files: string[] };
    };
    // The spec cites all three rule files of the example under Standards Compliance.
    expect(answer.rules.map((rule) => [rule.path, rule.listed])).toEqual([
      ['.kilocode/rules/http-api.md', true],
      ['.kilocode/rules/observability.md', true],
      ['.kilocode/rules/testing.md', true],
    ]);
    // Files: the ranking of getContext, each marked by whether Relevant Files lists it; the rest listed apart.
    const text = current().fixture.alphaText;
    const specPath = path.join(current().fixture.root, ALPHA_SPEC);
    const expected = await getContext(current().fixture.root, { text, kind: 'spec', specPath }, { k: 3 });
    const listed = listedPaths(parseSpec(text, { match: matcher })).map((entry) => entry.path);
    expect(listed.length).toBeGreaterThan(3);
    expect(answer.files).toEqual(
      expected.files.map((file) => ({
        path: file.path,
        score: file.score,
        reason: file.reason,
        listed: listed.includes(file.path),
      })),
    );
    expect(answer.files.some((file) => file.listed)).toBe(true);
    const ranked = new Set(expected.files.map((file) => file.path));
    expect(answer.listedOnly).toEqual({ rules: [], files: listed.filter((file) => !ranked.has(file)) });
  });

  it.each([
    ['', 'Expected exactly one non-empty query parameter of spec (a feature or spec path) and text'],
    [
      '?spec=alpha&text=x',
      'Expected exactly one non-empty query parameter of spec (a feature or spec path) and text',
    ],
    ['?text=', 'Expected exactly one non-empty query parameter of spec (a feature or spec path) and text'],
    ['?text=x&k=0', 'Invalid k "0", expected a whole number from 1 to 100'],
    ['?text=x&k=abc', 'Invalid k "abc", expected a whole number from 1 to 100'],
    ['?text=x&limit=3', 'Unexpected query parameter "limit", expected spec, text or k'],
  ])('answers 400 to the query %j', async (query, message) => {
    expect(await getJson(`/api/v0/context${query}`)).toEqual({
      status: 400,
      body: error('BAD_REQUEST', message),
    });
  });

  it('answers 404 for a spec path that is not a file of the repository', async () => {
    expect(await getJson('/api/v0/context?spec=tasks/prd-alpha/missing.md')).toEqual({
      status: 404,
      body: error(
        'NOT_FOUND',
        'Unknown spec "tasks/prd-alpha/missing.md", expected a feature name or a spec file of the repository',
      ),
    });
  });
});

describe('other routes', () => {
  it('GET /api/v0/rules answers what techspec rules --format json prints', async () => {
    const expected = cli(current().fixture.root, ['rules', '--format', 'json']);
    expect(await getJson('/api/v0/rules')).toEqual({
      status: 200,
      body: JSON.parse(expected.stdout) as unknown,
    });
  });

  it('GET /healthz answers ok', async () => {
    expect(await getJson('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('an unknown route is a JSON 404', async () => {
    expect(await getJson('/api/v0/nothing')).toEqual({
      status: 404,
      body: error('NOT_FOUND', 'No route GET /api/v0/nothing, expected one of those in /api/v0/openapi.json'),
    });
  });

  it('GET / serves the dashboard page', async () => {
    const response = await current().served.app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<main id="main"');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
