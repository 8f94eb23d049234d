// Hover: a rule id (its description and docs), a rule file cited under Standards Compliance (description, activation,
// the assistant that loads it), a path listed under Relevant Files (exists, renamed or changed since the baseline).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { DRIFT_RULES, driftDocsUrl } from '../drift/rules.js';
import { docsUrl } from '../lint/diagnostic.js';
import { RULES } from '../lint/rules/index.js';
import { listedPaths } from '../spec/facts/relevant-files.js';
import { assistantById } from '../assistants/registry.js';
import type { RuleSource } from '../assistants/rules/model.js';
import { defaultTemplatePath } from '../spec/default-template.js';
import type { Analysis } from './analysis.js';
import { inSection, STANDARDS, wordAt } from './places.js';
import { trimEnd } from '../text/scan.js';

export function hover(analysis: Analysis, at: Position): Hover | undefined {
  const line = at.line + 1;
  const character = at.character - (line === 1 ? analysis.bom : 0);
  const lineText = analysis.doc.lines[line - 1] ?? '';
  const markdown = (value: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value } });
  const listed = listedHover(analysis, line, character);
  if (listed) return markdown(listed);
  const word = wordAt(lineText, character);
  const id = /^[a-z][a-z0-9-]*(?:\/[a-z0-9-]+)?$/.exec(trimEnd(word.text, '.:;'))?.[0];
  const ruleText = id === undefined ? undefined : ruleHover(id);
  if (ruleText) return markdown(ruleText);
  if (inSection(analysis.doc, line, STANDARDS)) {
    const source = citedSource(analysis, word.text);
    if (source) return markdown(sourceHover(source));
  }
  return undefined;
}

function ruleHover(id: string): string | undefined {
  const rule = RULES.find((r) => r.id === id);
  if (rule) {
    const details = ruleDetails(id);
    return [
      `**${rule.id}** (techspec rule, ${rule.severity}${rule.fixable ? ', fixable' : ''})`,
      '',
      rule.description,
      ...(details ? ['', details] : []),
      '',
      `[Documentation](${docsUrl(rule.id)})`,
    ].join('\n');
  }
  const drift = DRIFT_RULES.find((r) => r.id === id);
  if (drift) {
    return [
      `**${drift.id}** (techspec check)`,
      '',
      drift.description,
      '',
      `[Documentation](${driftDocsUrl(id)})`,
    ].join('\n');
  }
  return undefined;
}

/** The first paragraph under "Rule details" of the rule's page shipped in the package's docs/rules. */
function ruleDetails(id: string): string | undefined {
  const file = path.resolve(path.dirname(defaultTemplatePath()), '..', 'docs', 'rules', `${id}.md`);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const after = text.split(/^## Rule details\s*$/m)[1];
  return after
    ?.trim()
    .split(/\n\s*\n/)[0]
    ?.trim();
}

function citedSource(analysis: Analysis, word: string): RuleSource | undefined {
  const name = trimEnd(word.replace(/^\.?\//, ''), '.,:;');
  if (name === '') return undefined;
  const sources = analysis.folder.project().ruleSources ?? [];
  return (
    sources.find((s) => s.path === name || s.copies.includes(name)) ??
    sources.find((s) => s.path.endsWith(`/${name}`))
  );
}

function sourceHover(source: RuleSource): string {
  const activation =
    source.activation === 'globs'
      ? `for files matching ${source.globs.map((g) => `\`${g}\``).join(', ')}`
      : source.activation;
  return [
    `**${source.path}** (${source.category === 'skill' ? 'skill' : 'rule file'})`,
    '',
    ...(source.description ? [source.description, ''] : source.title ? [source.title, ''] : []),
    `- Loaded by: ${assistantById(source.tool)?.label ?? source.tool}${source.mode ? ` (mode ${source.mode})` : ''}`,
    `- Activation: ${activation}${source.activationNote ? ` (${source.activationNote})` : ''}`,
    ...(source.copies.length > 0 ? [`- Copies: ${source.copies.join(', ')}`] : []),
  ].join('\n');
}

/** The state of the Relevant Files path under the cursor: from the last drift check, else from the file listing. */
function listedHover(analysis: Analysis, line: number, character: number): string | undefined {
  const column = character + 1;
  const entry = listedPaths(analysis.doc).find(
    (p) => p.line === line && p.column <= column && column <= p.endColumn,
  );
  if (!entry) return undefined;
  const summary = analysis.folder.lastDrift(analysis.abs)?.specs[0];
  const state = summary?.files?.find(
    (f) => f.line === line && (f.path === entry.path || f.path.endsWith(entry.path)),
  );
  const project = analysis.folder.project();
  const baseline = summary?.baseline ? ` since baseline \`${summary.baseline}\`` : '';
  let status: string;
  if (state) {
    const said: Record<string, string> = {
      unchanged: `exists, unchanged${baseline}`,
      changed: `exists, changed${baseline}`,
      deleted: `deleted${baseline}`,
      renamed: `renamed${baseline} to \`${state.to ?? '?'}\``,
      missing: 'does not exist',
      done: 'marked as new, and now exists',
      planned: 'marked as new, not created yet',
      added: `exists, added${baseline}`,
      present: 'exists (no baseline to compare with)',
    };
    status = said[state.status] ?? state.status;
  } else {
    status =
      project.has(entry.path) || project.files.some((f) => f.startsWith(`${trimEnd(entry.path, '/')}/`))
        ? 'exists'
        : entry.isNew
          ? 'marked as new, not created yet'
          : 'does not exist';
  }
  return `**${entry.path}**: ${status}`;
}
