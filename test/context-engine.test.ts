// Invariant: every rule verdict comes with the reason that decided it, one kind of reason per tiny real repository,
// and getContext answers a spec with exactly those verdicts and a ranked file list.
import { afterAll, describe, expect, it } from 'vitest';
import { getContext } from '../src/context/engine.js';
import { DEFAULT_RULE_MODEL } from '../src/assistants/match/score.js';
import { formatContext } from '../src/context/format.js';
import { matchRules, type MatchInput } from '../src/assistants/match/match.js';
import { detectStack } from '../src/assistants/match/stack.js';
import { techsOfImport } from '../src/text/techs.js';
import { listFiles } from '../src/workspace/project.js';
import { discoverRuleSources } from '../src/assistants/rules/discover.js';
import { makeRepo, removeRepos } from './context-repos.js';

afterAll(removeRepos);

type Files = Record<string, string>;

/** [path, verdict, reason] of every rule of a fresh repository holding `files`, for the given input. */
function verdicts(files: Files, input: Partial<Omit<MatchInput, 'stack'>>): string[][] {
  const root = makeRepo(files);
  const listed = listFiles(root);
  const { sources } = discoverRuleSources(root, listed);
  return matchRules(sources, {
    text: input.text ?? '',
    relevantFiles: input.relevantFiles ?? [],
    ...(input.suggestedFiles ? { suggestedFiles: input.suggestedFiles } : {}),
    stack: detectStack(root, listed),
  }).map((v) => [v.path, v.verdict, v.reason]);
}

const cursor = (front: string, body: string): string => `---\n${front}\n---\n\n${body}\n`;
/** A SKILL.md with a name and a description. */
const skill = (name: string, description: string): string =>
  cursor(`name: ${name}\ndescription: ${description}`, `# ${name}`);

