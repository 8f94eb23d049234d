// One spec: rendered with its findings inline, beside its drift, its PRD → tasks trace and the context comparison.
import { api } from './api.js';
import { clear, h, plural } from './dom.js';
import { driftBadge } from './list-view.js';
import { renderSpec, withCode, withoutFrontMatter } from './render.js';
import { renderTrace } from './trace-view.js';
import type { ContextAnswer, Diagnostic, SpecDetail } from './types.js';

export async function renderSpecView(main: HTMLElement, feature: string): Promise<void> {
  const spec = await api.spec(feature);
  clear(main);
  const contextPanel = h('section', { class: 'panel', 'aria-labelledby': 'context-title' });
  main.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← All specs')),
    header(spec),
    h(
      'div',
      { class: 'spec-layout' },
      h('article', { class: 'spec-body', 'aria-label': 'Spec' }, ...body(spec)),
      h(
        'div',
        { class: 'side' },
        findingsPanel(spec.findings),
        driftPanel(spec),
        tracePanel(spec),
        contextPanel,
      ),
    ),
  );
  contextPanel.append(
    h('h2', { id: 'context-title' }, 'Standards and files'),
    h('p', { class: 'muted' }, 'Asking the context engine…'),
  );
  if (spec.text === null) {
    clear(contextPanel);
    return;
  }
  try {
    fillContext(contextPanel, await api.context(spec.feature));
  } catch (error) {
    contextPanel.append(h('p', { class: 'problem' }, (error as Error).message));
  }
}

function header(spec: SpecDetail): HTMLElement {
  return h(
    'header',
    { class: 'spec-header' },
    h('h1', {}, spec.feature),
    h(
      'p',
      { class: 'meta' },
      h('code', {}, spec.spec ?? spec.dir),
      ' · status ',
      h('strong', {}, spec.status ?? '—'),
      ' · ',
      h('span', { class: spec.counts.error > 0 ? 'has-errors' : '' }, plural(spec.counts.error, 'error')),
      ' · ',
      h(
        'span',
        { class: spec.counts.warning > 0 ? 'has-warnings' : '' },
        plural(spec.counts.warning, 'warning'),
      ),
      ' · drift ',
      driftBadge(spec.drift),
      spec.words === null ? '' : ` · ${plural(spec.words, 'word')}`,
    ),
  );
}

function body(spec: SpecDetail): HTMLElement[] {
  const problems = spec.problems.map((problem) =>
    h('p', { class: 'problem', role: 'alert' }, `${problem.file}: ${problem.message}`),
  );
  if (spec.text === null)
    return problems.length > 0 ? problems : [h('p', {}, 'This feature has no spec yet.')];
  const front = spec.frontMatter;
  const frontList =
    front && typeof front.data === 'object' && front.data !== null
      ? h(
          'dl',
          { class: 'front-matter' },
          ...Object.entries(front.data).flatMap(([key, value]) => [
            h('dt', {}, key),
            h('dd', {}, typeof value === 'string' ? value : JSON.stringify(value)),
          ]),
        )
      : null;
  const rendered = renderSpec(withoutFrontMatter(spec.text, front?.endLine), spec.findings);
  return [...problems, ...(frontList ? [frontList] : []), rendered];
}

/** A side panel headed `title`, labelled by its heading. */
function sidePanel(id: string, title: string): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
  );
}

function findingsPanel(findings: readonly Diagnostic[]): HTMLElement {
  const panel = sidePanel('findings', 'Findings');
  if (findings.length === 0) {
    panel.append(h('p', { class: 'ok' }, 'No findings.'));
    return panel;
  }
  const list = h('ol', { class: 'findings-list' });
  findings.forEach((finding, index) => {
    const jump = h(
      'button',
      {
        type: 'button',
        class: `link finding-${finding.severity}`,
        onclick: () => {
          const target = document.getElementById(`finding-${index}`);
          target?.scrollIntoView({ block: 'center' });
          target?.focus();
        },
      },
      `${finding.line}: ${finding.ruleId}`,
    );
    list.append(h('li', {}, jump));
  });
  panel.append(list);
  return panel;
}

