// Renders a trace report: an aligned table for the terminal, or the report itself as JSON for tools.
import type { TraceReport } from './trace.js';

export type TraceFormat = 'table' | 'json';

export const TRACE_FORMATS: readonly TraceFormat[] = ['table', 'json'];

const TEXT_WIDTH = 60;

export function formatTrace(report: TraceReport, format: TraceFormat): string {
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report);
}

function formatTable(report: TraceReport): string {
  const files = [report.prd, report.spec, report.tasks].map((file) => file ?? '(none)');
  const out = [`${report.feature}: ${files.join(' → ')}`, ''];
  if (report.requirements.length > 0) {
    const rows = [
      ['requirement', 'spec sections', 'tasks', 'text'],
      ...report.requirements.map((r) => [
        r.id,
        r.sections.join(', ') || '—',
        r.tasks.join(', ') || '—',
        clip(r.text),
      ]),
    ];
    out.push(...align(rows), '');
  }
  if (report.uncitedTasks.length > 0) {
    out.push('Tasks citing no requirement:');
    for (const task of report.uncitedTasks) out.push(`  ${task.number} ${clip(task.title)}`);
    out.push('');
  }
  if (report.unknown.length > 0) {
    const cited = report.unknown.map((u) => `${u.id} (${u.file}: ${u.where})`);
    out.push(`Cited but not in the PRD: ${cited.join(', ')}`, '');
  }
  const c = report.counts;
  out.push(`Tasks read from ${layoutText(report)}`);
  out.push(
    `${c.requirements} requirements: ${c.inSpec} cited by the spec, ${c.inTasks} by tasks, ${c.withoutTask} by no task; ` +
      `${c.tasks} tasks, ${c.tasksWithoutRequirement} citing no requirement`,
  );
  return `${out.join('\n')}\n`;
}

const LAYOUT_WORDS: Record<TraceReport['taskLayout'], string> = {
  'task-files': 'one file per task',
  table: 'the task table',
  'checkbox-list': 'the checkbox list',
  'numbered-list': 'the numbered list',
  none: '',
};

function layoutText(report: TraceReport): string {
  if (report.taskLayout === 'none') return 'nowhere: no tasks.md and no task-N files in the feature folder.';
  const files = report.taskFiles;
  const where = files.length === 1 ? (files[0] ?? '') : `${files.length} files (${files[0] ?? ''} …)`;
  return `${LAYOUT_WORDS[report.taskLayout]} in ${where}.`;
}

/** Characters as a terminal counts them (code points: ids, section ids and task numbers hold no combining marks). */
function width(text: string): number {
  return Array.from(text).length;
}

function align(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? '')))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) =>
        column === row.length - 1 ? cell : cell + ' '.repeat((widths[column] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd(),
  );
}

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length > TEXT_WIDTH ? `${chars.slice(0, TEXT_WIDTH - 1).join('')}…` : text;
}
