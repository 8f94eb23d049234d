// Invariant: newSpec writes one new spec inside the repository — front matter recorded, Standards Compliance and
// Relevant Files filled exactly from getContext with reasons as comments, every other section the template's — never
// overwrites, never writes outside, and says when there is no commit to record as baseline.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/lint/config.js';
import { getContext } from '../src/context/engine.js';
import { lintText } from '../src/lint/engine.js';
import { parseFor } from '../src/spec/parse.js';
import { createProject, listFiles } from '../src/workspace/project.js';
import { loadDefaultTemplate } from '../src/spec/default-template.js';
import { newSpec } from '../src/workflow/new.js';
import { git, makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

const template = loadDefaultTemplate();
const TODAY = new Date(2026, 4, 7);

const REPO = {
  '.kilocode/rules/http-api.md': '# HTTP API\n\nApplies to: `src/http/**`\n\n- Routes live under /api/v0.\n',
  '.kilocode/rules/commits.md': '# Commit messages\n\n- Conventional commits.\n',
  'src/http/routes.ts': 'export const routes = ["/api/v0/orders"];\n',
  'src/payments/webhook-handler.ts':
    'export class WebhookHandler {\n  handlePayment(signature: string) {\n    return signature;\n  }\n}\n',
  'src/billing/invoice.ts': 'export function invoiceTotal() {\n  return 0;\n}\n',
  'tasks/prd-payment-webhooks/prd.md':
    '# PRD: Payment webhooks\n\n## Functional requirements\n\n- **RF-01** The payment provider calls our webhook handler with a signature.\n- **RF-02** Routes under /api/v0 accept the payment events.\n',
};

/** The template text between two headings (exclusive), as the draft must keep it. */
function templateBetween(from: string, to: string | undefined): string {
  const text = template.text;
  const start = text.indexOf(`${from}\n`);
  const end = to === undefined ? text.length : text.indexOf(`${to}\n`);
  return text.slice(start, end);
}

describe('newSpec', () => {
  it('writes front matter, the template guidance and the context lists, reading the feature folder PRD', async () => {
    const root = makeRepo(REPO);
    const head = git(root, 'rev-parse', 'HEAD').trim();
    const prd = REPO['tasks/prd-payment-webhooks/prd.md'];
    const answer = await getContext(root, { text: prd, kind: 'prd' }, { k: 3, cacheDir: false });
    const result = await newSpec(root, { name: 'Payment webhooks', today: TODAY, k: 2 });
    expect(result.feature).toBe('payment-webhooks');
    expect(result.path).toBe('tasks/prd-payment-webhooks/techspec.md');
    expect(readFileSync(path.join(root, result.path), 'utf8')).toBe(result.content);
    const files = answer.files
      .filter((file) => file.path !== 'tasks/prd-payment-webhooks/prd.md')
      .slice(0, 2);
    // The PRD names the handler and the routes: both are ranked, and the rule scoped to src/http applies.
    expect(files.map((file) => file.path).sort()).toEqual([
      'src/http/routes.ts',
      'src/payments/webhook-handler.ts',
    ]);
    const rules = answer.rules.filter((rule) => rule.verdict !== 'no');
    expect(rules.map((rule) => rule.path)).toEqual(['.kilocode/rules/http-api.md']);
    const item = (p: string, reason: string): string => `- \`${p}\` <!-- context: ${reason} -->`;
    const ruleReason = (rule: (typeof rules)[number]): string =>
      rule.verdict === 'likely' ? `likely: ${rule.reason}` : rule.reason;
    expect(result.content).toBe(
      [
        '---',
        'feature: payment-webhooks',
        'status: draft',
        `template: ${template.version}`,
        `baseline: ${head}`,
        'created: 2026-05-07',
        '---',
        '',
        '# Tech Spec: Payment webhooks',
        '',
        templateBetween('## Executive Summary', '### Standards Compliance') + '### Standards Compliance',
        '',
        ...rules.map((rule) => item(rule.path, ruleReason(rule))),
        '',
        '### Relevant Files',
        '',
        ...files.map((file) => item(file.path, file.reason)),
        '',
      ].join('\n'),
    );
    expect(result.problems).toEqual([]);
  });

  it('lints with findings only in the sections left to write, none in the filled ones or the front matter', async () => {
    const root = makeRepo(REPO);
    const result = await newSpec(root, { name: 'Payment webhooks', today: TODAY });
    const config = loadConfig({ cwd: root });
    const lint = lintText(result.content, {
      filePath: path.join(root, result.path),
      config,
      project: createProject(root, listFiles(root)),
    });
    const doc = parseFor(result.content, result.path, config);
    const sectionAt = (line: number): string | undefined =>
      doc.sections.findLast((section) => section.heading.line <= line)?.id;
    const flagged = new Set(lint.diagnostics.map((d) => sectionAt(d.line)));
    const unwritten = template.sections
      .filter((section) => section.guidance !== '')
      .map((section) => section.id)
      .filter((id) => !id.endsWith('standards-compliance') && !id.endsWith('relevant-files'));
    expect([...flagged].sort()).toEqual(unwritten.sort());
    // build-order is in the strict preset, off by default: the guidance left in is what the default rules see.
    expect(new Set(lint.diagnostics.map((d) => d.ruleId))).toEqual(new Set(['no-template-placeholders']));
  });

  it('reads --prd, and takes the feature name as the text when there is no PRD', async () => {
    const root = makeRepo({
      ...REPO,
      'docs/refunds.md': '# Refunds\n\nThe webhook handler refunds invoices.\n',
    });
    const answer = await getContext(
      root,
      { text: '# Refunds\n\nThe webhook handler refunds invoices.\n', kind: 'prd' },
      { k: 2 },
    );
    const expected = answer.files.filter((file) => file.path !== 'docs/refunds.md')[0];
    const withPrd = await newSpec(root, { name: 'Refunds', prd: 'docs/refunds.md', today: TODAY, k: 1 });
    expect(withPrd.content).toContain(`### Relevant Files\n\n- \`${expected?.path ?? ''}\` <!-- context: `);
    const bare = await newSpec(root, { name: 'Invoice totals', today: TODAY, k: 1 });
    expect(bare.path).toBe('tasks/prd-invoice-totals/techspec.md');
    expect(bare.content).toContain('### Relevant Files\n\n- `src/billing/invoice.ts` <!-- context: ');
  });

  it('refuses to overwrite a spec and leaves it as it was', async () => {
    const root = makeRepo({ ...REPO, 'tasks/prd-payment-webhooks/techspec.md': 'mine\n' });
    await expect(newSpec(root, { name: 'Payment webhooks' })).rejects.toMatchObject({
      code: 'EXISTS',
      message:
        'Spec tasks/prd-payment-webhooks/techspec.md already exists, expected a feature without a spec (techspec new never overwrites one)',
    });
    expect(readFileSync(path.join(root, 'tasks/prd-payment-webhooks/techspec.md'), 'utf8')).toBe('mine\n');
  });

  it('makes a safe folder of a name with slashes and dots, and writes nothing outside the repository', async () => {
    const root = makeRepo(REPO);
    const result = await newSpec(root, { name: '../../etc', today: TODAY });
    expect(result.path).toBe('tasks/prd-etc/techspec.md');
    expect(existsSync(path.join(root, 'tasks/prd-etc/techspec.md'))).toBe(true);
    expect(existsSync(path.resolve(root, '../../etc/techspec.md'))).toBe(false);
    expect(existsSync(path.resolve(root, '..', 'prd-etc'))).toBe(false);
  });

  it('rejects a --prd or --dir outside the repository', async () => {
    const root = makeRepo(REPO);
    await expect(newSpec(root, { name: 'x', prd: '../outside.md' })).rejects.toMatchObject({
      code: 'PATH_OUTSIDE',
      message: `Invalid --prd "../outside.md": it lies outside the project root ${root}, expected a path inside it`,
    });
    await expect(newSpec(root, { name: 'x', dir: '../..' })).rejects.toMatchObject({ code: 'PATH_OUTSIDE' });
    await expect(newSpec(root, { name: 'x', prd: 'missing.md' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message:
        'Cannot read --prd "missing.md" (ENOENT), expected a readable Markdown file inside the project',
    });
  });

  it('omits the baseline and says why in a repository with no commit', async () => {
    const root = makeRepo(REPO, { git: false });
    git(root, 'init', '-q');
    const result = await newSpec(root, { name: 'Payment webhooks', today: TODAY });
    expect(result.content.split('\n').slice(0, 6)).toEqual([
      '---',
      'feature: payment-webhooks',
      'status: draft',
      `template: ${template.version}`,
      'created: 2026-05-07',
      '---',
    ]);
    expect(result.problems).toEqual([
      'tasks/prd-payment-webhooks/techspec.md: No baseline recorded because the repository has no commit yet, expected a commit; add `baseline: <commit>` to its front matter after the first commit',
    ]);
  });

  it('records the template version of a project template', async () => {
    const custom = '# Spec\n\n## Summary\n\n[Say what it does.]\n\n## Relevant Files\n\n[List them.]\n';
    const root = makeRepo({
      ...REPO,
      'techspec.config.json': JSON.stringify({ template: 'our-template.md' }),
      'our-template.md': custom,
    });
    const result = await newSpec(root, { name: 'Payment webhooks', today: TODAY, k: 1 });
    const version = loadConfig({ cwd: root }).template.version;
    expect(result.content).toContain(`template: ${version}\n`);
    expect(result.content).toContain('## Summary\n\n[Say what it does.]\n\n## Relevant Files\n\n- `');
    expect(result.problems).toEqual([
      'The template has no section technical-considerations/standards-compliance: its list was left out of tasks/prd-payment-webhooks/techspec.md',
    ]);
  });
});
