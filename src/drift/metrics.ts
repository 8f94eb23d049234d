// Metric names in Monitoring and Observability against the code that registers them.
import { collectMetrics, type MetricName } from '../lint/rules/support/metrics.js';
import { sectionIndexes, subtreeSections } from '../lint/rules/support/spec-text.js';
import type { SpecDocument } from '../spec/model.js';
import { grepLines } from './git.js';
import type { DriftFinding } from './rules.js';
import { whyDrift, type Introduced } from './status.js';
import { isCode, type CodeSearch } from './symbols.js';

const SECTION_ID = 'monitoring-and-observability';
const UNIT = /_(?:seconds|milliseconds|bytes|ratio)$/;

/** The metric names Monitoring declares, each once, at its first mention. */
export function specMetrics(doc: SpecDocument): MetricName[] {
  const seen = new Set<string>();
  return sectionIndexes(doc, SECTION_ID)
    .flatMap((index) => collectMetrics(doc, subtreeSections(doc, index)))
    .filter((metric) => {
      if (seen.has(metric.name) || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric.name)) return false;
      seen.add(metric.name);
      return true;
    });
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
      : whyDrift(metric.name, check, 'the code registered it');
    if (why === undefined) return [];
    const at = { line: metric.line, column: metric.column, endColumn: metric.endColumn };
    return [{ ruleId: 'drift/metric-missing', data: { name: metric.name, why }, at }];
  });
}
