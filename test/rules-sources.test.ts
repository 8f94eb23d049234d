// Invariant: every assistant's rule file in a real git repository becomes exactly one RuleSource with the tool,
// category, mode, activation and globs that its tool gives it.
import { afterAll, describe, expect, it } from 'vitest';
import { briefs, fm, removeRepos, rule } from './rule-source-repos.js';

afterAll(removeRepos);

describe('Kilo Code', () => {
  it('reads rules, mode rules, the memory bank, workflows, skills and the instructions of kilo.jsonc', () => {
    expect(
      briefs({
        '.kilocode/rules/api.md': '# API\n\nUse kebab-case paths.\n',
        '.kilocode/rules/typescript.md': `${fm('paths:\n  - "src/**/*.ts"')}# TypeScript\n`,
        '.kilocode/rules/README.md': '# How our rules are organised\n',
        '.kilocode/rules/memory-bank/brief.md': '# Project brief\n',
        '.kilocode/rules-code/testing.md': '# Testing\n',
        '.kilocode/rules-ask/tone.md': '# Tone\n',
        '.kilocoderules-debug': 'Log everything.\n',
        '.kilocode/workflows/release.md': '# Release\n',
        '.kilo/rules/style.md': '# Style\n',
        '.kilo/skills/deploy/SKILL.md': `${fm('name: deploy\ndescription: Deploys the app')}Steps.\n`,
        'kilo.jsonc':
          '{\n  // project rules\n  "instructions": ["docs/standards/*.md", "missing/*.md",],\n}\n',
        'docs/standards/security.md': '# Security\n',
        'docs/other.md': '# Not a rule\n',
      }),
    ).toStrictEqual([
      rule('.kilo/rules/style.md', 'kilo', 'standard', 'always'),
      rule('.kilo/skills/deploy/SKILL.md', 'kilo', 'skill', 'description', {
        description: 'Deploys the app',
        skill: '.kilo/skills/deploy',
      }),
      rule('.kilocode/rules-ask/tone.md', 'kilo', 'standard', 'always', {
        mode: 'ask',
        appliesToTechSpec: false,
      }),
      rule('.kilocode/rules-code/testing.md', 'kilo', 'standard', 'always', { mode: 'code' }),
      rule('.kilocode/rules/README.md', 'kilo', 'meta', 'always'),
      rule('.kilocode/rules/api.md', 'kilo', 'standard', 'always'),
      rule('.kilocode/rules/memory-bank/brief.md', 'kilo', 'context', 'always'),
      // Kilo Code 7.x loads every file of its rules folders: `paths:` there is what the rule is about, not when.
      rule('.kilocode/rules/typescript.md', 'kilo', 'standard', 'always', {
        globs: ['src/**/*.ts'],
        activationNote: 'paths: not honoured by Kilo 7.x',
      }),
      rule('.kilocode/workflows/release.md', 'kilo', 'workflow', 'manual'),
      rule('.kilocoderules-debug', 'kilo', 'standard', 'always', { mode: 'debug', appliesToTechSpec: false }),
      rule('docs/standards/security.md', 'kilo', 'standard', 'always'),
    ]);
  });
});

describe('Claude Code', () => {
  it('reads CLAUDE.md at any depth (scoped to its folder), rules with paths, commands and skills', () => {
    expect(
      briefs({
        'CLAUDE.md': '# Project\n',
        'packages/web/CLAUDE.md': '# Web package\n',
        '.claude/rules/general.md': '# General\n',
        '.claude/rules/api/handlers.md': `${fm('paths:\n  - "src/api/**/*.ts"\n  - "src/routes/*.ts"')}# Handlers\n`,
        '.claude/commands/review.md': '# Review the diff\n',
        '.claude/skills/pdf/SKILL.md': `${fm('name: pdf\ndescription: Fills PDF forms')}# PDF\n`,
        '.claude/skills/pdf/references/forms.md': '# Form fields\n',
        '.claude/skills/pdf/scripts/fill.py': 'print(1)\n',
        '.claude/skills/pdf/LICENSE.txt': 'MIT\n',
      }),
    ).toStrictEqual([
      rule('.claude/commands/review.md', 'claude', 'workflow', 'manual'),
      rule('.claude/rules/api/handlers.md', 'claude', 'standard', 'globs', {
        globs: ['src/api/**/*.ts', 'src/routes/*.ts'],
      }),
      rule('.claude/rules/general.md', 'claude', 'standard', 'always'),
      rule('.claude/skills/pdf/LICENSE.txt', 'claude', 'meta', 'manual', { skill: '.claude/skills/pdf' }),
      rule('.claude/skills/pdf/SKILL.md', 'claude', 'skill', 'description', {
        description: 'Fills PDF forms',
        skill: '.claude/skills/pdf',
      }),
      rule('.claude/skills/pdf/references/forms.md', 'claude', 'skill', 'manual', {
        skill: '.claude/skills/pdf',
      }),
      rule('CLAUDE.md', 'claude', 'standard', 'always'),
      rule('packages/web/CLAUDE.md', 'claude', 'standard', 'globs', {
        globs: ['packages/web/**'],
        folder: 'packages/web',
      }),
    ]);
  });
});

