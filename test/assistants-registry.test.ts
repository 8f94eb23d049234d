// Invariant: every assistant of the registry is found where its own documentation puts its rule files (one fixture
// repository holds a file for each, and `techspec rules` lists each under its tool with the activation its front
// matter says), and `techspec rules --check` reports each kind of finding at the right file, exiting 1.
import { afterAll, describe, expect, it } from 'vitest';
import { checkRules, findingsFor } from '../src/assistants/rules/check.js';
import { ruleFileDiagnostics } from '../src/lsp/diagnostics.js';
import { ASSISTANTS } from '../src/assistants/registry.js';
import { techspec } from './cli-run.js';
import { fm, removeRepos, repo, scan } from './rule-source-repos.js';

afterAll(removeRepos);

const BODY = (name: string): string => `# ${name}\n\nUse the ${name} conventions of this repository.\n`;

/** One rule file per assistant, where its documentation says it reads them, with the activation it should get. */
const FIXTURE: Record<string, [path: string, text: string, activation: string]> = {
  kilo: ['.kilo/rules/kilo.md', BODY('kilo'), 'always'],
  agents: ['AGENTS.md', BODY('agents'), 'always'],
  claude: ['.claude/rules/claude.md', `${fm('paths:\n  - "src/**"')}${BODY('claude')}`, 'globs'],
  cursor: [
    '.cursor/rules/cursor.mdc',
    `${fm('description: Cursor rule\nalwaysApply: false')}${BODY('cursor')}`,
    'description',
  ],
  cline: ['.clinerules/cline.md', BODY('cline'), 'always'],
  roo: ['.roo/rules/roo.md', BODY('roo'), 'always'],
  windsurf: ['.windsurf/rules/windsurf.md', `${fm('trigger: manual')}${BODY('windsurf')}`, 'manual'],
  copilot: [
    '.github/instructions/copilot.instructions.md',
    `${fm('applyTo: "src/**"')}${BODY('copilot')}`,
    'globs',
  ],
  gemini: ['GEMINI.md', BODY('gemini'), 'always'],
  continue: ['.continue/rules/continue.md', BODY('continue'), 'always'],
  opencode: ['.opencode/commands/opencode.md', BODY('opencode'), 'manual'],
  codex: ['AGENTS.override.md', BODY('codex'), 'always'],
  qwen: ['QWEN.md', BODY('qwen'), 'always'],
  amp: ['AGENT.md', BODY('amp'), 'always'],
  augment: [
    '.augment/rules/augment.md',
    `${fm('type: agent_requested\ndescription: Augment rule')}${BODY('augment')}`,
    'description',
  ],
  kiro: [
    '.kiro/steering/kiro.md',
    `${fm('inclusion: fileMatch\nfileMatchPattern: "src/**/*.ts"')}${BODY('kiro')}`,
    'globs',
  ],
  junie: ['.junie/guidelines.md', BODY('junie'), 'always'],
  amazonq: ['.amazonq/rules/amazonq.md', BODY('amazonq'), 'always'],
  zed: ['.rules', BODY('zed'), 'always'],
  goose: ['.goosehints', BODY('goose'), 'always'],
  crush: ['CRUSH.md', BODY('crush'), 'always'],
  trae: ['.trae/rules/trae.md', `${fm('alwaysApply: true')}${BODY('trae')}`, 'always'],
};

describe('techspec rules on a fixture repository with a rule file for every assistant', () => {
  const root = repo({
    ...Object.fromEntries(Object.values(FIXTURE).map(([file, text]) => [file, text])),
    'src/a.ts': 'export const a = 1;\n',
    '.kiro/specs/login/design.md': '# Design\n\nThe login flow.\n',
    // Cline's second workspace layout (docs.cline.bot, 2026-12-07), with its `paths` key.
    '.cline/rules/web.md': `${fm('paths:\n  - "src/**"')}# Web\n`,
  });

  it('has a fixture file for every registry entry', () => {
    expect(Object.keys(FIXTURE).sort()).toEqual(ASSISTANTS.map((assistant) => assistant.id).sort());
  });

  it('lists each file under its assistant with the activation its front matter says', () => {
    const result = techspec(root, ['rules', '--format', 'json']);
    expect(result.status, result.stderr).toBe(0);
    const sources = (
      JSON.parse(result.stdout) as { sources: { tool: string; path: string; activation: string }[] }
    ).sources;
    for (const [tool, [file, , activation]] of Object.entries(FIXTURE)) {
      expect(
        sources.find((source) => source.path === file),
        file,
      ).toMatchObject({ tool, activation });
    }
    expect(sources.find((source) => source.path === '.cline/rules/web.md')).toMatchObject({
      tool: 'cline',
      activation: 'globs',
    });
    expect(sources.find((source) => source.path === '.kiro/specs/login/design.md')).toMatchObject({
      tool: 'kiro',
      category: 'context',
      activation: 'manual',
      appliesToTechSpec: false,
    });
  });

  it('reports with --check only the legacy AGENT.md of Amp (exit 1), and nothing once it is moved', () => {
    const result = techspec(root, ['rules', '--check']);
    expect(result.stdout.trim().split('\n')).toEqual([
      'AGENT.md  legacy-layout  Legacy Amp layout `AGENT.md` (Amp still reads it but has moved to the new place), expected `AGENTS.md`: move it there',
      '1 rule file problem',
    ]);
    expect(result.status).toBe(1);
    const kept = Object.entries(FIXTURE).filter(([id]) => id !== 'amp');
    const clean = repo({
      ...Object.fromEntries(kept.map(([, [file, text]]) => [file, text])),
      'src/a.ts': 'export const a = 1;\n',
    });
    const again = techspec(clean, ['rules', '--check']);
    expect(again.stdout).toBe('No rule file problems\n');
    expect(again.status).toBe(0);
  });
});

