// SARIF 2.1.0 output in the form GitHub code scanning accepts: one run, every rule described, relative URIs.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, type Diagnostic, type InputProblem } from '../diagnostic.js';
import type { FormatContext, Formatter, RuleInfo } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/techspec-dev/techspec';
const SRCROOT = '%SRCROOT%';

export const sarif: Formatter = (report, context) => {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'techspec',
            informationUri: INFORMATION_URI,
            version: context.version,
            semanticVersion: context.version,
            rules: context.rules.map(describeRule),
          },
        },
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            toolExecutionNotifications: report.problems.map((problem) => notification(problem, context)),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: report.results.flatMap((result) =>
          result.diagnostics.map((d) => toResult(d, ruleIndex.get(d.ruleId), context)),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function describeRule(rule: RuleInfo) {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    helpUri: rule.docsUrl ?? docsUrl(rule.id),
    defaultConfiguration: { level: rule.severity },
  };
}

function toResult(d: Diagnostic, index: number | undefined, context: FormatContext) {
  // SARIF regions end after endColumn - 1, as ours do; an end before the start would be rejected.
  const endColumn = d.endLine === d.line ? Math.max(d.endColumn, d.column) : d.endColumn;
  return {
    ruleId: d.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: d.severity,
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(d.file, context),
          region: {
            startLine: d.line,
            startColumn: d.column,
            endLine: Math.max(d.endLine, d.line),
            endColumn,
          },
        },
      },
    ],
  };
}

function notification(problem: InputProblem, context: FormatContext) {
  return {
    level: 'error',
    message: { text: `${problem.file}: ${problem.message}` },
    descriptor: { id: problem.code },
    locations: [{ physicalLocation: { artifactLocation: artifact(problem.file, context) } }],
  };
}

/** A URI relative to %SRCROOT% (the working directory), `/`-separated, each segment percent-encoded. */
function artifact(file: string, context: FormatContext) {
  const relative = path.isAbsolute(file) ? path.relative(context.cwd, file) : file;
  const uri = relative.split(/[\\/]/).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