describe('Cursor', () => {
  it('maps alwaysApply, globs and description to each activation, and reads invalid YAML line by line', () => {
    expect(
      briefs({
        '.cursorrules': 'Prefer small functions.\n',
        '.cursor/rules/always.mdc': `${fm('description: Core\nalwaysApply: true')}Core.\n`,
        '.cursor/rules/globs.mdc': `${fm('globs: "src/**/*.ts, src/**/*.{ts,tsx}"\nalwaysApply: false')}TS.\n`,
        '.cursor/rules/list.mdc': `${fm('globs: ["*.sql", "db/**"]')}SQL.\n`,
        '.cursor/rules/agent.mdc': `${fm('description: Use when writing migrations\nalwaysApply: false')}M.\n`,
        '.cursor/rules/manual.mdc': `${fm('description:\nglobs:\nalwaysApply: false')}Manual.\n`,
        '.cursor/rules/plain.md': 'No front matter.\n',
        '.cursor/rules/invalid.mdc': `${fm('description: Tests\nglobs: *.test.ts\nalwaysApply: "false"')}T.\n`,
        '.cursor/rules/colon.mdc': `${fm('description: Rules: for APIs\nglobs: src/api/**')}C.\n`,
        '.cursor/rules/quoted.mdc': `${fm('alwaysApply: "true"')}Q.\n`,
        '.cursor/rules/notes.txt': 'not a Cursor rule file\n',
      }),
    ).toStrictEqual([
      rule('.cursor/rules/agent.mdc', 'cursor', 'standard', 'description', {
        description: 'Use when writing migrations',
      }),
      rule('.cursor/rules/always.mdc', 'cursor', 'standard', 'always', { description: 'Core' }),
      rule('.cursor/rules/colon.mdc', 'cursor', 'standard', 'globs', {
        globs: ['src/api/**'],
        description: 'Rules: for APIs',
        problems: [
          {
            path: '.cursor/rules/colon.mdc',
            line: 2,
            message:
              'Invalid YAML in front matter (Nested mappings are not allowed in compact mappings), expected valid YAML (quote values that start with `*` or hold `: `); read line by line instead',
          },
        ],
      }),
      rule('.cursor/rules/globs.mdc', 'cursor', 'standard', 'globs', {
        globs: ['src/**/*.ts', 'src/**/*.{ts,tsx}'],
      }),
      rule('.cursor/rules/invalid.mdc', 'cursor', 'standard', 'globs', {
        globs: ['*.test.ts'],
        description: 'Tests',
        problems: [
          {
            path: '.cursor/rules/invalid.mdc',
            line: 3,
            message:
              'Invalid YAML in front matter (a value starts with `*`, which YAML reads as an alias), expected valid YAML (quote values that start with `*` or hold `: `); read line by line instead',
          },
        ],
      }),
      rule('.cursor/rules/list.mdc', 'cursor', 'standard', 'globs', { globs: ['*.sql', 'db/**'] }),
      rule('.cursor/rules/manual.mdc', 'cursor', 'standard', 'manual'),
      rule('.cursor/rules/plain.md', 'cursor', 'standard', 'manual'),
      rule('.cursor/rules/quoted.mdc', 'cursor', 'standard', 'always', {
        problems: [
          {
            path: '.cursor/rules/quoted.mdc',
            line: 2,
            message: 'Unexpected string "true" for `alwaysApply`, expected a boolean',
          },
        ],
      }),
      rule('.cursorrules', 'cursor', 'standard', 'always'),
    ]);
  });
});

