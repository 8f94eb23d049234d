// Invariant: types named in Main Interfaces and Data Models, and metrics named in Monitoring, that the code lacks are
// drift only when the spec's status says its work is implemented, or when the code had them at the baseline (they
// were removed or renamed since); until then they are what the spec plans, and nothing is reported.
import { afterAll, describe, expect, it } from 'vitest';
import { checkDrift } from '../src/drift/check.js';
import { parseSpec } from '../src/spec/parse.js';
import { loadConfig } from '../src/lint/config.js';
import { specSymbols } from '../src/drift/symbols.js';
import { Repo, spec } from './drift-repo.js';

const repos: Repo[] = [];
afterAll(() => {
  for (const repo of repos) repo.remove();
});

const SPEC = 'tasks/prd-refunds/techspec.md';
const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const BODY = [
  '# Tech Spec: Refunds',
  '',
  '## Implementation Design',
  '',
  '### Main Interfaces',
  '',
  '```ts',
  'export interface OrderService {',
  '  pay(id: OrderId): Promise<void>;',
  '}',
  'export interface RefundService {',
  '  refund(id: OrderId): Promise<Refund>;',
  '}',
  '```',
  '',
  '### Data Models',
  '',
  '- `Order { id, total, paidAt }` — an order',
  '- `OrderId` — the order key',
  '- `Refund { id, orderId, amount }` — a refund (new)',
  '- `amount` in cents',
  '',
  '## Monitoring and Observability',
  '',
  '- `orders_paid_total` counter of paid orders',
  '- `order_latency_seconds` histogram of payment time',
  '- `refunds_total` counter of refunds',
  '- `payments_failed_total` counter',
  '- Contadores com label `error_class`; counters/histograms/gauges with label `subscription_name`',
  '',
  '| Metric | Type | Labels |',
  '| --- | --- | --- |',
  '| `queue.depth` | gauge | `queue_name`, `error_class` |',
];

const CODE = {
  'src/orders.ts': lines(
    'export interface OrderService {',
    '  pay(id: OrderId): Promise<void>;',
    '}',
    'export class Order {}',
    'export type OrderId = string;',
  ),
  'src/metrics.ts': lines(
    "import { Counter } from 'prom-client';",
    "export const paid = new Counter({ name: 'orders_paid_total', help: 'Paid orders' });",
    "export const latency = meter.createHistogram('order.latency', { unit: 's' });",
  ),
  // A metric registered by a client that adds `_total` itself; and a name in a test only, which does not count.
  'worker/metrics.py': lines(
    'from prometheus_client import Counter',
    "FAILED = Counter('payments_failed', 'Failures')",
  ),
  'test/refunds.test.ts': lines("expect(text).toContain('refunds_total');"),
};

/** The code at its first commit, the spec written then, and a commit that renames `OrderId` and drops the histogram. */
function refundsRepo(status: string): { repo: Repo; short: string } {
  const repo = new Repo(CODE);
  repos.push(repo);
  const base = repo.head();
  repo.write({ [SPEC]: spec(['feature: refunds', `status: ${status}`, `baseline: ${base}`], BODY) });
  repo.commit('spec');
  repo.write({
    'src/orders.ts': lines(
      'export interface OrderService {',
      '  pay(id: OrderKey): Promise<void>;',
      '}',
      'export class Order {}',
      'export type OrderKey = string;',
    ),
    'src/metrics.ts': lines(
      "import { Counter } from 'prom-client';",
      "export const paid = new Counter({ name: 'orders_paid_total', help: 'Paid orders' });",
    ),
  });
  repo.commit('rename');
  return { repo, short: base.slice(0, 7) };
}

const brief = (d: { ruleId: string; line: number; column: number; message: string }) => [
  d.ruleId,
  d.line,
  d.column,
  d.message,
];

describe('types and metrics the spec names', () => {
  it('finds declarations in code blocks and type names leading Data Models entries, at their positions', () => {
    const text = spec([], BODY);
    const config = loadConfig({ cwd: import.meta.dirname });
    const doc = parseSpec(text, {
      match: (title, parent, level) => config.sections.match(title, parent, level),
    });
    expect(specSymbols(doc)).toStrictEqual([
      { name: 'OrderService', line: 8, column: 18, endColumn: 30 },
      { name: 'RefundService', line: 11, column: 18, endColumn: 31 },
      { name: 'Order', line: 18, column: 4, endColumn: 9 },
      { name: 'OrderId', line: 19, column: 4, endColumn: 11 },
      { name: 'Refund', line: 20, column: 4, endColumn: 10 },
    ]);
  });

  it('reports what the code had at the baseline and lost since, and leaves what the draft plans', async () => {
    const { repo, short } = refundsRepo('draft');
    const report = await checkDrift(repo.root, [SPEC]);
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      [
        'drift/symbol-missing',
        24,
        4,
        `Missing definition of \`OrderId\`, expected the code to define it (it was declared at baseline \`${short}\`)`,
      ],
      [
        'drift/metric-missing',
        31,
        4,
        `Unregistered metric \`order_latency_seconds\`, expected code that registers it (the code registered it at baseline \`${short}\`)`,
      ],
    ]);
  });

  it('reports every type and metric the code lacks once the spec says it is implemented', async () => {
    const { repo } = refundsRepo('Implemented');
    const report = await checkDrift(repo.root, [SPEC]);
    const status = "the spec's status is `Implemented`";
    expect(report.results[0]?.diagnostics.map(brief)).toStrictEqual([
      [
        'drift/symbol-missing',
        16,
        18,
        `Missing definition of \`RefundService\`, expected the code to define it (${status})`,
      ],
      [
        'drift/symbol-missing',
        24,
        4,
        `Missing definition of \`OrderId\`, expected the code to define it (${status})`,
      ],
      [
        'drift/symbol-missing',
        25,
        4,
        `Missing definition of \`Refund\`, expected the code to define it (${status})`,
      ],
      [
        'drift/metric-missing',
        31,
        4,
        `Unregistered metric \`order_latency_seconds\`, expected code that registers it (${status})`,
      ],
      [
        'drift/metric-missing',
        32,
        4,
        `Unregistered metric \`refunds_total\`, expected code that registers it (${status})`,
      ],
    ]);
    expect(report.specs[0]?.counts).toMatchObject({ symbolMissing: 3, metricMissing: 2 });
  });
});
