// Invariant: /metrics is valid Prometheus text exposition with the documented series and values that follow the
// requests made; every name passes our own prometheus-metric-names rule; the Grafana dashboard is importable JSON
// whose queries use only series the server exposes; and the OpenAPI document lists exactly the app's routes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/context/build.js';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { lintFiles } from '../src/lint/files.js';
import { STATIC_ROUTES } from '../src/serve/app.js';
import { METRIC_NAMES } from '../src/serve/metrics.js';
import { OPENAPI_DOCUMENT } from '../src/serve/openapi.js';
import { useServedFixture } from './serve-fixture.js';

const current = useServedFixture();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text format: HELP and TYPE comments, then `name{label="value",…} number` lines (NaN in any
 * case, as Go parses floats: prom-client writes `Nan`). */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const sample =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?[0-9.e+-]+|[Nn]a[Nn]|\+Inf|-Inf)$/;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1] ?? '', type[2] ?? '');
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const match = sample.exec(line);
    if (!match) throw new Error(`Not Prometheus text format: ${line}`);
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    );
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return { types, samples };
}

async function scrape(): Promise<{
  types: Map<string, string>;
  samples: Sample[];
  contentType: string | null;
}> {
  const response = await current().served.app.request('/metrics');
  expect(response.status).toBe(200);
  return { ...parseExposition(await response.text()), contentType: response.headers.get('content-type') };
}

