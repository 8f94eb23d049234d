// JSON output, one object per run; its shape is stable and is what scripts and the MCP/REST surfaces share.
//
// {
//   "results": LintResult[]   one per linted file: { file, diagnostics[], errorCount, warningCount, fixableCount }
//                             (the fixed text is not repeated: with --fix it has been written to the file)
//   "problems": InputProblem[] files that could not be linted: { file, code, message }
//   "errorCount", "warningCount", "fixableCount": sums over results
// }
import type { InputProblem, LintResult } from '../diagnostic.js';
import { totals, type Formatter, type LintReport } from './types.js';

export const json: Formatter = (report) => `${JSON.stringify(jsonReport(report), null, 2)}\n`;

/** A type, not an interface: surfaces hand it on as a plain JSON record. */
export type JsonReport = {
  results: Omit<LintResult, 'output'>[];
  problems: InputProblem[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
};

/** The object the JSON format prints, for surfaces that add to it (`techspec check` adds its `specs`). */
export function jsonReport(report: LintReport): JsonReport {
  const results = report.results.map(withoutOutput);
  return { results, problems: [...report.problems], ...totals(report.results) };
}

/** Lists the keys explicitly, so the shape stays what the comment above says. */
function withoutOutput(result: LintResult): Omit<LintResult, 'output'> {
  const { file, diagnostics, errorCount, warningCount, fixableCount } = result;
  return { file, diagnostics, errorCount, warningCount, fixableCount };
}
