// Metric names in Monitoring follow the Prometheus data model and naming practice: snake_case, base units, suffixes.
import { z } from 'zod';
import { defineRule } from '../rule.js';
import { collectMetrics, type MetricName } from '../../spec/facts/metrics.js';
import { sectionIndexes, subtreeSections } from '../../spec/walk.js';

const SECTION_ID = 'monitoring-and-observability';

/** Non-base units by name segment, and the base unit Prometheus asks for instead. */
const unitsTo = (base: string, units: string): [string, string][] => units.split(' ').map((u) => [u, base]);
const UNITS: Record<string, string> = Object.fromEntries([
  ...unitsTo(
    'seconds',
    'ms msec millis millisecond milliseconds us usec micros microseconds ns nanos nanoseconds',
  ),
  ...unitsTo('seconds', 'mins minute minutes hr hrs hour hours day days'),
  ...unitsTo('bytes', 'kb kib kilobytes mb mib megabytes gb gib gigabytes tb'),
  ...unitsTo('ratio', 'percent percentage pct'),
]);

const HIGH_CARDINALITY = (
  'user_id userid user_email email request_id session_id trace_id span_id correlation_id ip ' +
  'ip_address client_ip remote_addr uuid url token'
).split(' ');

export const prometheusMetricNames = defineRule({
  id: 'prometheus-metric-names',
  description:
    'Checks metric names in Monitoring against the Prometheus data model, base units, type suffixes and label cardinality.',
  severity: 'warning',
  strict: true,
  fixable: false,
  messages: {
    invalidName:
      'Unexpected metric name `{{name}}`, expected only letters, digits, `_` and `:`, not starting with a digit',
    snakeCase:
      'Unexpected metric name `{{name}}`, expected snake_case with a base-unit suffix such as `_seconds`',
    unit: 'Unexpected unit `_{{unit}}` in metric `{{name}}`, expected the base unit `_{{base}}`',
    reservedSuffix:
      'Unexpected suffix `_{{suffix}}` on metric `{{name}}`, expected `_bucket`, `_count` and `_sum` left to the series a histogram or summary exposes',
    counterTotal: 'Unexpected counter name `{{name}}`, expected a counter to end in `_total`',
    totalOnNonCounter:
      'Unexpected `_total` suffix on {{type}} `{{name}}`, expected `_total` only on counters',
    highCardinality:
      'Unexpected high-cardinality label `{{label}}` on metric `{{name}}`, expected labels with a small, bounded set of values',
  },
  options: z.strictObject({
    /** Label names reported as high-cardinality (unbounded values: ids, emails, addresses). */
    highCardinalityLabels: z.array(z.string()).default(HIGH_CARDINALITY),
  }),
  check(doc, ctx) {
    const seen = new Set<string>();
    const highCardinality = new Set(ctx.options.highCardinalityLabels.map((label) => label.toLowerCase()));
    for (const index of sectionIndexes(doc, SECTION_ID)) {
      for (const metric of collectMetrics(doc, subtreeSections(doc, index))) {
        for (const [messageId, data] of problems(metric, highCardinality)) {
          // One finding per problem and name: a metric listed and then mentioned again is one mistake.
          const key = `${messageId} ${metric.name} ${data.label ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.report({
            messageId,
            data: { name: metric.name, ...data },
            line: metric.line,
            column: metric.column,
            endColumn: metric.endColumn,
          });
        }
      }
    }
  },
});

type Problem = [
  (
    | 'invalidName'
    | 'snakeCase'
    | 'unit'
    | 'reservedSuffix'
    | 'counterTotal'
    | 'totalOnNonCounter'
    | 'highCardinality'
  ),
  Record<string, string>,
];

function problems(metric: MetricName, highCardinality: ReadonlySet<string>): Problem[] {
  const { name, type } = metric;
  const out: Problem[] = [];
  // A name that breaks the data model or snake_case gets that one finding; its other checks wait for the rename.
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) out.push(['invalidName', {}]);
  else if (/[A-Z]/.test(name)) out.push(['snakeCase', {}]);
  else {
    const unit = name.split(/[_:]/).find((segment) => segment in UNITS);
    if (unit) out.push(['unit', { unit, base: UNITS[unit] ?? 'seconds' }]);
    const reserved = /_(bucket|count|sum)$/.exec(name)?.[1];
    if (reserved) out.push(['reservedSuffix', { suffix: reserved }]);
    if (type === 'counter' && !name.endsWith('_total')) out.push(['counterTotal', {}]);
    if (type && type !== 'counter' && name.endsWith('_total')) out.push(['totalOnNonCounter', { type }]);
  }
  for (const label of metric.labels) {
    if (highCardinality.has(label.toLowerCase())) out.push(['highCardinality', { label }]);
  }
  return out;
}