const value = (
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

describe('/metrics', () => {
  it('counts requests by route pattern, method and status, and times them', async () => {
    await current().served.app.request('/api/v0/specs');
    await current().served.app.request('/api/v0/specs');
    await current().served.app.request('/api/v0/specs/nope');
    await current().served.app.request('/api/v0/specs/alpha');
    await current().served.app.request('/no/such/route');
    const { samples, types, contentType } = await scrape();
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const requests = 'techspec_http_requests_total';
    expect(types.get(requests)).toBe('counter');
    expect(value(samples, requests, { route: '/api/v0/specs', method: 'GET', status: '200' })).toBe(2);
    expect(value(samples, requests, { route: '/api/v0/specs/:feature', method: 'GET', status: '404' })).toBe(
      1,
    );
    expect(value(samples, requests, { route: '/api/v0/specs/:feature', method: 'GET', status: '200' })).toBe(
      1,
    );
    expect(value(samples, requests, { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(types.get('techspec_http_request_duration_seconds')).toBe('histogram');
    expect(
      value(samples, 'techspec_http_request_duration_seconds_count', {
        route: '/api/v0/specs',
        status: '200',
      }),
    ).toBe(2);
    expect(
      value(samples, 'techspec_http_request_duration_seconds_bucket', { route: '/api/v0/specs', le: '+Inf' }),
    ).toBe(2);
  });

  it('reports lint runs and the current findings by rule and severity', async () => {
    const { samples, types } = await scrape();
    expect(value(samples, 'techspec_lint_runs_total')).toBe(3);
    expect(value(samples, 'techspec_lint_duration_seconds_count')).toBe(1);
    expect(types.get('techspec_findings')).toBe('gauge');
    const lint = await lintFiles([], { cwd: current().fixture.root });
    const expected = new Map<string, number>();
    for (const d of lint.results.flatMap((result) => result.diagnostics)) {
      const key = `${d.ruleId} ${d.severity}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const actual = new Map(
      samples
        .filter((s) => s.name === 'techspec_findings')
        .map((s) => [`${s.labels.rule ?? ''} ${s.labels.severity ?? ''}`, s.value]),
    );
    expect(actual).toEqual(expected);
    expect(actual.get('no-template-placeholders error')).toBeGreaterThan(0);
  });

  it('reports the size of the context index after a context request', async () => {
    expect((await current().served.app.request('/api/v0/context?text=order')).status).toBe(200);
    const index = await buildIndex(current().fixture.root);
    const { samples } = await scrape();
    expect(value(samples, 'techspec_index_files')).toBe(index.stats.indexed);
    expect(value(samples, 'techspec_index_refresh_duration_seconds_count')).toBe(1);
    expect(value(samples, 'techspec_process_cpu_seconds_total')).toBeGreaterThan(0);
  });

  it('exposes every documented name, each passing the prometheus-metric-names rule', async () => {
    const { types } = await scrape();
    for (const name of METRIC_NAMES) expect(types.has(name)).toBe(true);
    // One list item per metric, as a spec's Monitoring section lists them: the name, then its type.
    const findings = (extra: string): string[] => {
      const items = [...types].map(([name, type]) => `- \`${name}\` — ${type}`);
      const spec = `# Metrics\n\n## Monitoring and Observability\n\n### Metrics\n\n${[...items, extra].join('\n')}\n`;
      // The rule is in the strict preset: the check turns it on.
      const config = resolveConfig(
        { extends: 'strict' },
        { root: current().fixture.root, file: undefined, strict: false },
      );
      return lintText(spec, { config })
        .diagnostics.filter((d) => d.ruleId === 'prometheus-metric-names')
        .map((d) => d.message);
    };
    expect(findings('')).toEqual([]);
    // The same check does see a bad name in this text.
    expect(findings('- `techspecLintRuns` — counter')).toEqual([
      'Unexpected metric name `techspecLintRuns`, expected snake_case with a base-unit suffix such as `_seconds`',
    ]);
  });
});

describe('grafana/techspec-dashboard.json', () => {
  const dashboard = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../grafana/techspec-dashboard.json'), 'utf8'),
  ) as {
    title: string;
    uid: string;
    schemaVersion: number;
    panels: {
      id: number;
      type: string;
      title: string;
      gridPos: Record<string, number>;
      targets: { expr: string; refId: string }[];
    }[];
  };

  it('has the shape Grafana imports: schemaVersion, uid, panels with grid positions and Prometheus targets', () => {
    expect(typeof dashboard.title).toBe('string');
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(Number.isInteger(dashboard.schemaVersion)).toBe(true);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(Object.keys(panel.gridPos).sort()).toEqual(['h', 'w', 'x', 'y']);
      expect((panel.gridPos.x ?? 99) + (panel.gridPos.w ?? 99)).toBeLessThanOrEqual(24);
      expect(panel.targets.length).toBeGreaterThan(0);
      expect(new Set(panel.targets.map((target) => target.refId)).size).toBe(panel.targets.length);
    }
    const titles = dashboard.panels.map((panel) => panel.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Request rate by route', 'Latency quantiles', 'Findings by rule']),
    );
    const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
    expect(exprs.some((expr) => expr.startsWith('histogram_quantile(0.99,'))).toBe(true);
  });

  it('queries only series that /metrics exposes', async () => {
    const { types } = await scrape();
    const series = new Set<string>();
    for (const [name, type] of types) {
      series.add(name);
      if (type === 'histogram')
        for (const suffix of ['_bucket', '_sum', '_count']) series.add(`${name}${suffix}`);
    }
    const queried = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) => [...target.expr.matchAll(/\btechspec_[a-z0-9_]+/g)].map((m) => m[0])),
    );
    expect(queried.length).toBeGreaterThan(8);
    for (const name of queried) expect(series.has(name), name).toBe(true);
  });
});

describe('/api/v0/openapi.json', () => {
  it('is OpenAPI 3.1 and documents exactly the routes of the app', async () => {
    const response = await current().served.app.request('/api/v0/openapi.json');
    const document = (await response.json()) as typeof OPENAPI_DOCUMENT;
    expect(document.openapi).toBe('3.1.0');
    const routes = new Set(
      current()
        .served.app.routes.filter((route) => route.method !== 'ALL' && !STATIC_ROUTES.includes(route.path))
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([route, operations]) =>
        Object.keys(operations).map((method) => `${method} ${route}`),
      ),
    );
    expect([...routes].sort()).toEqual([...documented].sort());
    for (const [, operations] of Object.entries(document.paths)) {
      for (const operation of Object.values(operations) as { responses: Record<string, unknown> }[]) {
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1],
    );
    for (const ref of refs) expect(Object.keys(document.components.schemas)).toContain(ref);
  });
});
