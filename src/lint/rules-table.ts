// The README's rule table, generated from rule metadata so the two cannot drift.
import type { AnyRule } from './rule.js';

export function rulesTable(rules: readonly AnyRule[]): string {
  const rows = rules.map(
    (rule) =>
      `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.description} | ${rule.strict === true ? `${rule.severity} (\`strict\` only)` : rule.severity} | ${rule.fixable ? 'yes' : ''} |`,
  );
  return ['| rule | what it checks | default | fixable |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
