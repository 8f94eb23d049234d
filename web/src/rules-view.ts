// Every rule source of the repository, per tool, with when it is loaded and where it applies.
import { api } from './api.js';
import { clear, h } from './dom.js';
import type { RuleScan } from './types.js';

type RuleSource = RuleScan['sources'][number];

export async function renderRules(main: HTMLElement): Promise<void> {
  const scan = await api.rules();
  clear(main);
  main.append(h('h1', {}, 'Rules'));
  if (scan.sources.length === 0) main.append(h('p', {}, 'The repository has no rule files.'));
  const tools = [...new Set(scan.sources.map((source) => source.tool))];
  for (const tool of tools) {
    main.append(
      h('h2', {}, tool),
      h('ul', { class: 'rules' }, ...scan.sources.filter((source) => source.tool === tool).map(ruleItem)),
    );
  }
  if (scan.problems.length > 0) {
    main.append(
      h('h2', {}, 'Problems'),
      h(
        'ul',
        {},
        ...scan.problems.map((problem) =>
          h('li', { class: 'problem' }, `${problem.path}: ${problem.message}`),
        ),
      ),
    );
  }
}

function where(source: RuleSource): string {
  switch (source.activation) {
    case 'always':
      return 'always loaded';
    case 'globs':
      return `for files matching ${source.globs.join(', ')}`;
    case 'description':
      return 'when its description fits the task';
    default:
      return 'on request';
  }
}

function ruleItem(source: RuleSource): HTMLElement {
  return h(
    'li',
    { class: 'rule-source' },
    h('code', {}, source.path),
    h(
      'p',
      { class: 'meta' },
      where(source),
      ` · ${source.category}`,
      source.mode ? ` · mode ${source.mode}` : '',
      source.appliesToTechSpec ? '' : ' · not for tech specs',
    ),
    source.title || source.description
      ? h('p', {}, source.title ?? '', source.description ? ` — ${source.description}` : '')
      : null,
    source.scopes.length > 0 ? h('p', { class: 'meta' }, `Scope: ${source.scopes.join('; ')}`) : null,
    source.copies.length > 0 ? h('p', { class: 'meta' }, `Same as ${source.copies.join(', ')}`) : null,
    ...source.problems.map((problem) => h('p', { class: 'problem' }, problem.message)),
  );
}
