// Metric names in Monitoring and Observability against the code that registers them.
import { collectMetrics, type MetricName } from '../spec/facts/metrics.js';
import { sectionIndexes, subtreeSections } from '../spec/walk.js';
import type { SpecDocument } from '../spec/model.js';
import { grepLines } from './git.js';
import type { DriftFinding } from './rules.js';
import { whyDrift, type Introduced } from './status.js';
import { isCode, type CodeSearch } from './symbols.js';

const SECTION_ID = 'monitoring-and-observability';
const UNIT = /_(?:seconds|milliseconds|bytes|ratio)$/;

/**
 * A name drift can look for: snake_case with a unit or type suffix, or with a type or labels the spec gives it. The
 * lint rule reads more (it reports `httpRequests` as badly named); here a label such as `error_class` named beside
 * metrics must not count as one.
 */
function isMetricName(metric: MetricName): boolean {
  if (!/^[a-z_:][a-z0-9_:]*$/.test(metric.name) || !metric.name.includes('_')) return false;
  return SUFFIX.test(metric.name) || metric.type !== undefined || metric.labels.length > 0;
}

/** `com label \`error_class\``, `labels: \`route\``: the code span right after names a label, not a metric. */
function afterLabelWord(doc: SpecDocument, metric: MetricName): boolean {
  const before = (doc.lines[metric.line - 1] ?? '').slice(0, Math.max(0, metric.column - 1));
  return /\b(?:labels?|r[oó]tulos?|tags?|dimens(?:ions?|[oõ]es|[aã]o))\s*(?:[:=]\s*)?`$/i.test(before);
}

const SUFFIX =
  /_(?:total|count|sum|bucket|seconds|milliseconds|ms|bytes|ratio|percent|info|size|duration|length|depth|lag|age|errors|requests|latency)$/;

/** The metric names Monitoring declares, each once, at its first mention. */
export function specMetrics(doc: SpecDocument): MetricName[] {
  const seen = new Set<string>();
  const out: MetricName[] = [];
  for (const index of sectionIndexes(doc, SECTION_ID)) {
    for (const metric of collectMetrics(doc, subtreeSections(doc, index))) {
      if (seen.has(metric.name) || !isMetricName(metric)) continue;
      if (afterLabelWord(doc, metric)) continue;
      seen.add(metric.name);
      out.push(metric);
    }
  }
  return out;
}

/**
 * How code may register `name`: the name itself as an identifier or string, or, in quotes, the name a client adds
 * suffixes to (`webhook_deliveries` for a counter's `_total`, OpenTelemetry's `webhook.delivery.duration` for
 * `webhook_delivery_duration_seconds`).
 */
function spellings(name: string): { needles: string[]; test: RegExp } {
  const stems = new Set<string>();
  const bare = name.replace(/_total$/, '');
  for (const stem of [bare, bare.replace(UNIT, '')]) {
    if (stem === name || stem === '') continue;
    stems.add(stem);
  }
  for (const stem of [...stems, name]) if (stem.includes('_')) stems.add(stem.replaceAll('_', '.'));
  stems.delete(name);
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const quoted = [...stems].map((stem) => `['"\`]${escape(stem)}['"\`]`);
  const exact = `(?<![\\w:.])${escape(name)}(?![\\w:])`;
  return { needles: [name, ...stems], test: new RegExp([exact, ...quoted].join('|')) };
}

/** A search for how code registers `names`: the fixed strings to grep for, and which names the lines found show. */
export function metricSearch(names: readonly string[]): CodeSearch {
  const forms = names.map((name) => ({ name, ...spellings(name) }));
  return {
    needles: forms.flatMap((form) => form.needles),
    find(lines) {
      const found = new Set<string>();
      for (const { file, text } of lines) {
        if (!isCode(file)) continue;
        for (const form of forms) if (!found.has(form.name) && form.test.test(text)) found.add(form.name);
      }
      return found;
    },
  };
}

/** Of `names`, those that some code file registers now. */
export async function registeredMetrics(root: string, names: readonly string[]): Promise<Set<string>> {
  const search = metricSearch(names);
  return search.find(await grepLines(root, search.needles));
}

export interface MetricCheck extends Introduced {
  metrics: readonly MetricName[];
  registered: ReadonlySet<string>;
}

/** Same rule as for symbols: unregistered is drift once the spec says it is implemented, or the baseline had it. */
export function metricDrift(check: MetricCheck): DriftFinding[] {
  return check.metrics.flatMap((metric): DriftFinding[] => {
    const why = check.registered.has(metric.name)
      ? undefined
      : whyDrift(check, check.atBaseline.has(metric.name) ? 'the code registered it' : undefined);
    if (why === undefined) return [];
    const at = { line: metric.line, column: metric.column, endColumn: metric.endColumn };
    return [{ ruleId: 'drift/metric-missing', data: { name: metric.name, why }, at }];
  });
}
