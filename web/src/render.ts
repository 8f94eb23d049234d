// Renders a spec's Markdown in the page (markdown-it, raw HTML off so that everything is escaped) with each block
// marked by its source lines, then places every finding right after the block that holds its line.
import MarkdownIt from 'markdown-it';
import { h } from './dom.js';
import { codeSpans, withoutComments } from './text.js';
import type { Diagnostic } from './types.js';

const markdown = new MarkdownIt({ html: false, linkify: false });

// Every block token that knows its lines carries them into the HTML: data-line (first, 1-based), data-end (last).
markdown.core.ruler.push('source_lines', (state) => {
  for (const token of state.tokens) {
    if (token.map && token.nesting >= 0 && token.type !== 'inline') {
      token.attrSet('data-line', String(token.map[0] + 1));
      token.attrSet('data-end', String(token.map[1]));
    }
  }
  return true;
});

/** Blank the front matter's lines (kept as lines, so that line numbers still match the file). */
export function withoutFrontMatter(text: string, endLine: number | undefined): string {
  if (endLine === undefined) return text;
  const lines = text.split('\n');
  return lines.map((line, index) => (index < endLine ? '' : line)).join('\n');
}

/** A plain message with its `code spans` as <code> elements. */
export function withCode(message: string): (string | HTMLElement)[] {
  return codeSpans(message).map((part) => (part.code ? h('code', {}, part.text) : part.text));
}

/** The rendered spec with a finding box after the block each finding points into; HTML comments are not shown. */
export function renderSpec(text: string, findings: readonly Diagnostic[]): HTMLElement {
  const container = h('div', { class: 'markdown' });
  container.innerHTML = markdown.render(withoutComments(text));
  for (const link of container.querySelectorAll('a[href]')) {
    link.setAttribute('rel', 'noopener noreferrer');
  }
  const blocks = [...container.querySelectorAll<HTMLElement>('[data-line]')];
  findings.forEach((finding, index) => {
    const box = findingBox(finding, index);
    const block = blockFor(blocks, finding.line);
    if (!block) container.prepend(box);
    else if (block.tagName === 'LI') block.append(box);
    else anchorOf(block).after(box);
  });
  return container;
}

/** The innermost block whose lines hold `line`, else the last block before it. */
function blockFor(blocks: readonly HTMLElement[], line: number): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let before: HTMLElement | undefined;
  for (const block of blocks) {
    const start = Number(block.dataset.line);
    const end = Number(block.dataset.end);
    if (start <= line && line <= end) best = block;
    else if (start <= line) before = block;
  }
  return best ?? before;
}

/** Code and table rows cannot hold a box: it goes after their pre or table. */
function anchorOf(block: HTMLElement): HTMLElement {
  return block.closest('pre, table') ?? block;
}

function findingBox(finding: Diagnostic, index: number): HTMLElement {
  return h(
    'aside',
    {
      class: `finding finding-${finding.severity}`,
      id: `finding-${index}`,
      tabindex: -1,
      'aria-label': `${finding.severity} at line ${finding.line}`,
    },
    h('span', { class: 'badge' }, finding.severity),
    ' ',
    h(
      'a',
      { href: finding.docsUrl, class: 'rule', rel: 'noopener noreferrer', target: '_blank' },
      finding.ruleId,
    ),
    ' ',
    h('span', { class: 'line' }, `line ${finding.line}`),
    h('p', {}, ...withCode(finding.message)),
    finding.hint ? h('p', { class: 'hint' }, finding.hint) : null,
  );
}
