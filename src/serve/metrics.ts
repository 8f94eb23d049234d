// The server's Prometheus metrics, in a registry of its own per app (prom-client's global one would clash).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LintResult } from '../lint/diagnostic.js';

export interface ServeMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpDuration: Histogram<'route' | 'method' | 'status'>;
  lintRuns: Counter;
  lintDuration: Histogram;
  findings: Gauge<'rule' | 'severity'>;
  indexFiles: Gauge;
  indexRefreshDuration: Histogram;
}

/** Every metric name the server exposes besides the default process metrics; the Grafana test reads this list. */
export const METRIC_NAMES = [
  'techspec_http_requests_total',
  'techspec_http_request_duration_seconds',
  'techspec_lint_runs_total',
  'techspec_lint_duration_seconds',
  'techspec_findings',
  'techspec_index_files',
  'techspec_index_refresh_duration_seconds',
] as const;

const PROCESS_METRIC_PREFIX = 'techspec_';

/** Latency buckets for a local server: most answers take a few milliseconds, context ones up to seconds. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(registry: Registry = new Registry()): ServeMetrics {
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: PROCESS_METRIC_PREFIX });
  // prom-client names three gauges `…_total`, which our own prometheus-metric-names rule rejects (`_total` is for
  // counters); the per-type gauges beside them (`…_active_handles{type}` and so on) carry the same numbers.
  for (const what of ['handles', 'requests', 'resources']) {
    registry.removeSingleMetric(`${PROCESS_METRIC_PREFIX}nodejs_active_${what}_total`);
  }
  return {
    registry,
    httpRequests: new Counter({
      name: 'techspec_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'techspec_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'],
      buckets: HTTP_BUCKETS,
      registers,
    }),
    lintRuns: new Counter({
      name: 'techspec_lint_runs_total',
      help: 'Texts linted: specs on disk as they change, and texts posted to /api/v0/lint.',
      registers,
    }),
    lintDuration: new Histogram({
      name: 'techspec_lint_duration_seconds',
      help: 'Time to lint one batch of specs or one posted text.',
      buckets: HTTP_BUCKETS,
      registers,
    }),
    findings: new Gauge({
      name: 'techspec_findings',
      help: 'Current findings across the specs of the repository, by rule and severity.',
      labelNames: ['rule', 'severity'],
      registers,
    }),
    indexFiles: new Gauge({
      name: 'techspec_index_files',
      help: 'Files in the context engine relevance index after its last refresh.',
      registers,
    }),
    indexRefreshDuration: new Histogram({
      name: 'techspec_index_refresh_duration_seconds',
      help: 'Time to refresh the context engine relevance index (cached files are not read again).',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
  };
}

/** Sets the findings gauge to the current results: rules with no finding left drop out of the series. */
export function recordFindings(metrics: ServeMetrics, results: readonly LintResult[]): void {
  const counts = new Map<string, { rule: string; severity: string; count: number }>();
  for (const result of results) {
    for (const diagnostic of result.diagnostics) {
      const key = `${diagnostic.ruleId}\0${diagnostic.severity}`;
      const entry = counts.get(key) ?? { rule: diagnostic.ruleId, severity: diagnostic.severity, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  metrics.findings.reset();
  for (const { rule, severity, count } of counts.values()) metrics.findings.set({ rule, severity }, count);
}
