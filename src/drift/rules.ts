// The kinds of drift finding: id, severity, one-line description and message, in the linter's voice and type.
import { DOCS_BASE_URL, type Diagnostic, type Severity } from '../lint/diagnostic.js';
import { formatMessage } from '../lint/rule.js';
import type { RuleInfo } from '../lint/formatters/types.js';
import type { SpecDocument } from '../spec/model.js';
import type { SpecPosition } from './model.js';

/** Drift findings are documented together, one heading each, in docs/check.md. */
const CHECK_DOCS_URL = new URL('../check.md', DOCS_BASE_URL).href;

interface DriftRule extends RuleInfo {
  message: string;
  /** The key under which a spec's summary counts these findings (`counts.<key>`), when it counts them. */
  count?: string | undefined;
}

const rule = <const Count extends string | undefined = undefined>(
  id: string,
  severity: Severity,
  description: string,
  message: string,
  count?: Count,
) => ({
  id: `drift/${id}`,
  severity,
  description,
  message,
  docsUrl: driftDocsUrl(`drift/${id}`),
  count: count as Count,
});

/** Every drift finding, in the order docs/check.md describes them. */
export const DRIFT_RULES = [
  rule(
    'no-baseline',
    'warning',
    'Reports a spec with no `baseline:` commit in its front matter: only existence can be checked.',
    'Missing `baseline:` in the front matter, expected the commit the spec was written against (`techspec check --accept` sets it); only existence was checked',
  ),
  rule(
    'baseline-unknown',
    'warning',
    'Reports a `baseline:` that names no commit of the repository: only existence can be checked.',
    'Unknown baseline `{{baseline}}`, expected a commit of this repository{{why}}; only existence was checked',
  ),
  rule(
    'file-deleted',
    'error',
    'Reports a listed file deleted since the baseline.',
    'Deleted {{kind}} `{{path}}` since baseline `{{baseline}}`, expected the paths the spec lists to exist',
    'deleted',
  ),
  rule(
    'file-renamed',
    'error',
    'Reports a listed file that git saw renamed since the baseline.',
    'Renamed {{kind}} `{{path}}` to `{{to}}` since baseline `{{baseline}}`, expected the spec to list `{{to}}`',
    'renamed',
  ),
  rule(
    'file-changed',
    'warning',
    'Reports a listed file changed since the baseline, for review.',
    'Changed {{kind}} `{{path}}` since baseline `{{baseline}}` ({{stat}}), expected the spec reviewed and its baseline moved with `techspec check --accept`',
    'changed',
  ),
  rule(
    'file-missing',
    'error',
    'Reports a listed path that exists neither now nor at the baseline and is not marked as new.',
    'Missing {{kind}} `{{path}}`, expected a path of the repository or a marker such as `(new)` for one to create',
    'missing',
  ),
  rule(
    'endpoint-missing',
    'error',
    'Reports an API endpoint of the spec that no route declares, once the spec is implemented or the route existed at the baseline.',
    'Missing route `{{endpoint}}`, expected a route in the code to declare it ({{why}}; {{routes}} found)',
    'endpointMissing',
  ),
  rule(
    'endpoint-unlisted',
    'warning',
    'Reports a route added under the spec’s common path prefix since the baseline that the spec does not list.',
    'Unlisted route `{{endpoint}}` ({{framework}}, {{where}}) under `{{prefix}}`, expected it among the API Endpoints',
    'endpointUnlisted',
  ),
  rule(
    'symbol-missing',
    'error',
    'Reports a type, interface or class named in Main Interfaces or Data Models that the code does not define.',
    'Missing definition of `{{name}}`, expected the code to define it ({{why}})',
    'symbolMissing',
  ),
  rule(
    'metric-missing',
    'error',
    'Reports a metric named in Monitoring that no code registers.',
    'Unregistered metric `{{name}}`, expected code that registers it ({{why}})',
    'metricMissing',
  ),
] as const;

export type DriftRuleId = (typeof DRIFT_RULES)[number]['id'];

/** The per-kind counts a spec's summary keeps: one key per counted finding kind, from the rules above. */
export type DriftCountKey = NonNullable<(typeof DRIFT_RULES)[number]['count']>;

/** Which count each finding kind adds to. */
export const COUNT_OF: ReadonlyMap<string, DriftCountKey> = new Map(
  DRIFT_RULES.flatMap((r): [string, DriftCountKey][] => (r.count === undefined ? [] : [[r.id, r.count]])),
);

// Checked here rather than with `satisfies` on the list, which would widen each rule's `count` to `string`.
const BY_ID = new Map<string, DriftRule>((DRIFT_RULES satisfies readonly DriftRule[]).map((r) => [r.id, r]));

/** docs/check.md, beside the rule pages; its `### drift/<kind>` headings are the anchors. */
export function driftDocsUrl(id: string): string {
  return `${CHECK_DOCS_URL}#${id.replace(/\//g, '')}`;
}

export interface DriftFinding {
  ruleId: DriftRuleId;
  data: Record<string, string | number>;
  at: SpecPosition;
  hint?: string;
}

/** The finding as the one Diagnostic type every formatter prints. */
export function toDiagnostic(doc: SpecDocument, file: string, finding: DriftFinding): Diagnostic {
  const found = BY_ID.get(finding.ruleId);
  const lineText = doc.lines[finding.at.line - 1] ?? '';
  const diagnostic: Diagnostic = {
    ruleId: finding.ruleId,
    messageId: finding.ruleId.slice('drift/'.length),
    severity: found?.severity ?? 'error',
    message: formatMessage(found?.message ?? finding.ruleId, finding.data),
    file,
    line: finding.at.line,
    column: finding.at.column,
    endLine: finding.at.line,
    endColumn: finding.at.endColumn ?? lineText.length + 1,
    docsUrl: driftDocsUrl(finding.ruleId),
  };
  if (finding.hint) diagnostic.hint = finding.hint;
  return diagnostic;
}
