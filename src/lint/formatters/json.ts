// JSON output, one object per run; its shape is stable and is what scripts and the MCP/REST surfaces share.
//
// {
//   "results": LintResult[]   one per linted file: { file, diagnostics[], errorCount, warningCount, fixableCount }
//                             (the fixed text is not repeated: with --fix it has been written to the file)
//   "problems": InputProblem[] files that could not be linted: { file, code, message }
//   "errorCount", "warningCount", "fixableCount": sums over results
// }
import type { LintResult } from '../diagnostic.js';
import { totals, type Formatter } from './types.js';

export const json: Formatter = (report) => {
  const results = report.results.map(withoutOutput);
  return `${JSON.stringify({ results, problems: report.problems, ...totals(report.results) }, null, 2)}\n`;
};

/** Lists the keys explicitly, so the shape stays what the comment above says. */
function withoutOutput(result: LintResult): Omit<LintResult, 'output'> {
  const { file, diagnostics, errorCount, warningCount, fixableCount } = result;
  return { file, diagnostics, errorCount, warningCount, fixableCount };
}