describe('techspec rules --check', () => {
  const files = {
    'src/a.ts': 'export const a = 1;\n',
    // Two copies of one rule that drifted apart.
    '.claude/rules/testing.md': '# Testing\n\nUse vitest.\nName tests after behaviour.\n',
    '.cursor/rules/testing.mdc': '# Testing\n\nUse jest.\nName tests after behaviour.\n',
    // Cursor's key in a Claude Code rule: Claude Code reads `paths`.
    '.claude/rules/style.md': `${fm('globs: "src/**"')}# Style\n`,
    // A glob that matches nothing.
    '.cursor/rules/python.mdc': `${fm('globs: "**/*.py"')}# Python\n`,
    // A folder no assistant reads, and Copilot's root-only file below the root (the repository uses GitHub's folder).
    '.claude/rule/typo.md': '# Typo\n',
    'pkg/.github/copilot-instructions.md': '# Nested\n',
    '.github/workflows/ci.yml': 'on: push\n',
    // Legacy layouts.
    '.cursorrules': 'Be brief.\n',
    '.kilocode/workflows/ship.md': '# Ship\n',
  };

  it('reports each kind at its file, in path order', () => {
    const found = checkRules(scan(files), Object.keys(files).sort());
    expect(found.map((finding) => [finding.path, finding.kind, finding.line ?? 0])).toEqual([
      ['.claude/rule/typo.md', 'unread-place', 0],
      ['.claude/rules/style.md', 'front-matter', 2],
      ['.claude/rules/testing.md', 'drifted-copy', 0],
      ['.cursor/rules/python.mdc', 'unmatched-glob', 0],
      ['.cursorrules', 'legacy-layout', 0],
      ['.kilocode/workflows/ship.md', 'legacy-layout', 0],
      ['pkg/.github/copilot-instructions.md', 'unread-place', 0],
    ]);
    const byPath = new Map(found.map((finding) => [finding.path, finding]));
    expect(byPath.get('.claude/rules/testing.md')?.related).toEqual(['.cursor/rules/testing.mdc']);
    expect(byPath.get('.claude/rules/style.md')?.message).toBe(
      'Unexpected `globs` in a Claude Code rule file, expected `paths` (Claude Code does not read `globs`)',
    );
    expect(byPath.get('.kilocode/workflows/ship.md')?.related).toEqual(['.kilo/commands/ship.md']);
    expect(byPath.get('.cursorrules')?.related).toEqual(['.cursor/rules/cursorrules.mdc']);
    expect(byPath.get('pkg/.github/copilot-instructions.md')?.message).toContain(
      'expected `.github/copilot-instructions.md`',
    );
    expect(byPath.get('.claude/rule/typo.md')?.message).toBe(
      'Rule file in `.claude/rule/`, a folder Claude Code does not read, expected `.claude/rules/typo.md`, where Claude Code reads it',
    );
    expect(byPath.get('.claude/rule/typo.md')?.related).toEqual(['.claude/rules/typo.md']);
  });

  describe('unread-place: only for the assistants the project is set up for', () => {
    const kinds = (project: Record<string, string>): [string, string][] =>
      checkRules(scan(project), Object.keys(project).sort()).map((finding) => [finding.path, finding.kind]);
    const claudeOnly = { 'CLAUDE.md': '# Project\n', '.claude/rules/api.md': '# API\n' };

    it('does not tell a Claude Code project about a stray file of an assistant it does not use', () => {
      // Nothing else of Windsurf, Kiro or Copilot in the repository: no configured assistant was meant to read these.
      expect(
        kinds({
          ...claudeOnly,
          '.windsurf/rule/style.md': '# Style\n',
          '.kiro/rules/api.md': '# API\n',
          'pkg/.github/copilot-instructions.md': '# Nested\n',
        }),
      ).toEqual([]);
    });

    it('reports the same files once the project is set up for their assistants, naming the place each reads', () => {
      const found = checkRules(
        scan({
          ...claudeOnly,
          '.windsurf/rules/base.md': '# Base\n',
          '.windsurf/rule/style.md': '# Style\n',
          '.kiro/settings/mcp.json': '{}\n',
          '.kiro/rules/api.md': '# API\n',
          '.github/workflows/ci.yml': 'on: push\n',
          'pkg/.github/copilot-instructions.md': '# Nested\n',
        }),
        [
          '.claude/rules/api.md',
          '.github/workflows/ci.yml',
          '.kiro/rules/api.md',
          '.kiro/settings/mcp.json',
          '.windsurf/rule/style.md',
          '.windsurf/rules/base.md',
          'CLAUDE.md',
          'pkg/.github/copilot-instructions.md',
        ],
      );
      expect(found.map((finding) => [finding.path, finding.kind, finding.related])).toEqual([
        ['.kiro/rules/api.md', 'unread-place', ['.kiro/steering/api.md']],
        ['.windsurf/rule/style.md', 'unread-place', ['.windsurf/rules/style.md']],
        ['pkg/.github/copilot-instructions.md', 'unread-place', ['.github/copilot-instructions.md']],
      ]);
    });

    it('counts a marker file as set up (a Claude Code project with CLAUDE.md only)', () => {
      expect(kinds({ 'CLAUDE.md': '# Project\n', '.claude/rule/typo.md': '# Typo\n' })).toEqual([
        ['.claude/rule/typo.md', 'unread-place'],
      ]);
    });
  });

  it('gives the language server the findings of one file as warnings on their lines', () => {
    const found = checkRules(scan(files), Object.keys(files).sort());
    const diagnostics = ruleFileDiagnostics(findingsFor(found, '.claude/rules/style.md'));
    expect(diagnostics).toEqual([
      {
        range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } },
        severity: 2,
        code: 'front-matter',
        source: 'techspec',
        message:
          'Unexpected `globs` in a Claude Code rule file, expected `paths` (Claude Code does not read `globs`)',
      },
    ]);
  });

  it('reads globs and front matter as the assistants do: no finding for what they accept', () => {
    const accepted = {
      // Cursor reads `globs: *.tsx` unquoted (invalid YAML) and matches a slash-less glob at any depth.
      '.cursor/rules/react.mdc': '---\ndescription: React\nglobs: *.tsx\n---\n# React\n',
      'web/App.tsx': 'export {};\n',
      // One glob of two matches: the rule still activates.
      '.claude/rules/web.md': `${fm('paths:\n  - "web/**/*.tsx"\n  - "web/**/*.vue"')}# Web\n`,
      // Another system's `trigger` in a skill, and a template beside a skill with placeholders for YAML.
      '.agents/skills/qa/SKILL.md': `${fm('name: qa\ndescription: QA steps\ntrigger: implicit')}# QA\n`,
      '.agents/skills/qa/assets/SKILL.template.md': '---\nname: [{{name}}\n---\n# Template\n',
    };
    expect(checkRules(scan(accepted), Object.keys(accepted).sort())).toEqual([]);
  });

  it('does not report identical copies, nor a rule name used once', () => {
    const same = '# Testing\n\nUse vitest.\n';
    const found = checkRules(
      scan({
        '.claude/rules/testing.md': same,
        '.cursor/rules/testing.mdc': same,
        '.roo/rules/api.md': '# API\n',
      }),
      ['.claude/rules/testing.md', '.cursor/rules/testing.mdc', '.roo/rules/api.md'],
    );
    expect(found).toEqual([]);
  });

  it('prints one line per finding and exits 1; JSON holds the same findings', () => {
    const root = repo(files);
    const text = techspec(root, ['rules', '--check']);
    expect(text.status).toBe(1);
    expect(text.stdout.trim().split('\n')).toHaveLength(8);
    expect(text.stdout).toContain(
      '.claude/rules/style.md:2  front-matter  Unexpected `globs` in a Claude Code rule file',
    );
    expect(text.stdout.trim().split('\n').at(-1)).toBe('7 rule file problems');
    const json = techspec(root, ['rules', '--check', '--format', 'json']);
    expect(json.status).toBe(1);
    const parsed = JSON.parse(json.stdout) as { findings: { kind: string }[] };
    expect(parsed.findings.map((finding) => finding.kind)).toEqual([
      'unread-place',
      'front-matter',
      'drifted-copy',
      'unmatched-glob',
      'legacy-layout',
      'legacy-layout',
      'unread-place',
    ]);
  });
});
