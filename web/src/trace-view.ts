// The PRD → tasks trace of a feature (the workflow's TraceReport): requirements with the sections and tasks that cite
// them, highlighted when no task does, and the tasks that cite no requirement.
import { h } from './dom.js';

interface Requirement {
  id: string;
  text?: string;
  sections?: unknown[];
  tasks?: unknown[];
}

function label(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    if (typeof record.number === 'string' && typeof record.title === 'string')
      return `${record.number} ${record.title}`;
    for (const key of ['id', 'number', 'title', 'section', 'path']) {
      const value = record[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  }
  return JSON.stringify(item);
}

/** A table of requirements when the trace has them; its JSON otherwise, so nothing is hidden. */
export function renderTrace(trace: unknown): HTMLElement {
  const record = typeof trace === 'object' && trace !== null ? (trace as Record<string, unknown>) : {};
  const requirements = Array.isArray(record.requirements)
    ? (record.requirements as Requirement[])
    : undefined;
  if (!requirements) return h('pre', { class: 'json' }, JSON.stringify(trace, null, 2));
  const rows = requirements.map((requirement) => {
    const tasks = requirement.tasks ?? [];
    return h(
      'tr',
      { class: tasks.length === 0 ? 'uncovered' : '' },
      h(
        'th',
        { scope: 'row' },
        requirement.id,
        requirement.text ? h('span', { class: 'reason' }, requirement.text) : null,
      ),
      h('td', { 'data-label': 'Spec' }, (requirement.sections ?? []).map(label).join(', ') || '—'),
      h(
        'td',
        { 'data-label': 'Tasks' },
        tasks.length === 0 ? h('strong', {}, 'no task') : tasks.map(label).join(', '),
      ),
    );
  });
  const problems = Array.isArray(record.problems) ? (record.problems as unknown[]).map(label) : [];
  const loose = Array.isArray(record.uncitedTasks) ? (record.uncitedTasks as unknown[]) : [];
  return h(
    'div',
    {},
    h(
      'table',
      { class: 'trace' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Requirement'),
          h('th', { scope: 'col' }, 'Spec'),
          h('th', { scope: 'col' }, 'Tasks'),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    loose.length > 0 ? h('p', {}, `Tasks citing no requirement: ${loose.map(label).join(', ')}`) : null,
    ...problems.map((problem) => h('p', { class: 'muted' }, problem)),
  );
}