describe('matchRules: one reason per verdict', () => {
  it('a rule named in the text applies, by path, file name, stem or skill name', () => {
    const files = {
      '.cursor/rules/api-handlers.mdc': cursor('description: HTTP handlers', '# API'),
      '.kilocode/rules/security.md': '# Security\n\nNo secrets in code.\n',
      '.claude/skills/go-standards/SKILL.md': cursor('name: go-standards\ndescription: Go style', '# Go'),
      '.windsurf/rules/caching.md': cursor('trigger: manual', '# Caching'),
    };
    const text = 'Follow @kilocode/rules/security.md, api-handlers and the skill `go-standards`.';
    expect(verdicts(files, { text })).toEqual([
      ['.claude/skills/go-standards/SKILL.md', 'applies', 'named in the text (`go-standards`)'],
      ['.cursor/rules/api-handlers.mdc', 'applies', 'named in the text (`api-handlers`)'],
      ['.kilocode/rules/security.md', 'applies', 'named in the text (`kilocode/rules/security.md`)'],
      ['.windsurf/rules/caching.md', 'no', 'no match with the text'],
    ]);
  });

  it('an always-on rule applies; a process rule and the instructions file are left out', () => {
    const files = {
      '.cursor/rules/base.mdc': cursor('alwaysApply: true', '# Base conventions'),
      '.cursor/rules/commits.mdc': cursor('alwaysApply: true', '# Commit messages'),
      '.claude/rules/pr-review.md': '# Reviewing pull requests\n',
      'AGENTS.md': '# Agents\n\nRun the tests.\n',
      '.windsurf/rules/naming.md': cursor('trigger: always_on', '# Naming'),
    };
    expect(verdicts(files, { text: 'Export invoices as CSV' })).toEqual([
      ['.cursor/rules/base.mdc', 'applies', 'always on (alwaysApply: true)'],
      ['.windsurf/rules/naming.md', 'applies', 'always on (trigger: always_on)'],
      [
        '.claude/rules/pr-review.md',
        'no',
        'process rule (review): left out of Standards Compliance by default',
      ],
      [
        '.cursor/rules/commits.mdc',
        'no',
        'process rule (commits): left out of Standards Compliance by default',
      ],
      [
        'AGENTS.md',
        'no',
        'instructions the assistant loads for every task, not a standard: left out unless named',
      ],
    ]);
  });

  it("an agent's way of working is process, however much of the text its words meet", () => {
    const files = {
      '.agents/skills/verification-before-completion/SKILL.md': skill(
        'verification-before-completion',
        'Run verification before claiming completion',
      ),
      '.agents/skills/writing-plans/SKILL.md': skill('writing-plans', 'Write a plan of small steps'),
    };
    const text = 'Plan the export in small steps; the verification of completion checks every row.';
    expect(verdicts(files, { text })).toEqual([
      [
        '.agents/skills/verification-before-completion/SKILL.md',
        'no',
        'process rule (completion): left out of Standards Compliance by default',
      ],
      [
        '.agents/skills/writing-plans/SKILL.md',
        'no',
        'process rule (plans): left out of Standards Compliance by default',
      ],
    ]);
  });

  it('globs and scope lines: a listed file makes a rule apply, a suggested one likely, none no', () => {
    const files = {
      '.cursor/rules/api.mdc': cursor('globs: src/api/**', '# API'),
      '.claude/rules/ui.md': cursor('paths:\n  - "src/ui/**/*.tsx"', '# UI'),
      '.kilocode/rules/db.md': '# Database\n\n- Scope: `src/<module>/db/`\n',
      '.github/instructions/docs.instructions.md': cursor('applyTo: "docs/**"', '# Docs'),
      'src/api/users.ts': 'export const users = [];\n',
    };
    const input = {
      relevantFiles: ['src/api/users.ts', 'src/billing/db/invoices.sql'],
      suggestedFiles: ['src/ui/Invoice.tsx'],
    };
    expect(verdicts(files, input)).toEqual([
      ['.cursor/rules/api.mdc', 'applies', 'globs `src/api/**` match src/api/users.ts'],
      ['.kilocode/rules/db.md', 'applies', 'scope `src/*/db/**` match src/billing/db/invoices.sql'],
      [
        '.claude/rules/ui.md',
        'likely',
        'globs `src/ui/**/*.tsx` match src/ui/Invoice.tsx (a suggested relevant file)',
      ],
      ['.github/instructions/docs.instructions.md', 'no', 'globs `docs/**` match none of the relevant files'],
    ]);
  });

  it('a rule for one layer of every module is likely when the text touches a module that has the layer', () => {
    const files = {
      '.claude/rules/input-dtos.md': '# Input DTOs\n\n- Scope: `internal/<module>/application/dtos/input/`\n',
      'internal/cards/application/usecases/create_card.go': 'package usecases\n',
      'internal/cards/application/dtos/input/create_card.go': 'package input\n',
      'internal/users/domain/user.go': 'package domain\n',
    };
    const root = makeRepo(files);
    const listed = listFiles(root);
    const judge = (suggested: string[]): string[][] =>
      matchRules(discoverRuleSources(root, listed).sources, {
        text: '',
        relevantFiles: [],
        suggestedFiles: suggested,
        repoFiles: listed,
        stack: detectStack(root, listed),
      }).map((v) => [v.verdict, v.reason]);
    expect(judge(['internal/cards/application/usecases/create_card.go'])).toEqual([
      [
        'likely',
        'scope `internal/*/application/dtos/input/**` cover internal/cards, which the text touches (internal/cards/application/dtos/input/create_card.go)',
      ],
    ]);
    // A module without that layer is no reason.
    expect(judge(['internal/users/domain/user.go'])).toEqual([
      ['no', 'scope `internal/*/application/dtos/input/**` match none of the relevant files'],
    ]);
  });

  it('a scope line goes on over the lines that follow a trailing comma', () => {
    const files = {
      '.claude/rules/adapters.md': [
        '# Adaptadores',
        '',
        '- Rule ID: R-ADAPTER-001',
        '- Escopo: `internal/<modulo>/http/handlers/`,',
        '  `internal/<modulo>/messaging/consumers/`',
        '- Severidade: hard',
        '',
      ].join('\n'),
    };
    const input = { relevantFiles: ['internal/card/messaging/consumers/charge.go'] };
    expect(verdicts(files, input)).toEqual([
      [
        '.claude/rules/adapters.md',
        'applies',
        'scope `internal/*/messaging/consumers/**` match internal/card/messaging/consumers/charge.go',
      ],
    ]);
  });

  it('a description-decided rule is likely when its topic meets the text', () => {
    const files = {
      '.cursor/rules/migrations.mdc': cursor(
        'description: Database migrations and PostgreSQL schema changes',
        '# Migrations',
      ),
      '.cursor/rules/emails.mdc': cursor('description: Transactional email templates', '# Emails'),
    };
    const text = 'Add a migration that creates the invoices table, then backfill it.';
    expect(verdicts(files, { text })).toEqual([
      ['.cursor/rules/migrations.mdc', 'likely', 'topic: migrations (the text says migration)'],
      ['.cursor/rules/emails.mdc', 'no', 'no match with the text'],
    ]);
  });

  it("a skill's reference file that meets the text is left to its SKILL.md", () => {
    const files = {
      '.claude/skills/billing/SKILL.md': cursor(
        'name: billing\ndescription: Invoices, payments and refunds',
        '# Billing\n\nSee references/refunds.md.',
      ),
      '.claude/skills/billing/references/refunds.md': '# Refunds\n\nRefunds of invoices and payments.\n',
    };
    const text = 'Billing: customers ask for refunds of paid invoices.';
    expect(verdicts(files, { text })).toEqual([
      ['.claude/skills/billing/SKILL.md', 'likely', 'topic: invoices, billing, refunds (in the text)'],
      [
        '.claude/skills/billing/references/refunds.md',
        'no',
        "topic: refunds, billing (in the text); a reference of its skill, cited through the skill's SKILL.md",
      ],
    ]);
  });

  it("a skill's reference scoped to a suggested file is left to its SKILL.md too", () => {
    const files = {
      '.agents/skills/go-impl/SKILL.md': cursor('name: go-impl\ndescription: Handlers', '# Go'),
      '.agents/skills/go-impl/references/entities.md': '# Entities\n\n- Scope: `internal/*/domain/`\n',
      'internal/cards/domain/card.go': 'package domain\n',
    };
    const input = { text: 'Cards.', suggestedFiles: ['internal/cards/domain/card.go'] };
    expect(verdicts(files, input)).toContainEqual([
      '.agents/skills/go-impl/references/entities.md',
      'no',
      "scope `internal/*/domain/**` match internal/cards/domain/card.go (a suggested relevant file); a reference of its skill, cited through the skill's SKILL.md",
    ]);
  });

  it("a skill's page is named by its path or in code, not by its stem in running prose", () => {
    const files = {
      '.agents/skills/modeling/SKILL.md': cursor('name: modeling\ndescription: Domain types', '# Modeling'),
      '.agents/skills/modeling/references/state-as-type.md': '# State as type\n\nClosed types.\n',
      '.agents/skills/modeling/references/smart-constructors.md': '# Constructors\n\nValidate.\n',
    };
    const text = 'States are closed types (state-as-type); see `smart-constructors` for validation.';
    expect(verdicts(files, { text }).filter(([, verdict]) => verdict === 'applies')).toEqual([
      [
        '.agents/skills/modeling/references/smart-constructors.md',
        'applies',
        'named in the text (`smart-constructors`)',
      ],
    ]);
  });

  it('beside a SKILL.md, a page with a description of its own is still a page of the skill', () => {
    const files = {
      '.agents/skills/video/SKILL.md': cursor('name: video\ndescription: Render clips', '# Video'),
      '.agents/skills/video/rules/maps.md': cursor('name: maps\ndescription: Animated maps', '# Maps'),
    };
    expect(verdicts(files, { text: 'Show the delivery maps on the map page.' })).toEqual([
      ['.agents/skills/video/SKILL.md', 'no', 'no match with the text'],
      [
        '.agents/skills/video/rules/maps.md',
        'no',
        "topic: maps (in the text); a reference of its skill, cited through the skill's SKILL.md",
      ],
    ]);
  });

  it('a file of a skill folder with a description of its own is judged as an entry of the skill', () => {
    const files = {
      '.cursor/skills/billing/billing-guide.md': cursor('description: Invoices and refunds', '# Billing'),
      '.cursor/skills/billing/references/refunds.md': '# Refunds\n\nRefunds of invoices.\n',
    };
    const text = 'Billing: customers ask for refunds of paid invoices.';
    expect(verdicts(files, { text })).toEqual([
      [
        '.cursor/skills/billing/billing-guide.md',
        'likely',
        'topic: invoices, billing, refunds (in the text)',
      ],
      [
        '.cursor/skills/billing/references/refunds.md',
        'no',
        "topic: refunds, billing (in the text); a reference of its skill, cited through the skill's SKILL.md",
      ],
    ]);
  });

  it('a topic fits only when the text uses every word of the rule name', () => {
    const files = {
      '.agents/skills/frontend-design/SKILL.md': cursor(
        'name: frontend-design\ndescription: Distinctive frontend pages',
        '# Frontend design',
      ),
      '.cursor/rules/error-pages.mdc': cursor('description: Error pages of the frontend', '# Error pages'),
    };
    const text = 'The frontend shows a health page; error pages link back to it.';
    expect(verdicts(files, { text })).toEqual([
      [
        '.cursor/rules/error-pages.mdc',
        'likely',
        'topic: error, pages, frontend (the text says error, page, frontend)',
      ],
      [
        '.agents/skills/frontend-design/SKILL.md',
        'no',
        'weak topic match: frontend, pages (the text says frontend, page); the text does not say design',
      ],
    ]);
  });

  it("the project's general coding standard is likely for any spec; a rule with a topic of its own is not", () => {
    const files = {
      '.cursor/rules/code-standards.md': '## Padrões de Codificação\n\nName things clearly.\n',
      '.cursor/rules/style-guide.mdc': cursor('description: How we write code', '# Style'),
      '.cursor/rules/security-standards.md': '# Security\n\nSecrets stay in the vault.\n',
    };
    const text = 'Add a CSV export of invoices.';
    expect(verdicts(files, { text })).toEqual([
      [
        '.cursor/rules/code-standards.md',
        'likely',
        'a general coding standard of the project (`code-standards`), for any code a spec plans',
      ],
      [
        '.cursor/rules/style-guide.mdc',
        'likely',
        'a general coding standard of the project (`style-guide`), for any code a spec plans',
      ],
      ['.cursor/rules/security-standards.md', 'no', 'no match with the text'],
    ]);
  });

  it('a rule scoped to the rule folders themselves governs the others and comes with them', () => {
    const files = {
      '.claude/rules/governance.md': '# Governance\n\n- Scope: `.claude/rules/` and `.agents/skills/`.\n',
      '.claude/rules/handlers.md': '# Handlers\n\n- Scope: `src/handlers/`.\n',
    };
    expect(verdicts(files, { text: 'Add a CSV export of invoices.' })).toEqual([
      [
        '.claude/rules/governance.md',
        'likely',
        'governs the rule folders (`.claude/rules/**`, `.agents/skills/**`): it comes with every rule applied',
      ],
      ['.claude/rules/handlers.md', 'no', 'scope `src/handlers/**` match none of the relevant files'],
    ]);
  });

  it('a Portuguese PRD meets an English rule through the glossary', () => {
    const files = {
      '.cursor/rules/payments.mdc': cursor('description: Card payments and refunds', '# Payments'),
      '.cursor/rules/reports.mdc': cursor('description: Monthly reports', '# Reports'),
    };
    const text = 'O usuário paga com cartão de crédito e pode pedir o reembolso do pagamento.';
    expect(verdicts(files, { text })).toEqual([
      [
        '.cursor/rules/payments.mdc',
        'likely',
        'topic: payments, card, refunds (the text says payment, card, refund)',
      ],
      ['.cursor/rules/reports.mdc', 'no', 'no match with the text'],
    ]);
  });

  it('the stack: a technology of the relevant files or the text, or one the repository does not use', () => {
    const files = {
      'package.json': JSON.stringify({ dependencies: { react: '19.0.0', pg: '8.0.0' } }),
      '.cursor/rules/react.mdc': cursor('description: Components', '# React components'),
      '.cursor/rules/postgres.mdc': cursor('description: Queries', '# PostgreSQL'),
      '.cursor/rules/python.mdc': cursor('description: Typing', '# Python style'),
      'src/ui/App.tsx': 'export const App = () => null;\n',
    };
    const input = { text: 'Store the invoices in Postgres.', relevantFiles: ['src/ui/App.tsx'] };
    expect(verdicts(files, input)).toEqual([
      ['.cursor/rules/postgres.mdc', 'likely', 'stack: PostgreSQL (named in the text)'],
      ['.cursor/rules/react.mdc', 'likely', 'stack: React (src/ui/App.tsx)'],
      ['.cursor/rules/python.mdc', 'no', 'about Python, which the repository does not use'],
    ]);
  });
});

