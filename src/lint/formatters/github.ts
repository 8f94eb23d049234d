// GitHub Actions workflow commands: each finding becomes an annotation on the file and line it concerns.
import type { Diagnostic } from '../diagnostic.js';
import type { Formatter } from './types.js';

export const github: Formatter = (report) => {
  const lines: string[] = [];
  for (const problem of report.problems) {
    lines.push(command('error', { file: problem.file, title: problem.code }, problem.message));
  }
  for (const result of report.results) {
    for (const d of result.diagnostics) lines.push(annotation(d));
  }
  return lines.map((line) => `${line}\n`).join('');
};

function annotation(d: Diagnostic): string {
  const properties = {
    file: d.file,
    line: String(d.line),
    col: String(d.column),
    endLine: String(d.endLine),
    endColumn: String(d.endColumn),
    title: d.ruleId,
  };
  return command(d.severity, properties, d.message);
}

function command(name: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

/** The message part: GitHub decodes %25, %0D and %0A. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, plus `:` and `,`, which would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
