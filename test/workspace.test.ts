// One definition of "an assistant's rule file" and one way to find the project: rule discovery, the repository's
// rule files, the lint cache, references and the commands agree, whatever assistant or folder a team uses.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSISTANTS } from '../src/assistants/registry.js';
import { discoverRuleSources } from '../src/assistants/rules/discover.js';
import { fingerprint } from '../src/lint/cache.js';
import { loadConfig, resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { createProject, listFiles } from '../src/workspace/project.js';
import { findProjectRoot } from '../src/workspace/root.js';
import { createWorkspace } from '../src/workspace/workspace.js';
import { lintFiles } from '../src/lint/files.js';
import { getContext } from '../src/context/engine.js';
import { checkDrift } from '../src/drift/check.js';
import { generateTasks } from '../src/workflow/tasks.js';
import { traceFeature } from '../src/workflow/trace.js';
import { techspec } from './cli-run.js';
import { removeRepos, makeRepo } from './context-repos.js';

afterAll(removeRepos);

const RULE_FILES: Record<string, string> = {
  '.kilocode/rules/api.md': '# API\n\nEndpoints are versioned.\n',
  '.cursor/rules/ui.mdc': '---\ndescription: UI\nglobs: src/ui/**\n---\n# UI\n',
  '.continue/rules/db.md': '---\nglobs: src/db/**\n---\n# Database\n',
  '.roorules': 'Keep functions small.\n',
  '.github/prompts/review.prompt.md': '# Review\n',
  '.claude/commands/ship.md': '# Ship\n',
  '.cursor/commands/plan.md': '# Plan\n',
  '.windsurf/workflows/deploy.md': '# Deploy\n',
  'docs/rules/logging.md': '# Logging\n',
  '.opencode/commands/spec.md': '---\ndescription: Spec\n---\n# Spec\n',
};

function citing(...refs: string[]): string {
  return `# Orders\n\n## Technical Considerations\n\n### Standards Compliance\n\n${refs.map((r) => `- \`${r}\``).join('\n')}\n`;
}

describe('the assistant registry', () => {
  it('gives every assistant an id, a label, folders and rule locations, ids unique', () => {
    const ids = ASSISTANTS.map((assistant) => assistant.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const assistant of ASSISTANTS) {
      expect(assistant.label).not.toBe('');
      expect(assistant.folders.length + (assistant.markers?.length ?? 0)).toBeGreaterThan(0);
    }
    expect(ids).toEqual(expect.arrayContaining(['opencode', 'codex']));
  });

  it('lists as the repository rule files exactly the files techspec rules reads (10 of 10)', () => {
    const root = makeRepo({ ...RULE_FILES, 'src/a.ts': 'export {};\n' });
    const files = listFiles(root);
    const scan = discoverRuleSources(root, files);
    const read = scan.sources.flatMap((source) => [source.path, ...source.copies]).sort();
    expect(read).toEqual(Object.keys(RULE_FILES).sort());
    expect(createProject(root, files).ruleFiles).toEqual(read);
  });

  it('fingerprints the lint cache on every rule file, a .continue rule included', () => {
    const root = makeRepo(RULE_FILES);
    const config = loadConfig({ cwd: root });
    const before = fingerprint(config, createProject(root, listFiles(root)));
    writeFileSync(path.join(root, '.continue/rules/db.md'), '---\nglobs: src/store/**\n---\n# Database\n');
    expect(fingerprint(config, createProject(root, listFiles(root)))).not.toBe(before);
  });

  it('resolves a cited .continue rule with allowOtherFiles off, and a team folder named by config ruleFiles', () => {
    const root = makeRepo({ ...RULE_FILES, 'rules/http.md': '# HTTP\n', 'rules/cache.md': '# Cache\n' });
    const options = ['error', { allowOtherFiles: false }];
    const config = (ruleFiles?: string[]) =>
      resolveConfig(
        { rules: { 'standards-compliance-references': options }, ...(ruleFiles ? { ruleFiles } : {}) },
        { root, file: undefined, strict: false },
      );
    const lint = (text: string, ruleFiles?: string[]) => {
      const cfg = config(ruleFiles);
      const project = createProject(root, listFiles(root), cfg.ruleFiles);
      return lintText(text, { config: cfg, project, filePath: path.join(root, 'x/techspec.md') })
        .diagnostics.filter((d) => d.ruleId === 'standards-compliance-references')
        .map((d) => [d.line, d.message]);
    };
    expect(lint(citing('.continue/rules/db.md', '@continue/rules/db.md'))).toEqual([]);
    const team = citing('rules/http.md', 'cache.md');
    expect(lint(team)).toHaveLength(2);
    expect(lint(team, ['rules/**/*.md'])).toEqual([]);
    expect(techspec(root, ['rules']).stdout).not.toContain('rules/http.md');
    writeFileSync(path.join(root, 'techspec.config.json'), '{ "ruleFiles": ["rules/**/*.md"] }\n');
    expect(techspec(root, ['rules']).stdout).toContain('rules/http.md');
  });
});

describe('findProjectRoot', () => {
  it('roots a monorepo package with a techspec key in its package.json at the package, for every command', () => {
    const root = makeRepo({
      'package.json': '{ "name": "top" }\n',
      'packages/a/package.json': '{ "name": "a", "techspec": { "specs": ["specs/**/*.md"] } }\n',
      'packages/a/src/x.ts': 'export {};\n',
    });
    const pkg = path.join(root, 'packages/a');
    expect(findProjectRoot(path.join(pkg, 'src'))).toEqual({
      root: pkg,
      configFile: path.join(pkg, 'package.json'),
      repository: true,
    });
    expect(findProjectRoot(path.join(root, 'packages'))).toMatchObject({ root, repository: true });
  });

  it('lints a file with the config of its own folder, named from the repository root', () => {
    const spec = '# Orders\n\n## Executive Summary\n\nShort.\n';
    const root = makeRepo({
      'examples/techspec.config.json': '{ "rules": { "required-sections": "off" } }\n',
      'examples/tasks/prd-a/techspec.md': spec,
      'tasks/prd-b/techspec.md': spec,
    });
    const ids = (args: string[]) =>
      (
        JSON.parse(techspec(root, ['lint', '--format', 'json', ...args]).stdout) as {
          results: { diagnostics: { ruleId: string }[] }[];
        }
      ).results.map((result) => result.diagnostics.filter((m) => m.ruleId === 'required-sections').length);
    const [inExamples, atRoot] = ids(['examples/tasks/prd-a/techspec.md', 'tasks/prd-b/techspec.md']);
    expect(inExamples).toBe(0);
    expect(atRoot).toBeGreaterThan(0);
  });

  it('runs no repository checks outside git unless --root is given', () => {
    const spec =
      '# Orders\n\n## Technical Considerations\n\n### Relevant Files\n\n- `src/missing/service.ts` — the service\n';
    const dir = makeRepo(
      {
        'techspec.config.json': '{ "extends": "strict" }\n',
        'tasks/prd-a/techspec.md': spec,
        'src/other.ts': 'export {};\n',
      },
      { git: false },
    );
    const configFile = path.join(dir, 'techspec.config.json');
    expect(findProjectRoot(dir)).toEqual({ root: dir, configFile, repository: false });
    const missing = (args: string[]) =>
      techspec(dir, ['lint', '--format', 'json', ...args, 'tasks/prd-a/techspec.md']).stdout.includes(
        'relevant-files-exist',
      );
    expect(missing([])).toBe(false);
    expect(missing(['--root', '.'])).toBe(true);
  });
});

describe('one Workspace for every entry point', () => {
  const SPEC = [
    '# Tech Spec: Export',
    '',
    '## Executive Summary',
    '',
    'Exports invoices as CSV.',
    '',
    '## Development Sequencing',
    '',
    '### Build Order',
    '',
    '1. Write the exporter (first: everything else calls it)',
    '2. Add the route (it needs the exporter)',
    '',
    '### Relevant Files',
    '',
    '- `src/export.ts` — the exporter',
    '',
  ].join('\n');
  const repo = (): string =>
    makeRepo({
      'tasks/prd-export/prd.md': '# PRD\n\n## Functional Requirements\n\n1. RF-01 Export invoices\n',
      'tasks/prd-export/techspec.md': SPEC,
      'src/export.ts': 'export function exportCsv(): string {\n  return "";\n}\n',
      '.cursor/rules/api.mdc': '---\ndescription: API\nalwaysApply: true\n---\n# API\n',
    });

  it('gives lintFiles, getContext, checkDrift, generateTasks and traceFeature the answers a root gives', async () => {
    const root = repo();
    const workspace = createWorkspace(root);
    const spec = 'tasks/prd-export/techspec.md';
    const strip = (report: { results: unknown[]; problems: unknown[] }) => ({
      results: report.results,
      problems: report.problems,
    });
    expect(strip(await lintFiles([spec], { cwd: root, workspace }))).toStrictEqual(
      strip(await lintFiles([spec], { cwd: root })),
    );
    const input = { text: SPEC, kind: 'spec' as const, specPath: spec };
    const options = { cacheDir: false as const };
    expect(await getContext(workspace, input, options)).toStrictEqual(await getContext(root, input, options));
    expect(await checkDrift(workspace, [spec])).toStrictEqual(await checkDrift(root, [spec]));
    const tasks = { write: false };
    expect(generateTasks(workspace, spec, tasks)).toStrictEqual(generateTasks(root, spec, tasks));
    expect(traceFeature(workspace, 'export')).toStrictEqual(traceFeature(root, 'export'));
  });

  it('hands back the documents lintFiles parsed, from the workspace parse (one parse per text)', async () => {
    const root = repo();
    const workspace = createWorkspace(root);
    const spec = 'tasks/prd-export/techspec.md';
    const report = await lintFiles([spec], { cwd: root, workspace, documents: true });
    const doc = report.documents?.get(spec);
    expect(doc?.title?.text).toBe('Tech Spec: Export');
    expect(workspace.parse(path.join(root, spec), SPEC)).toBe(doc);
    // The same text is not parsed again; another text is.
    expect(workspace.parse(path.join(root, spec), `${SPEC}\nMore.\n`)).not.toBe(doc);
  });

  it('refresh(changed) reads again only what the changed paths affect, and keeps the last good config', () => {
    const root = repo();
    const workspace = createWorkspace(root);
    const rules = workspace.rules();
    const config = workspace.config;
    writeFileSync(path.join(root, 'tasks/prd-export/techspec.md'), `${SPEC}\nMore.\n`);
    workspace.refresh(['tasks/prd-export/techspec.md']);
    expect(workspace.rules()).toBe(rules);
    expect(workspace.config).toBe(config);
    writeFileSync(
      path.join(root, '.cursor/rules/api.mdc'),
      '---\ndescription: REST\nalwaysApply: true\n---\n',
    );
    workspace.refresh(['.cursor/rules/api.mdc']);
    expect(workspace.rules()).not.toBe(rules);
    expect(workspace.rules().sources.find((s) => s.path === '.cursor/rules/api.mdc')?.description).toBe(
      'REST',
    );
    writeFileSync(path.join(root, 'techspec.config.json'), '{ "specs": ["docs/**/*.md"] }\n');
    workspace.refresh(['techspec.config.json']);
    expect(workspace.config.specs).toStrictEqual(['docs/**/*.md']);
    expect(workspace.files).toContain('techspec.config.json');
    writeFileSync(path.join(root, 'techspec.config.json'), '{ "specs": 3 }\n');
    expect(() => {
      workspace.refresh(['techspec.config.json']);
    }).toThrow(/specs/);
    expect(workspace.config.specs).toStrictEqual(['docs/**/*.md']);
  });
});
