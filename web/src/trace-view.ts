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
  // A list, not a table: the side panel is narrow and section ids are long.
  const items = requirements.map((requirement) => {
    const tasks = requirement.tasks ?? [];
    const sections = (requirement.sections ?? []).map(label);
    return h(
      'li',
      { class: tasks.length === 0 ? 'uncovered' : '' },
      h('strong', {}, requirement.id),
      requirement.text ? h('span', { class: 'reason' }, requirement.text) : null,
      h(
        'span',
        { class: 'cites' },
        'spec: ',
        ...(sections.length > 0 ? sections.map((id) => h('code', {}, id)) : ['—']),
      ),
      h(
        'span',
        { class: 'cites' },
        'tasks: ',
        tasks.length === 0 ? h('strong', {}, 'none') : tasks.map(label).join(', '),
      ),
    );
  });
  const problems = Array.isArray(record.problems) ? (record.problems as unknown[]).map(label) : [];
  const loose = Array.isArray(record.uncitedTasks) ? (record.uncitedTasks as unknown[]) : [];
  return h(
    'div',
    {},
    h('ul', { class: 'trace' }, ...items),
    loose.length > 0 ? h('p', {}, `Tasks citing no requirement: ${loose.map(label).join(', ')}`) : null,
    ...problems.map((problem) => h('p', { class: 'muted' }, problem)),
  );
}
