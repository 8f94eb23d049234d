// Invariant: mirrored copies are reported once; binary, oversized, unreadable and linked files and broken configs are
// reported once each and never stop the scan; body facts come from prose only; the reports show exactly the scan.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../src/workspace/project.js';
import { discoverRuleSources, type RuleScan } from '../src/assistants/rules/discover.js';
import { formatRuleScan } from '../src/assistants/rules/format.js';
import { locateRuleFile } from '../src/assistants/rules/locations.js';
import { brief, briefs, fm, removeRepos, repo, rule, scan } from './rule-source-repos.js';

afterAll(removeRepos);

describe('copies and bad files', () => {
  it('reports a broken kilo.jsonc and an instructions entry that matches nothing, and keeps the other rules', () => {
    const broken = scan({ 'kilo.jsonc': '{ "instructions": ["a.md" ', '.kilocode/rules/ok.md': '# OK\n' });
    expect(broken.sources.map(brief)).toStrictEqual([
      rule('.kilocode/rules/ok.md', 'kilo', 'standard', 'always'),
    ]);
    expect(broken.problems).toStrictEqual([
      {
        path: 'kilo.jsonc',
        message:
          'Kilo config is not a JSON object, expected JSON with comments and trailing commas allowed; its instructions are ignored',
      },
    ]);
    const empty = scan({ 'kilo.json': '{ "instructions": ["missing/*.md"] }' });
    expect(empty).toStrictEqual({
      sources: [],
      problems: [
        {
          path: 'kilo.json',
          message:
            'Kilo instructions entry `missing/*.md` matches no file, expected a path or glob of repository files',
        },
      ],
    });
  });

  it('reports a body mirrored across tool folders once, by tool priority; blank files are not copies', () => {
    const body = '# API\n\n- R-HTTP-001: paths are kebab-case\n';
    expect(
      briefs({
        '.claude/rules/api.md': `${fm('paths:\n  - "src/**"')}${body}`,
        '.cursor/rules/api.mdc': `${fm('alwaysApply: true')}${body}`,
        '.kilocode/rules/api.md': body,
        'AGENTS.md': '# Shared\n',
        'CLAUDE.md': '# Shared\r\n',
        '.roo/rules/empty.md': '',
        '.windsurf/rules/empty.md': '\n',
      }),
    ).toStrictEqual([
      rule('.kilocode/rules/api.md', 'kilo', 'standard', 'always', {
        copies: ['.claude/rules/api.md', '.cursor/rules/api.mdc'],
      }),
      rule('.roo/rules/empty.md', 'roo', 'standard', 'always'),
      rule('.windsurf/rules/empty.md', 'windsurf', 'standard', 'always'),
      rule('AGENTS.md', 'agents', 'standard', 'always', { copies: ['CLAUDE.md'] }),
    ]);
  });

  it('skips binary and oversized files with one problem each, reads Latin-1 and unclosed front matter', () => {
    const result = scan({
      '.clinerules/blob.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      '.kilocode/rules/huge.md': `# Huge\n${'x'.repeat(5 * 1024 * 1024)}\n`,
      '.kilocode/rules/latin1.md': Buffer.from('# Regras de códigos\n', 'latin1'),
      '.kilocode/rules/open.md': '---\ndescription: never closed\n# Open\n',
    });
    expect(result.sources.map(brief)).toStrictEqual([
      rule('.kilocode/rules/latin1.md', 'kilo', 'standard', 'always', {
        problems: [
          {
            path: '.kilocode/rules/latin1.md',
            message: 'Rule file is not valid UTF-8, expected UTF-8 text; read as Latin-1',
          },
        ],
      }),
      rule('.kilocode/rules/open.md', 'kilo', 'standard', 'always', {
        problems: [
          {
            path: '.kilocode/rules/open.md',
            line: 1,
            message:
              'Front matter opened with `---` on line 1 is never closed, expected a closing `---` line',
          },
        ],
      }),
    ]);
    expect(result.sources[0]?.title).toBe('Regras de códigos');
    expect(result.problems).toStrictEqual([
      {
        path: '.clinerules/blob.md',
        message: 'Rule file is binary (it has NUL bytes), expected text; skipped',
      },
      { path: '.kilocode/rules/huge.md', message: 'Rule file is 5 MB, expected at most 1 MB; skipped' },
    ]);
  });
});