describe('detectStack', () => {
  it("a technology's skill with a topic of its own is likely only when the text asks for that topic", () => {
    const files = {
      'go.mod': 'module example.com/shop\n\ngo 1.22\n',
      'internal/orders/service.go': 'package orders\n',
      '.agents/skills/golang-patterns/SKILL.md': skill('golang-patterns', 'Idiomatic Go'),
      '.agents/skills/go-concurrency/SKILL.md': skill('go-concurrency', 'Goroutines and channels'),
      '.agents/skills/go-concurrency-expert/SKILL.md': skill('go-concurrency-expert', 'Races and deadlocks'),
      '.agents/skills/go-worker-refactor/SKILL.md': skill('go-worker-refactor', 'Split big workers'),
      '.agents/skills/object-calisthenics-go/SKILL.md': skill(
        'object-calisthenics-go',
        'Refactor in small steps',
      ),
    };
    const input = {
      text: 'Process order events concurrently: concurrency bounded by a worker pool.',
      relevantFiles: ['internal/orders/service.go'],
    };
    expect(verdicts(files, input)).toEqual([
      [
        '.agents/skills/go-concurrency-expert/SKILL.md',
        'likely',
        'stack: Go (internal/orders/service.go); topic: concurrency (in the text)',
      ],
      [
        '.agents/skills/go-concurrency/SKILL.md',
        'likely',
        'stack: Go (internal/orders/service.go); topic: concurrency (in the text)',
      ],
      ['.agents/skills/golang-patterns/SKILL.md', 'likely', 'stack: Go (internal/orders/service.go)'],
      [
        '.agents/skills/go-worker-refactor/SKILL.md',
        'no',
        'about Go with a topic of its own (worker, refactor); the text does not say refactor',
      ],
      [
        '.agents/skills/object-calisthenics-go/SKILL.md',
        'no',
        'about Go with a topic of its own (object, calisthenics); the text does not say object, calisthenics',
      ],
    ]);
  });

  it('knows a technology by any of its names: a `tailwindcss` skill is about Tailwind CSS', () => {
    const files = {
      'web/package.json': JSON.stringify({ devDependencies: { tailwindcss: '4' } }),
      '.agents/skills/tailwindcss/SKILL.md': cursor(
        'name: tailwindcss\ndescription: Utility classes',
        '# Tailwind',
      ),
    };
    expect(verdicts(files, { text: 'Style the settings page with Tailwind utility classes.' })).toEqual([
      ['.agents/skills/tailwindcss/SKILL.md', 'likely', 'stack: Tailwind CSS (named in the text)'],
    ]);
  });

  it('reads the technology an import brings in, by the package name each ecosystem writes', () => {
    const read = (specifier: string): [string[], string] | undefined => {
      const found = techsOfImport(specifier);
      return found && [found.techs.map((tech) => tech.id), found.name];
    };
    expect(read('github.com/jackc/pgx/v5')).toEqual([['postgres'], 'pgx']);
    expect(read('github.com/redis/go-redis/v9')).toEqual([['redis'], 'go-redis']);
    expect(read('react-dom/client')).toEqual([['react'], 'react-dom']);
    expect(read('@prisma/client')).toEqual([['prisma'], '@prisma/client']);
    expect(read('psycopg2.extras')).toEqual([['postgres'], 'psycopg2']);
    expect(read('Microsoft.EntityFrameworkCore')).toEqual([['csharp'], 'Microsoft.EntityFrameworkCore']);
    expect(read('./db')).toBeUndefined();
    expect(read('net/http')).toBeUndefined();
  });

  it('reads languages from extensions and dependencies from every kind of manifest', () => {
    const root = makeRepo({
      'web/package.json': JSON.stringify({ dependencies: { next: '15' }, devDependencies: { vitest: '3' } }),
      'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/jackc/pgx/v5 v5.5.0\n)\n',
      'api/pom.xml': '<project><artifactId>api</artifactId><artifactId>quarkus-rest</artifactId></project>',
      'svc/Svc.csproj':
        '<Project><ItemGroup><PackageReference Include="Npgsql" Version="8" /></ItemGroup></Project>',
      'ml/requirements.txt': '# models\nfastapi[all]==0.110\n-r base.txt\n',
      'ml/pyproject.toml': '[project]\ndependencies = ["pydantic>=2"]\n',
      'main.go': 'package main\n',
      'web/app.tsx': 'export {};\n',
      'broken/package.json': '{ nope',
    });
    expect(detectStack(root, listFiles(root))).toEqual({
      techs: ['csharp', 'fastapi', 'go', 'nextjs', 'postgres', 'quarkus', 'react', 'typescript', 'vitest'],
      // The .csproj file is C# too; web/app.tsx is both React and TypeScript.
      languages: ['csharp', 'go', 'react', 'typescript'],
      dependencies: [
        'api',
        'fastapi',
        'github.com/jackc/pgx/v5',
        'next',
        'npgsql',
        'pgx',
        'pydantic',
        'quarkus-rest',
        'vitest',
      ],
      manifests: [
        'api/pom.xml',
        'broken/package.json',
        'go.mod',
        'ml/pyproject.toml',
        'ml/requirements.txt',
        'svc/Svc.csproj',
        'web/package.json',
      ],
      problems: [
        'broken/package.json: Invalid JSON, expected a package manifest; its dependencies are ignored',
      ],
    });
  });
});