describe('Cline, Roo, Windsurf and Continue', () => {
  it('reads .clinerules as a file and as a folder with paths and workflows', () => {
    expect(briefs({ '.clinerules': 'Be brief.\n' })).toStrictEqual([
      rule('.clinerules', 'cline', 'standard', 'always'),
    ]);
    expect(
      briefs({
        '.clinerules/01-style.md': '# Style\n',
        '.clinerules/api.md': `${fm('paths:\n  - "src/api/**"')}# API\n`,
        '.clinerules/workflows/deploy.md': '# Deploy\n',
      }),
    ).toStrictEqual([
      rule('.clinerules/01-style.md', 'cline', 'standard', 'always'),
      rule('.clinerules/api.md', 'cline', 'standard', 'globs', { globs: ['src/api/**'] }),
      rule('.clinerules/workflows/deploy.md', 'cline', 'workflow', 'manual'),
    ]);
  });

  it('reads Roo rules and mode rules; only code and architect modes apply to a tech spec', () => {
    expect(
      briefs({
        '.roo/rules/general.md': 'G\n',
        '.roo/rules-architect/design.md': 'D\n',
        '.roo/rules-debug/logs.md': 'L\n',
        '.roorules': 'R\n',
        '.roorules-code': 'C\n',
      }),
    ).toStrictEqual([
      rule('.roo/rules-architect/design.md', 'roo', 'standard', 'always', { mode: 'architect' }),
      rule('.roo/rules-debug/logs.md', 'roo', 'standard', 'always', {
        mode: 'debug',
        appliesToTechSpec: false,
      }),
      rule('.roo/rules/general.md', 'roo', 'standard', 'always'),
      rule('.roorules', 'roo', 'standard', 'always'),
      rule('.roorules-code', 'roo', 'standard', 'always', { mode: 'code' }),
    ]);
  });

  it('maps each Windsurf trigger, and reports an unknown one', () => {
    expect(
      briefs({
        '.windsurfrules': 'W\n',
        '.windsurf/rules/a.md': `${fm('trigger: always_on')}A\n`,
        '.windsurf/rules/b.md': `${fm('trigger: glob\nglobs: "**/*.test.ts"')}B\n`,
        '.windsurf/rules/c.md': `${fm('trigger: model_decision\ndescription: When touching auth')}C\n`,
        '.windsurf/rules/d.md': `${fm('trigger: manual')}D\n`,
        '.windsurf/rules/e.md': `${fm('trigger: sometimes')}E\n`,
        '.windsurf/workflows/ship.md': 'S\n',
      }),
    ).toStrictEqual([
      rule('.windsurf/rules/a.md', 'windsurf', 'standard', 'always'),
      rule('.windsurf/rules/b.md', 'windsurf', 'standard', 'globs', { globs: ['**/*.test.ts'] }),
      rule('.windsurf/rules/c.md', 'windsurf', 'standard', 'description', {
        description: 'When touching auth',
      }),
      rule('.windsurf/rules/d.md', 'windsurf', 'standard', 'manual'),
      rule('.windsurf/rules/e.md', 'windsurf', 'standard', 'always', {
        problems: [
          {
            path: '.windsurf/rules/e.md',
            message: 'Unexpected trigger `sometimes`, expected always_on, glob, model_decision or manual',
          },
        ],
      }),
      rule('.windsurf/workflows/ship.md', 'windsurf', 'workflow', 'manual'),
      rule('.windsurfrules', 'windsurf', 'standard', 'always'),
    ]);
  });

  it('reads Continue rules: alwaysApply, globs, description-decided and default', () => {
    expect(
      briefs({
        '.continue/rules/a.md': `${fm('alwaysApply: true')}A\n`,
        '.continue/rules/b.md': `${fm('globs: "**/*.py"')}B\n`,
        '.continue/rules/c.md': `${fm('alwaysApply: false\ndescription: Data pipelines')}C\n`,
        '.continue/rules/d.md': 'D\n',
        '.continue/prompts/p.md': 'P\n',
      }),
    ).toStrictEqual([
      rule('.continue/prompts/p.md', 'continue', 'workflow', 'manual'),
      rule('.continue/rules/a.md', 'continue', 'standard', 'always'),
      rule('.continue/rules/b.md', 'continue', 'standard', 'globs', { globs: ['**/*.py'] }),
      rule('.continue/rules/c.md', 'continue', 'standard', 'description', { description: 'Data pipelines' }),
      rule('.continue/rules/d.md', 'continue', 'standard', 'always'),
    ]);
  });
});

