// Renders a RuleScan for people (grouped by tool) or for programs (JSON), for the `techspec rules` command.
import type { RuleScan } from './discover.js';
import type { RuleFinding } from './check.js';
import { type RuleProblem, type RuleSource } from './model.js';
import { TOOL_PRIORITY } from '../registry.js';
import { CONFIG_RULES_TOOL } from './locations.js';

export type RuleScanFormat = 'text' | 'json';

/** The text or JSON report of a scan; JSON leaves out the bodies, which the files themselves hold. */
export function formatRuleScan(scan: RuleScan, format: RuleScanFormat): string {
  return format === 'json' ? formatJson(scan) : formatText(scan);
}

function formatJson(scan: RuleScan): string {
  const withoutBody = (key: string, value: unknown): unknown => (key === 'body' ? undefined : value);
  return `${JSON.stringify({ sources: scan.sources, problems: scan.problems }, withoutBody, 2)}\n`;
}

function formatText(scan: RuleScan): string {
  const out: string[] = [];
  for (const tool of [...TOOL_PRIORITY, CONFIG_RULES_TOOL]) {
    const sources = scan.sources.filter((source) => source.tool === tool);
    if (sources.length === 0) continue;
    out.push(tool);
    for (const source of sources) out.push(...sourceLines(source));
  }
  if (scan.problems.length > 0) {
    out.push('problems');
    out.push(...scan.problems.map((problem) => `  ${problemText(problem)}`));
  }
  out.push(summary(scan));
  return `${out.join('\n')}\n`;
}

/** `  path  activation globs  category  mode m  not for tech specs`, then copies and problems indented. */
function sourceLines(source: RuleSource): string[] {
  const declared = source.activation === 'globs' ? `globs ${source.globs.join(', ')}` : source.activation;
  const activation =
    source.activationNote === undefined ? declared : `${declared} (${source.activationNote})`;
  const parts = [source.path, activation, source.category];
  if (source.mode !== undefined) parts.push(`mode ${source.mode}`);
  if (!source.appliesToTechSpec) parts.push('not for tech specs');
  const lines = [`  ${parts.join('  ')}`];
  if (source.copies.length > 0) lines.push(`    same as ${source.copies.join(', ')}`);
  for (const problem of source.problems) lines.push(`    ${problemText(problem, false)}`);
  return lines;
}

function problemText(problem: RuleProblem, withPath = true): string {
  const place = withPath ? problem.path : '';
  const line = problem.line === undefined ? '' : `${withPath ? ':' : 'line '}${problem.line}`;
  const prefix = `${place}${line}`;
  return prefix === '' ? problem.message : `${prefix}: ${problem.message}`;
}

function summary(scan: RuleScan): string {
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const notForSpecs = scan.sources.filter((source) => !source.appliesToTechSpec).length;
  const sourceProblems = scan.sources.reduce((sum, source) => sum + source.problems.length, 0);
  return [
    `${count(scan.sources.length, 'rule source')} (${notForSpecs} not for tech specs)`,
    count(scan.problems.length + sourceProblems, 'problem'),
  ].join(', ');
}

/** The findings of `techspec rules --check`: one line each (`path:line  kind  message`), or JSON. */
export function formatRuleFindings(findings: readonly RuleFinding[], format: RuleScanFormat): string {
  if (format === 'json') return `${JSON.stringify({ findings }, null, 2)}\n`;
  const lines = findings.map((finding) => {
    const place = finding.line === undefined ? finding.path : `${finding.path}:${finding.line}`;
    return `${place}  ${finding.kind}  ${finding.message}`;
  });
  const n = findings.length;
  lines.push(n === 0 ? 'No rule file problems' : `${n} rule file problem${n === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}
