// Renders a context answer: Markdown ready to paste into a spec, or the JSON other tools read.
import type { ContextAnswer } from './engine.js';

export type ContextFormat = 'markdown' | 'json';

export const CONTEXT_FORMATS: readonly ContextFormat[] = ['markdown', 'json'];

/**
 * `json` is exactly `{ rules: [{ path, verdict, reason, score }], files: [{ path, score, reason }] }`; `markdown` is a
 * Standards Compliance list (rules that apply or are likely) and a Relevant Files list, each line with its reason.
 */
export function formatContext(answer: ContextAnswer, format: ContextFormat): string {
  return format === 'json' ? formatJson(answer) : formatMarkdown(answer);
}

function formatJson(answer: ContextAnswer): string {
  const rules = answer.rules.map(({ path, verdict, reason, score }) => ({ path, verdict, reason, score }));
  const files = answer.files.map(({ path, score, reason }) => ({ path, score, reason }));
  return `${JSON.stringify({ rules, files }, null, 2)}\n`;
}

function formatMarkdown(answer: ContextAnswer): string {
  const fitting = answer.rules.filter((rule) => rule.verdict !== 'no');
  const rules =
    fitting.length > 0
      ? fitting.map((rule) => {
          const reason = rule.verdict === 'likely' ? `likely: ${rule.reason}` : rule.reason;
          return `- \`${rule.path}\` — ${reason}`;
        })
      : [
          answer.rules.length === 0
            ? '- The repository has no rule files for a tech spec.'
            : `- None of the repository's ${answer.rules.length} rule files fits this text.`,
        ];
  const files =
    answer.files.length > 0
      ? answer.files.map((file) => `- \`${file.path}\` — ${file.reason}`)
      : ['- No file of the repository matches this text.'];
  return ['### Standards Compliance', '', ...rules, '', '### Relevant Files', '', ...files, ''].join('\n');
}