describe('Copilot', () => {
  it('reads applyTo and excludeAgent; instructions without applyTo are manual; only the root .github counts', () => {
    expect(
      briefs({
        '.github/copilot-instructions.md': '# Copilot\n',
        '.github/instructions/ts.instructions.md': `${fm('applyTo: "**/*.ts,**/*.tsx"')}TS\n`,
        '.github/instructions/all.instructions.md': `${fm('applyTo: "**"')}All\n`,
        '.github/instructions/review.instructions.md': `${fm('applyTo: "**/*.ts"\nexcludeAgent: "coding-agent"')}R\n`,
        '.github/instructions/manual.instructions.md': 'M\n',
        '.github/instructions/notes.md': 'not an instructions file\n',
        '.github/prompts/plan.prompt.md': 'P\n',
        'packages/x/.github/copilot-instructions.md': 'nested\n',
      }),
    ).toStrictEqual([
      rule('.github/copilot-instructions.md', 'copilot', 'standard', 'always'),
      rule('.github/instructions/all.instructions.md', 'copilot', 'standard', 'always'),
      rule('.github/instructions/manual.instructions.md', 'copilot', 'standard', 'manual'),
      rule('.github/instructions/review.instructions.md', 'copilot', 'standard', 'globs', {
        globs: ['**/*.ts'],
        excludeAgent: 'coding-agent',
        appliesToTechSpec: false,
      }),
      rule('.github/instructions/ts.instructions.md', 'copilot', 'standard', 'globs', {
        globs: ['**/*.ts', '**/*.tsx'],
      }),
      rule('.github/prompts/plan.prompt.md', 'copilot', 'workflow', 'manual'),
    ]);
  });
});

describe('AGENTS.md, GEMINI.md and tool-neutral folders', () => {
  it('scopes nested AGENTS.md and GEMINI.md to their folders and finds nested tool folders', () => {
    expect(
      briefs({
        'AGENTS.md': '# Agents\n',
        'internal/billing/AGENTS.md': '# Billing\n',
        'GEMINI.md': '# Gemini\n',
        'web/GEMINI.md': '# Web\n',
        '.agents/rules/backend.md': '# Backend\n',
        '.agents/skills/go/SKILL.md': `${fm('name: go\ndescription: Go services')}# Go\n`,
        '.agents/skills/go/references/http.md': '# HTTP\n',
        'packages/slides/.agents/skills/apply/SKILL.md': `${fm('name: apply\ndescription: Applies comments')}A\n`,
        'docs/rules/code-standards.md': '# Code standards\n',
      }),
    ).toStrictEqual([
      rule('.agents/rules/backend.md', 'agents', 'standard', 'always'),
      rule('.agents/skills/go/SKILL.md', 'agents', 'skill', 'description', {
        description: 'Go services',
        skill: '.agents/skills/go',
      }),
      rule('.agents/skills/go/references/http.md', 'agents', 'skill', 'manual', {
        skill: '.agents/skills/go',
      }),
      rule('AGENTS.md', 'agents', 'standard', 'always'),
      rule('GEMINI.md', 'gemini', 'standard', 'always'),
      rule('docs/rules/code-standards.md', 'agents', 'standard', 'manual'),
      rule('internal/billing/AGENTS.md', 'agents', 'standard', 'globs', {
        globs: ['internal/billing/**'],
        folder: 'internal/billing',
      }),
      rule('packages/slides/.agents/skills/apply/SKILL.md', 'agents', 'skill', 'description', {
        description: 'Applies comments',
        folder: 'packages/slides',
        skill: 'packages/slides/.agents/skills/apply',
      }),
      rule('web/GEMINI.md', 'gemini', 'standard', 'globs', { globs: ['web/**'], folder: 'web' }),
    ]);
  });
});
