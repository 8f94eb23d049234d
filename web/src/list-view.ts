// The spec list: one row per feature, sortable by any column, filtered by a text box.
import { api } from './api.js';
import { clear, h } from './dom.js';
import type { SpecSummary } from './types.js';

type Column = 'feature' | 'status' | 'errors' | 'warnings' | 'drift' | 'words';

export interface ListState {
  sort: Column;
  descending: boolean;
  filter: string;
}

const COLUMNS: { key: Column; label: string; numeric: boolean }[] = [
  { key: 'feature', label: 'Feature', numeric: false },
  { key: 'status', label: 'Status', numeric: false },
  { key: 'errors', label: 'Errors', numeric: true },
  { key: 'warnings', label: 'Warnings', numeric: true },
  { key: 'drift', label: 'Drift', numeric: false },
  { key: 'words', label: 'Words', numeric: true },
];

function value(spec: SpecSummary, column: Column): string | number {
  switch (column) {
    case 'feature':
      return spec.feature;
    case 'status':
      return spec.status ?? '';
    case 'errors':
      return spec.counts.error;
    case 'warnings':
      return spec.counts.warning;
    case 'drift':
      return spec.drift ?? '';
    case 'words':
      return spec.words ?? -1;
  }
}

function matches(spec: SpecSummary, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return true;
  return [spec.feature, spec.title ?? '', spec.status ?? '', spec.drift ?? '', spec.spec ?? '']
    .join(' ')
    .toLowerCase()
    .includes(wanted);
}

export async function renderList(main: HTMLElement, state: ListState): Promise<void> {
  const list = await api.specs();
  clear(main);
  const tbody = h('tbody');
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const table = h(
    'table',
    { class: 'specs' },
    h('caption', { class: 'visually-hidden' }, 'Specs of the repository'),
  );
  const headRow = h('tr');
  const draw = (): void => {
    clear(headRow);
    for (const column of COLUMNS) {
      const active = state.sort === column.key;
      const sort = active ? (state.descending ? 'descending' : 'ascending') : 'none';
      const button = h(
        'button',
        {
          type: 'button',
          class: 'sort',
          id: `sort-${column.key}`,
          onclick: () => {
            state.descending = active ? !state.descending : column.numeric;
            state.sort = column.key;
            draw();
            // The header was drawn anew: keep keyboard focus on the button just pressed.
            document.getElementById(`sort-${column.key}`)?.focus();
          },
        },
        column.label,
        h('span', { 'aria-hidden': 'true', class: 'arrow' }, active ? (state.descending ? ' ▼' : ' ▲') : ''),
      );
      headRow.append(
        h('th', { scope: 'col', 'aria-sort': sort, class: column.numeric ? 'num' : '' }, button),
      );
    }
    clear(tbody);
    const rows = list.specs.filter((spec) => matches(spec, state.filter));
    rows.sort((a, b) => compare(value(a, state.sort), value(b, state.sort), state.descending));
    for (const spec of rows) tbody.append(row(spec));
    count.textContent = `${rows.length} of ${list.specs.length} specs`;
  };
  table.append(h('thead', {}, headRow), tbody);
  const filter = h('input', {
    type: 'search',
    id: 'filter',
    value: state.filter,
    placeholder: 'feature, title, status…',
    oninput: (event) => {
      state.filter = (event.target as HTMLInputElement).value;
      draw();
    },
  });
  main.append(
    h('h1', {}, 'Specs'),
    ...list.problems.map((problem) => h('p', { class: 'problem', role: 'alert' }, problem)),
    h('div', { class: 'toolbar' }, h('label', { for: 'filter' }, 'Filter'), filter, count),
    table,
  );
  draw();
}

function compare(a: string | number, b: string | number, descending: boolean): number {
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return descending ? -order : order;
}

function row(spec: SpecSummary): HTMLTableRowElement {
  const name = h('a', { href: `#/spec/${encodeURIComponent(spec.feature)}` }, spec.feature);
  return h(
    'tr',
    {},
    h('td', { 'data-label': 'Feature' }, name, spec.title ? h('span', { class: 'title' }, spec.title) : null),
    h('td', { 'data-label': 'Status' }, spec.spec === null ? h('em', {}, 'no spec') : (spec.status ?? '—')),
    h(
      'td',
      { 'data-label': 'Errors', class: `num${spec.counts.error > 0 ? ' has-errors' : ''}` },
      spec.counts.error,
    ),
    h(
      'td',
      { 'data-label': 'Warnings', class: `num${spec.counts.warning > 0 ? ' has-warnings' : ''}` },
      spec.counts.warning,
    ),
    h('td', { 'data-label': 'Drift' }, driftBadge(spec.drift)),
    h('td', { 'data-label': 'Words', class: 'num' }, spec.words ?? '—'),
  );
}

export function driftBadge(drift: SpecSummary['drift']): HTMLElement {
  return h('span', { class: `drift drift-${drift ?? 'unknown'}` }, drift ?? 'n/a');
}
