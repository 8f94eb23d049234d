// The signals of a context score on real git repositories: commit history (messages → files, co-change, recency)
// cached with the index, the repository's earlier specs (what they cite and list, by similarity), the assistant's own
// copy of a rule, a rule's own text through the glossary, instruction files and skill reference pages as features.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextCandidates } from '../src/context/engine.js';
import { coChange, historySignals, HISTORY_FILE, loadHistory } from '../src/context/history.js';
import { parseQuery } from '../src/text/query.js';
import { git, makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

function commit(dir: string, files: Record<string, string>, message: string): void {
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', message, '--no-verify');
}

describe('git history', () => {
  const dir = makeRepo({
    'src/invoice.ts': 'export const a = 1;\n',
    'src/invoice-view.ts': 'export const b = 1;\n',
    'src/auth.ts': 'export const c = 1;\n',
    'README.md': '# x\n',
  });
  commit(
    dir,
    { 'src/invoice.ts': 'export const a = 2;\n', 'src/invoice-view.ts': 'export const b = 2;\n' },
    'Fatura: gerar PDF da fatura',
  );
  commit(dir, { 'src/auth.ts': 'export const c = 2;\n' }, 'Login with magic link');
  const keep = (file: string): boolean => file.startsWith('src/');

  it('credits the files of commits whose messages meet the text, in the team language', () => {
    const history = loadHistory(dir, undefined);
    expect(history.commits.map((c) => c.files.length)).toEqual([1, 2, 4]);
    const signals = historySignals(history, parseQuery('Nova fatura em PDF'), keep);
    expect([...signals.messages].sort()).toEqual([
      ['src/invoice-view.ts', 1],
      ['src/invoice.ts', 1],
    ]);
    // The newest commit changed auth.ts: it is the most recent file.
    expect(signals.recency.get('src/auth.ts')).toBe(1);
    expect(signals.recency.get('src/invoice.ts') ?? 0).toBeLessThan(1);
    expect(signals.recency.has('README.md')).toBe(false);
  });

  it('finds the files that change together with a seed', () => {
    const history = loadHistory(dir, undefined);
    const together = coChange(history, ['src/invoice.ts'], keep);
    expect(together.get('src/invoice-view.ts')).toBe(1);
    expect((together.get('src/auth.ts') ?? 0) < 1).toBe(true);
  });

  it('is cached beside the index per HEAD, and mined again after a commit', () => {
    const cacheDir = path.join(dir, '.techspec/cache');
    const place = { dir: cacheDir, root: dir };
    const first = loadHistory(dir, place);
    expect(existsSync(path.join(cacheDir, HISTORY_FILE))).toBe(true);
    expect(loadHistory(dir, place)).toEqual(first);
    commit(dir, { 'src/auth.ts': 'export const c = 3;\n' }, 'Sessão expira');
    const after = loadHistory(dir, place);
    expect(after.commits.length).toBe(first.commits.length + 1);
    expect(after.head).not.toBe(first.head);
  });
});

const skill = (name: string, description: string, body = ''): string =>
  `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n\n${body}\n`;

const spec = (rules: string, files: string): string =>
  `# Tech Spec\n\n## Executive Summary\n\nPayment cards get a monthly spending limit and a notification.\n\n## Technical Considerations\n\n### Standards Compliance\n\n${rules}\n\n### Relevant Files\n\n${files}\n`;

describe('earlier specs, assistant copies, rule texts', () => {
  const dir = makeRepo({
    'CLAUDE.md': '# Project\n\nUse the skills.\n',
    '.claude/commands/create-spec.md': 'Write a spec.\n',
    '.claude/skills/frontend-design/SKILL.md': skill(
      'frontend-design',
      'Build screens and UI components that follow the design system',
    ),
    '.claude/skills/backend/SKILL.md': skill('backend', 'Services and repositories of the API'),
    '.claude/skills/backend/references/code-standards.md': '# Code standards\n\nName things well.\n',
    '.github/instructions/frontend-design.instructions.md':
      '---\napplyTo: "**"\n---\n\n# Frontend design\n\nOther words for another assistant.\n',
    'src/cards/limit.ts': 'export function setLimit() {}\n',
    'src/cards/notify.ts': 'export function notify() {}\n',
    'src/other.ts': 'export const other = 1;\n',
    'tasks/prd-card-limit/prd.md':
      '# PRD\n\nMonthly spending limit on payment cards, notification when reached.\n',
    'tasks/prd-card-limit/techspec.md': spec(
      '- `.claude/skills/backend/SKILL.md`\n- `.claude/skills/backend/references/code-standards.md`',
      '- `src/cards/limit.ts`\n- `src/cards/notify.ts`',
    ),
    'tasks/prd-login/prd.md': '# PRD\n\nLogin screen with a magic link.\n',
    'tasks/prd-login/techspec.md': spec('- `.claude/skills/frontend-design/SKILL.md`', '- `src/other.ts`'),
  });

  it('votes for what the closest earlier specs cite and list', async () => {
    const found = await contextCandidates(
      dir,
      { text: 'A weekly spending limit on payment cards, with a notification', kind: 'prd' },
      { cacheDir: false },
    );
    const rule = (p: string) => found.rules.find((r) => r.path === p)?.features;
    const backend = rule('.claude/skills/backend/SKILL.md');
    const design = rule('.claude/skills/frontend-design/SKILL.md');
    expect(backend?.priorShare).toBe(0.5);
    expect(design?.priorShare).toBe(0.5);
    // The card spec is closer to the text than the login spec: its citations weigh more.
    expect(backend?.priorWeighted ?? 0).toBeGreaterThan(design?.priorWeighted ?? 0);
    const file = (p: string) => found.files.find((f) => f.path === p)?.features;
    expect(file('src/cards/limit.ts')?.priorWeighted ?? 0).toBeGreaterThan(
      file('src/other.ts')?.priorWeighted ?? 0,
    );
    // The reference page follows its SKILL.md's citations.
    const reference = rule('.claude/skills/backend/references/code-standards.md');
    expect(reference?.reference).toBe(1);
    expect(reference?.skillPrior).toBe(backend?.priorWeighted);
  });

  it("marks the copy of another assistant than the repository's as the other copy", async () => {
    const found = await contextCandidates(
      dir,
      { text: 'Catálogo de produtos', kind: 'prd' },
      { cacheDir: false },
    );
    const rule = (p: string) => found.rules.find((r) => r.path === p)?.features;
    expect(rule('.claude/skills/frontend-design/SKILL.md')).toMatchObject({ ownTool: 1, otherCopy: 0 });
    expect(rule('.github/instructions/frontend-design.instructions.md')).toMatchObject({
      ownTool: 0,
      otherCopy: 1,
    });
    expect(rule('CLAUDE.md')?.instructions).toBe(1);
  });

  it("meets a rule's own text through the glossary and partial words", async () => {
    const ui = await contextCandidates(
      dir,
      { text: 'Nova tela do catálogo com componentes do design system', kind: 'prd' },
      { cacheDir: false },
    );
    const other = await contextCandidates(
      dir,
      { text: 'Exportar relatório em CSV', kind: 'prd' },
      { cacheDir: false },
    );
    const cover = (found: typeof ui): number =>
      found.rules.find((r) => r.path === '.claude/skills/frontend-design/SKILL.md')?.features.textCover ?? 0;
    expect(cover(ui)).toBeGreaterThan(0.3);
    expect(cover(other)).toBe(0);
  });
});