describe('symbolic links', () => {
  it('reads a skill folder shared by a link as copies, and reports broken, looping and outside links', () => {
    const root = repo(
      {
        '.agents/skills/hono/SKILL.md': `${fm('name: hono\ndescription: Hono routes')}# Hono\n`,
        '.agents/skills/hono/references/api.md': '# API\n',
      },
      {
        '.claude/skills/hono': '../../.agents/skills/hono',
        '.claude/skills/gone': '../../.agents/skills/gone',
        '.claude/skills/outside': os.tmpdir(),
        '.kilocode/rules/loop.md': 'loop.md',
      },
    );
    const result = discoverRuleSources(root, listFiles(root));
    expect(result.sources.map(brief)).toStrictEqual([
      rule('.agents/skills/hono/SKILL.md', 'agents', 'skill', 'description', {
        description: 'Hono routes',
        skill: '.agents/skills/hono',
        copies: ['.claude/skills/hono/SKILL.md'],
      }),
      rule('.agents/skills/hono/references/api.md', 'agents', 'skill', 'manual', {
        skill: '.agents/skills/hono',
        copies: ['.claude/skills/hono/references/api.md'],
      }),
    ]);
    expect(result.problems).toStrictEqual([
      {
        path: '.claude/skills/gone',
        message: 'Rule path is a symbolic link to a missing file, expected an existing file; skipped',
      },
      {
        path: '.claude/skills/outside',
        message: 'Rule folder links outside the repository, expected a folder of the repository; skipped',
      },
      {
        path: '.kilocode/rules/loop.md',
        message: 'Rule path is a loop of symbolic links, expected a file; skipped',
      },
    ]);
  });
});

describe('body facts', () => {
  it('reads title, headings, rule ids and scope lines from prose, never from code, and caps the body', () => {
    const text = [
      fm('description: HTTP rules'),
      '# HTTP API standards',
      '',
      '**Scope:** `src/api/**`',
      '',
      'Aplica-se a: controllers e rotas',
      '',
      '## 1. Naming',
      '',
      '- R-HTTP-001: paths are kebab-case (dates follow ISO-8601)',
      '- Escopo: handlers',
      '',
      '| id | rule |',
      '| --- | --- |',
      '| R-HTTP-002 | version in the path |',
      '',
      '```text',
      'Scope: not-this',
      'R-CODE-999',
      '```',
      '',
    ].join('\n');
    const [source] = scan({ '.kilocode/rules/http.md': text }, { maxBodyBytes: 40 }).sources;
    expect(source?.title).toBe('HTTP API standards');
    expect(source?.headings).toStrictEqual(['HTTP API standards', 'Naming']);
    expect(source?.ruleIds).toStrictEqual(['R-HTTP-001', 'R-HTTP-002']);
    expect(source?.scopes).toStrictEqual(['`src/api/**`', 'controllers e rotas', 'handlers']);
    expect(source?.body).toBe('# HTTP API standards\n\n**Scope:** `src/ap');
    expect(source?.bytes).toBe(Buffer.byteLength(text));
  });
});

describe('formatRuleScan', () => {
  const result = scan({
    '.kilocode/rules/api.md': '# API\n',
    '.kilocode/rules-ask/tone.md': '# Tone\n',
    '.cursor/rules/ts.mdc': `${fm('globs: *.ts')}# TS\n`,
    '.clinerules/blob.md': Buffer.from([0, 1, 2]),
  });

  it('lists sources per tool with activation, category and problems', () => {
    expect(formatRuleScan(result, 'text')).toBe(
      [
        'kilo',
        '  .kilocode/rules-ask/tone.md  always  standard  mode ask  not for tech specs',
        '  .kilocode/rules/api.md  always  standard',
        'cursor',
        '  .cursor/rules/ts.mdc  globs *.ts  standard',
        '    line 2: Invalid YAML in front matter (a value starts with `*`, which YAML reads as an alias), expected valid YAML (quote values that start with `*` or hold `: `); read line by line instead',
        'problems',
        '  .clinerules/blob.md: Rule file is binary (it has NUL bytes), expected text; skipped',
        '3 rule sources (1 not for tech specs), 2 problems',
        '',
      ].join('\n'),
    );
  });

  it('prints the records without their bodies as JSON', () => {
    const json = JSON.parse(formatRuleScan(result, 'json')) as RuleScan;
    expect(json.problems).toStrictEqual(result.problems);
    expect(json.sources).toStrictEqual(
      result.sources.map((source) =>
        Object.fromEntries(Object.entries(source).filter(([key]) => key !== 'body')),
      ),
    );
  });
});

describe('the rule files of real repositories', () => {
  const manifest = path.resolve(import.meta.dirname, '../../shared/bench/dev.jsonl');

  it.runIf(existsSync(manifest))(
    'locates every rule-like file the benchmark records at a parent commit',
    () => {
      const missed: string[] = [];
      for (const line of readFileSync(manifest, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')) {
        const record = JSON.parse(line) as { rules_at_parent?: { path: string }[] };
        const paths = new Set((record.rules_at_parent ?? []).map((entry) => entry.path));
        for (const file of paths) if (!locateRuleFile(file, (f) => paths.has(f))) missed.push(file);
      }
      expect(missed).toStrictEqual([]);
    },
  );
});

describe('locateRuleFile', () => {
  it('ignores scripts and images beside rules and Copilot files below the root', () => {
    const has = () => false;
    expect(locateRuleFile('.claude/skills/pdf/scripts/fill.py', has)).toBeUndefined();
    expect(locateRuleFile('.claude/skills/pdf/scripts/setup', has)).toBeUndefined();
    expect(locateRuleFile('.kilocode/rules/diagram.png', has)).toBeUndefined();
    expect(locateRuleFile('app/.github/instructions/a.instructions.md', has)).toBeUndefined();
    expect(locateRuleFile('src/agents.md', has)).toBeUndefined();
  });
});