function driftPanel(spec: SpecDetail): HTMLElement {
  const panel = sidePanel('drift', 'Drift');
  const drift = spec.driftDetail;
  if (!drift) {
    panel.append(h('p', { class: 'muted' }, 'Drift is not available for this spec.'));
    return panel;
  }
  panel.append(
    h(
      'p',
      {},
      driftBadge(spec.drift),
      drift.baseline ? ` since ${drift.baseline.slice(0, 12)}` : ' (no baseline)',
    ),
  );
  if (drift.findings.length > 0) {
    panel.append(
      h(
        'ul',
        {},
        ...drift.findings.map((finding) =>
          h(
            'li',
            { class: `finding-${finding.severity}` },
            `line ${finding.line}: `,
            ...withCode(finding.message),
          ),
        ),
      ),
    );
  }
  for (const note of drift.notes) panel.append(h('p', { class: 'muted' }, ...withCode(note)));
  if (drift.done.length > 0) {
    panel.append(
      h('p', {}, 'Done: '),
      h('ul', {}, ...drift.done.map((file) => h('li', {}, h('code', {}, file)))),
    );
  }
  return panel;
}

function tracePanel(spec: SpecDetail): HTMLElement {
  const panel = sidePanel('trace', 'PRD → tasks');
  if (spec.trace === null || spec.trace === undefined) {
    panel.append(
      h(
        'p',
        { class: 'muted' },
        spec.prd === null ? 'This feature has no PRD.' : 'The trace is not available.',
      ),
    );
  } else panel.append(renderTrace(spec.trace));
  return panel;
}

/** Listed vs suggested: a rule that applies but is not listed stands out as missing. */
function fillContext(panel: HTMLElement, context: ContextAnswer): void {
  clear(panel);
  panel.append(h('h2', { id: 'context-title' }, 'Standards and files'));
  const rules = context.rules.filter((rule) => rule.verdict !== 'no' || rule.listed);
  const ruleRows = rules.map((rule) => {
    const missing = rule.verdict === 'applies' && rule.listed === false;
    return h(
      'li',
      { class: missing ? 'missing' : rule.listed ? 'listed' : 'suggested' },
      h('code', {}, rule.path),
      ' ',
      h(
        'span',
        { class: 'tag' },
        missing
          ? 'missing'
          : rule.listed
            ? rule.verdict === 'no'
              ? 'listed, not suggested'
              : 'listed'
            : `suggested (${rule.verdict})`,
      ),
      h(
        'span',
        { class: 'score', title: 'How likely the rule is to be cited, 0 to 1' },
        rule.score.toFixed(2),
      ),
      h('span', { class: 'reason' }, rule.reason),
    );
  });
  const files = context.files.map((file) =>
    h(
      'li',
      { class: file.listed ? 'listed' : 'suggested' },
      h('code', {}, file.path),
      ' ',
      h('span', { class: 'tag' }, file.listed ? 'listed' : 'suggested'),
      h('span', { class: 'reason' }, file.reason),
    ),
  );
  const listedOnly = (context.listedOnly?.files ?? []).map((file) =>
    h(
      'li',
      { class: 'listed-only' },
      h('code', {}, file),
      ' ',
      h('span', { class: 'tag' }, 'listed, not suggested'),
    ),
  );
  panel.append(
    h('h3', {}, 'Standards Compliance'),
    ruleRows.length > 0
      ? h('ul', { class: 'compare' }, ...ruleRows)
      : h('p', { class: 'muted' }, 'No rule file fits.'),
    h('h3', {}, 'Relevant Files'),
    h('ul', { class: 'compare' }, ...files, ...listedOnly),
    ...context.problems.map((problem) => h('p', { class: 'problem' }, problem)),
  );
}