describe('getContext', () => {
  const files = {
    '.cursor/rules/api.mdc': cursor('globs: src/api/**', '# API handlers'),
    '.cursor/rules/base.mdc': cursor('alwaysApply: true', '# Base'),
    '.cursor/rules/emails.mdc': cursor('description: Email templates', '# Emails'),
    'src/api/invoices.ts': 'export function exportInvoices() {\n  return [];\n}\n',
    'src/email/send.ts': 'export function sendEmail() {}\n',
  };
  const spec = [
    '# Invoice export',
    '',
    '## Technical Considerations',
    '',
    '### Relevant Files',
    '',
    '- `src/api/invoices.ts` — add the CSV export',
    '- `src/api/csv.ts` (new)',
    '',
  ].join('\n');

  it('answers a spec: its listed files seed the ranking and make scoped rules apply', async () => {
    const root = makeRepo(files);
    const answer = await getContext(root, { text: spec, kind: 'spec' }, { cacheDir: false });
    expect(answer.rules.map((v) => [v.path, v.verdict, v.reason])).toEqual([
      // By score: an always-on rule is cited more often than one scoped to a listed file (the fitted weights).
      ['.cursor/rules/base.mdc', 'applies', 'always on (alwaysApply: true)'],
      ['.cursor/rules/api.mdc', 'applies', 'globs `src/api/**` match src/api/invoices.ts'],
      ['.cursor/rules/emails.mdc', 'no', 'no match with the text'],
    ]);
    expect(answer.files.map((f) => f.path)[0]).toBe('src/api/invoices.ts');
    expect(answer.files[0]?.reason).toMatch(/^listed in the spec; /);
    expect(answer.problems).toEqual([]);
    const json = JSON.parse(formatContext(answer, 'json')) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(json)).toEqual(['rules', 'files']);
    expect(json.rules?.map((rule) => Object.keys(rule))).toEqual([
      ['path', 'verdict', 'reason', 'score'],
      ['path', 'verdict', 'reason', 'score'],
      ['path', 'verdict', 'reason', 'score'],
    ]);
    // The score orders the rules and the shipped thresholds cut it into verdicts.
    const scores = answer.rules.map((rule) => rule.score);
    expect(json.rules?.map((rule) => rule.score)).toEqual(scores);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const rule of answer.rules) {
      expect(rule.verdict === 'no').toBe(rule.score < DEFAULT_RULE_MODEL.likely);
    }
    expect(new Set(json.files?.map((file) => Object.keys(file).join()))).toEqual(
      new Set(['path,score,reason']),
    );
  });

  it('a technology skill fits when a relevant file imports that technology', async () => {
    const root = makeRepo({
      'go.mod': 'module example.com/ledger\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.7.2\n',
      'internal/ledger/store.go':
        'package ledger\n\nimport "github.com/jackc/pgx/v5"\n\nfunc SaveEntry(conn *pgx.Conn) {}\n',
      'internal/report/render.go': 'package report\n\nfunc RenderReport() {}\n',
      '.agents/skills/postgres-best-practices/SKILL.md': skill(
        'postgres-best-practices',
        'Tables and indexes',
      ),
      '.agents/skills/redis-best-practices/SKILL.md': skill('redis-best-practices', 'Keys and expiry'),
    });
    const answer = await getContext(
      root,
      { text: 'Save each ledger entry.', kind: 'text' },
      { cacheDir: false },
    );
    expect(answer.files[0]?.path).toBe('internal/ledger/store.go');
    expect(answer.rules.map((v) => [v.path, v.verdict, v.reason])).toEqual([
      [
        '.agents/skills/postgres-best-practices/SKILL.md',
        'likely',
        'stack: PostgreSQL (internal/ledger/store.go imports pgx)',
      ],
      [
        '.agents/skills/redis-best-practices/SKILL.md',
        'no',
        'about Redis, which the repository does not use',
      ],
    ]);
  });

  it('never suggests the spec it answers as one of its own relevant files', async () => {
    const root = makeRepo({ ...files, 'tasks/prd-export/techspec.md': spec });
    const rel = 'tasks/prd-export/techspec.md';
    const asText = await getContext(root, { text: spec, kind: 'text' }, { cacheDir: false });
    expect(asText.files.map((f) => f.path)).toContain(rel);
    const asSpec = await getContext(root, { text: spec, specPath: rel }, { cacheDir: false, k: 3 });
    expect(asSpec.files.map((f) => f.path)).not.toContain(rel);
    expect(asSpec.files).toHaveLength(3);
  });

  it('reports what it could not read and still answers, outside git too', async () => {
    const root = makeRepo(
      { ...files, '.cursor/rules/bad.mdc': '---\nglobs: *.ts\n---\n\n# Bad\n' },
      { git: false },
    );
    const answer = await getContext(root, { text: 'export invoices', kind: 'text' }, { cacheDir: false });
    expect(answer.problems).toEqual([
      `${root}: Not a git repository, expected one; files were listed by walking the folder`,
      '.cursor/rules/bad.mdc:2: Invalid YAML in front matter (a value starts with `*`, which YAML reads as an alias), expected valid YAML (quote values that start with `*` or hold `: `); read line by line instead',
    ]);
    expect(answer.rules.map((v) => [v.path, v.verdict])).toEqual([
      ['.cursor/rules/base.mdc', 'applies'],
      ['.cursor/rules/api.mdc', 'likely'],
      ['.cursor/rules/bad.mdc', 'likely'],
      ['.cursor/rules/emails.mdc', 'no'],
    ]);
  });
});
