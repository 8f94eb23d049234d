// The one diagnostic type: every output format (text, JSON, SARIF, GitHub, MCP, REST) serialises this.

export type Severity = 'error' | 'warning';

/** Replace `text` over the character offsets [start, end) of the document; start === end inserts. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Diagnostic {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  /** A suggestion that cannot be applied mechanically, such as the closest existing path. */
  hint?: string;
  docsUrl: string;
}

export interface LintResult {
  file: string;
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** The fixed text, present only when fixing was asked for and changed something. */
  output?: string;
}

/** A file that could not be linted at all: missing, unreadable, binary, too large. Not a finding. */
export interface InputProblem {
  file: string;
  code: string;
  message: string;
}

export const DOCS_BASE_URL = 'https://github.com/techspec-dev/techspec/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** Orders diagnostics by position, then rule id, so every output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || compareIds(a.ruleId, b.ruleId);
}

const KEBAB = /^[a-z0-9-]*$/;

/**
 * `localeCompare` order of two rule ids (diagnostics on one position, a report's per-rule counts). Kebab-case ids
 * (all of ours) sort the same by code unit, which spares the 10–15 ms a process pays to set up the locale's collator
 * on its first `localeCompare`.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  if (KEBAB.test(a) && KEBAB.test(b)) return a < b ? -1 : 1;
  return a.localeCompare(b);
}

export function summarize(file: string, diagnostics: Diagnostic[]): LintResult {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  return {
    file,
    diagnostics: sorted,
    errorCount: sorted.filter((d) => d.severity === 'error').length,
    warningCount: sorted.filter((d) => d.severity === 'warning').length,
    fixableCount: sorted.filter((d) => d.fix !== undefined).length,
  };
}
