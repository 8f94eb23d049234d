// Human-readable output in the shape ESLint users know: a header per file, one aligned row per finding, a summary,
// then the findings per rule. Messages wrap at MESSAGE_WIDTH so the rule id stays on screen beside each one.
import { compareIds, type Diagnostic, type LintResult } from '../diagnostic.js';
import { totals, type Formatter } from './types.js';

type Paint = (text: string) => string;

/** The widest the message column gets; longer messages wrap onto the lines below, under themselves. */
export const MESSAGE_WIDTH = 72;

interface Palette {
  red: Paint;
  yellow: Paint;
  dim: Paint;
  bold: Paint;
  underline: Paint;
}

export const stylish: Formatter = (report, context) => {
  const paint = palette(context.color);
  const lines: string[] = [];
  for (const problem of report.problems) {
    lines.push(`${paint.red('✖')} ${problem.file}: ${problem.message}`);
  }
  for (const result of report.results) {
    if (result.diagnostics.length > 0) lines.push('', paint.underline(result.file), ...rows(result, paint));
  }
  const { errorCount, warningCount, fixableCount } = totals(report.results);
  const count = errorCount + warningCount;
  if (count > 0) {
    const summary = `✖ ${plural(count, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')})`;
    const paintSummary = errorCount > 0 ? paint.red : paint.yellow;
    lines.push('', paint.bold(paintSummary(summary)));
    if (fixableCount > 0) lines.push(`  ${fixableCount} fixable with --fix`);
  }
  if (report.problems.length > 0) {
    lines.push(
      '',
      paint.bold(
        paint.red(`✖ ${plural(report.problems.length, 'path')} could not be ${context.verb ?? 'linted'}`),
      ),
    );
  }
  if (count > 0) lines.push('', ...perRule(report.results, paint));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

/** Columns are padded before colouring, so escape codes never upset the alignment. */
function rows(result: LintResult, paint: Palette): string[] {
  const lineWidth = Math.max(...result.diagnostics.map((d) => String(d.line).length));
  const columnWidth = Math.max(...result.diagnostics.map((d) => String(d.column).length));
  const severityWidth = Math.max(...result.diagnostics.map((d) => d.severity.length));
  const messageWidth = Math.min(MESSAGE_WIDTH, Math.max(...result.diagnostics.map((d) => d.message.length)));
  const indent = ' '.repeat(lineWidth + columnWidth + severityWidth + 7);
  return result.diagnostics.flatMap((d: Diagnostic) => {
    const position = `${String(d.line).padStart(lineWidth)}:${String(d.column).padEnd(columnWidth)}`;
    const severity = d.severity.padEnd(severityWidth);
    const painted = d.severity === 'error' ? paint.red(severity) : paint.yellow(severity);
    const [first = '', ...rest] = wrap(d.message, messageWidth);
    const row = `  ${paint.dim(position)}  ${painted}  ${first.padEnd(messageWidth)}  ${paint.dim(d.ruleId)}`;
    const more = rest.map((line) => `${indent}${line}`);
    // A hint (such as the closest existing path) goes on its own line under the message it helps with.
    return d.hint ? [row, ...more, `${indent}${paint.dim(`↳ ${d.hint}`)}`] : [row, ...more];
  });
}

/** Lines of at most `width` characters, broken between words (a longer word is cut). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (line !== '') lines.push(line);
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
      line = '';
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** How many findings each rule gave, most first: which rule to read (or configure) first. */
function perRule(results: readonly LintResult[], paint: Palette): string[] {
  const counts = new Map<string, number>();
  for (const d of results.flatMap((result) => result.diagnostics))
    counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
  const rows = [...counts].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]));
  const countWidth = Math.max(...rows.map(([, n]) => String(n).length));
  return [
    paint.bold('Findings per rule:'),
    ...rows.map(([id, n]) => `  ${String(n).padStart(countWidth)}  ${paint.dim(id)}`),
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function palette(color: boolean): Palette {
  const wrap = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    underline: wrap(4, 24),
  };
}
