// What every formatter receives: the report of one run and the little it needs to know about its surroundings.
import type { InputProblem, LintResult, Severity } from '../diagnostic.js';

export interface LintReport {
  results: readonly LintResult[];
  problems: readonly InputProblem[];
}

/** The rule metadata formatters show (SARIF lists every rule, whether it ran or not). */
export interface RuleInfo {
  id: string;
  description: string;
  severity: Severity;
  /** Where the rule is documented, when not at `docs/rules/<id>.md` (drift findings live in docs/check.md). */
  docsUrl?: string;
}

export interface FormatContext {
  /** Directory the shown paths are relative to; SARIF's %SRCROOT%. */
  cwd: string;
  color: boolean;
  /** techspec's version, for SARIF's tool.driver.version. */
  version: string;
  rules: readonly RuleInfo[];
  /** What the command does to a file, for the stylish summary of paths it could not: `linted` (default), `checked`. */
  verb?: string;
}

export type Formatter = (report: LintReport, context: FormatContext) => string;

export interface Totals {
  errorCount: number;
  warningCount: number;
  fixableCount: number;
}

export function totals(results: readonly LintResult[]): Totals {
  let errorCount = 0;
  let warningCount = 0;
  let fixableCount = 0;
  for (const result of results) {
    errorCount += result.errorCount;
    warningCount += result.warningCount;
    fixableCount += result.fixableCount;
  }
  return { errorCount, warningCount, fixableCount };
}
