// Invariant: every MCP tool, resource and prompt answers as the library and the CLI do for the same question (lint_spec
// = `techspec lint --format json`, get_context = `techspec context --format json`, list_rules = `techspec rules
// --format json`), with structured content that matches its output schema and the same JSON as text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_GLOBS } from '../src/workspace/config-schema.js';
import { getContext } from '../src/context/engine.js';
import { formatContext } from '../src/context/format.js';
import { loadDefaultTemplate } from '../src/spec/default-template.js';
import { commandSource, fillCommandVars } from '../src/workflow/command-text.js';
import { call, techspec, textOf, TINY_SPEC, useSession } from './mcp-repo.js';

const session = useSession();

const INVOICE = 'tasks/prd-invoice-export/techspec.md';
const WEBHOOKS = 'tasks/prd-order-webhooks/techspec.md';

describe('tools', () => {
  it('lists the tools with input and output schemas and read-only annotations', async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['lint_spec', 'get_context', 'list_rules', 'list_specs', 'get_template']),
    );
    for (const name of ['lint_spec', 'get_context', 'list_rules', 'list_specs', 'get_template']) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?.annotations).toEqual({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
      expect(tool?.outputSchema?.type).toBe('object');
      expect(tool?.description?.length).toBeGreaterThan(40);
    }
    const lint = tools.find((t) => t.name === 'lint_spec');
    expect(Object.keys(lint?.inputSchema.properties ?? {})).toEqual(['path', 'text', 'filename']);
    expect(lint?.outputSchema?.required).toEqual([
      'results',
      'problems',
      'errorCount',
      'warningCount',
      'fixableCount',
    ]);
  });

  it.each([INVOICE, WEBHOOKS, 'tasks'])(
    'lint_spec {path: %s} is `techspec lint <path> --format json`',
    async (target) => {
      const cli = techspec(session.root, ['lint', target, '--format', 'json']);
      const result = await call(session.client, 'lint_spec', { path: target });
      expect(result.isError).toBeUndefined();
      expect(textOf(result)).toBe(cli.stdout);
      expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
    },
  );

  it('lint_spec of the clean example spec has no findings; of the invoice spec, the errors the CLI exits 1 for', async () => {
    const clean = await call(session.client, 'lint_spec', { path: WEBHOOKS });
    expect(clean.structuredContent).toMatchObject({ errorCount: 0, warningCount: 0, problems: [] });
    const findings = await call(session.client, 'lint_spec', { path: INVOICE });
    expect(techspec(session.root, ['lint', INVOICE]).status).toBe(1);
    expect((findings.structuredContent as { errorCount: number }).errorCount).toBeGreaterThan(0);
  });

  it('lint_spec {text, filename} is `techspec lint --stdin --stdin-filename <filename> --format json`', async () => {
    const text = readFileSync(path.join(session.root, INVOICE), 'utf8');
    const cli = techspec(
      session.root,
      ['lint', '--stdin', '--stdin-filename', INVOICE, '--format', 'json'],
      text,
    );
    const result = await call(session.client, 'lint_spec', { text, filename: INVOICE });
    expect(textOf(result)).toBe(cli.stdout);
    expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
  });

  it('lint_spec {text} without filename is linted as <stdin>, like the CLI', async () => {
    const cli = techspec(session.root, ['lint', '--stdin', '--format', 'json'], TINY_SPEC);
    const result = await call(session.client, 'lint_spec', { text: TINY_SPEC });
    expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
    expect((result.structuredContent as { results: { file: string }[] }).results[0]?.file).toBe('<stdin>');
  });

  it('get_context {prd} is `techspec context --prd <prd> --format json`; {spec} and {text} likewise', async () => {
    const prd = 'tasks/prd-invoice-export/prd.md';
    const cases: [Record<string, unknown>, string[]][] = [
      [{ prd, k: 5 }, ['--prd', prd, '--k', '5']],
      [{ spec: WEBHOOKS }, [WEBHOOKS]],
      [{ text: 'order webhook delivery retries' }, ['--text', 'order webhook delivery retries']],
    ];
    for (const [args, flags] of cases) {
      const cli = techspec(session.root, ['context', ...flags, '--format', 'json']);
      const result = await call(session.client, 'get_context', args);
      expect(textOf(result)).toBe(cli.stdout);
      expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
    }
    const answer = (await call(session.client, 'get_context', { prd, k: 5 })).structuredContent as {
      rules: { path: string; verdict: string }[];
      files: unknown[];
    };
    expect(answer.files).toHaveLength(5);
    expect(answer.rules.map((rule) => rule.path).sort()).toEqual([
      '.kilocode/rules/http-api.md',
      '.kilocode/rules/observability.md',
      '.kilocode/rules/testing.md',
    ]);
  });

  it('list_rules is `techspec rules --format json`', async () => {
    const cli = techspec(session.root, ['rules', '--format', 'json']);
    const result = await call(session.client, 'list_rules');
    expect(textOf(result)).toBe(cli.stdout);
    expect(result.structuredContent).toEqual(JSON.parse(cli.stdout));
    const sources = (result.structuredContent as { sources: { path: string }[] }).sources;
    expect(sources.map((source) => source.path)).toEqual([
      '.kilocode/rules/http-api.md',
      '.kilocode/rules/observability.md',
      '.kilocode/rules/testing.md',
    ]);
  });

  it('list_specs gives every feature with its paths, status, finding counts (as the CLI counts them) and words', async () => {
    const counts = (spec: string): { error: number; warning: number } => {
      const report = JSON.parse(techspec(session.root, ['lint', spec, '--format', 'json']).stdout) as {
        errorCount: number;
        warningCount: number;
      };
      return { error: report.errorCount, warning: report.warningCount };
    };
    const result = await call(session.client, 'list_specs');
    const specs = (result.structuredContent as { specs: Record<string, unknown>[] }).specs;
    expect(specs.map((spec) => spec.feature)).toEqual([
      'invoice-export',
      'order-webhooks',
      'refunds',
      'tiny',
    ]);
    expect(specs[2]).toEqual({
      feature: 'refunds',
      dir: 'tasks/prd-refunds',
      prd: 'tasks/prd-refunds/prd.md',
    });
    // Title (2) + Executive Summary (2) + "Three small words." (3); front matter does not count.
    expect(specs[3]).toEqual({
      feature: 'tiny',
      dir: 'tasks/prd-tiny',
      spec: 'tasks/prd-tiny/techspec.md',
      status: 'approved',
      words: 7,
      findings: counts('tasks/prd-tiny/techspec.md'),
    });
    expect(specs[0]).toMatchObject({
      spec: INVOICE,
      prd: 'tasks/prd-invoice-export/prd.md',
      findings: counts(INVOICE),
    });
    expect(specs[1]).toMatchObject({ spec: WEBHOOKS, findings: { error: 0, warning: 0 } });
    expect(specs[0]?.status).toBeUndefined();
  });

  it('get_template gives each section of the template with id, level, optional flag and guidance', async () => {
    const result = await call(session.client, 'get_template');
    const template = result.structuredContent as {
      title: string;
      version: string;
      sections: { id: string; level: number; optional: boolean; guidance: string; parentId?: string }[];
    };
    const text = readFileSync(path.resolve(import.meta.dirname, '../templates/techspec-template.md'), 'utf8');
    const headings = text.replace(/```[\s\S]*?```/g, '').match(/^#{2,6} /gm) ?? [];
    expect(template.title).toBe('Technical Specification Template');
    expect(template.version).toBe(loadDefaultTemplate().version);
    expect(template.sections).toHaveLength(headings.length);
    expect(template.sections[0]).toEqual({
      id: 'executive-summary',
      title: 'Executive Summary',
      level: 2,
      optional: false,
      guidance:
        'Provide a brief technical overview of the solution approach. Summarize the main architectural decisions ' +
        'and implementation strategy in 1-2 paragraphs.',
      constraints: { paragraphs: { min: 1, max: 2 } },
    });
    const interfaces = template.sections.find((s) => s.id === 'implementation-design/main-interfaces');
    expect(interfaces).toMatchObject({
      level: 3,
      parentId: 'implementation-design',
      constraints: { maxExampleLines: 20 },
    });
    expect(template.sections.filter((s) => s.optional).length).toBeGreaterThan(0);
  });
});

describe('resources', () => {
  it('lists the template, the config, each spec and each rule file', async () => {
    const { resources } = await session.client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([
      'techspec://template',
      'techspec://config',
      'techspec://specs/invoice-export',
      'techspec://specs/order-webhooks',
      'techspec://specs/tiny',
      'techspec://rules/.kilocode%2Frules%2Fhttp-api.md',
      'techspec://rules/.kilocode%2Frules%2Fobservability.md',
      'techspec://rules/.kilocode%2Frules%2Ftesting.md',
    ]);
    const { resourceTemplates } = await session.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      'techspec://specs/{feature}',
      'techspec://rules/{path}',
    ]);
  });

  it.each([
    ['techspec://template', '../templates/techspec-template.md', 'text/markdown'],
    ['techspec://specs/invoice-export', INVOICE, 'text/markdown'],
    ['techspec://specs/tiny', 'tasks/prd-tiny/techspec.md', 'text/markdown'],
    ['techspec://rules/.kilocode%2Frules%2Ftesting.md', '.kilocode/rules/testing.md', 'text/markdown'],
  ])('%s reads the file itself', async (uri, file, mimeType) => {
    const abs = file.startsWith('../')
      ? path.resolve(import.meta.dirname, file)
      : path.join(session.root, file);
    const { contents } = await session.client.readResource({ uri });
    expect(contents).toEqual([{ uri, mimeType, text: readFileSync(abs, 'utf8') }]);
  });

  it('techspec://config is the effective config: file, globs, template and every active rule with its options', async () => {
    const { contents } = await session.client.readResource({ uri: 'techspec://config' });
    const config = JSON.parse((contents[0] as { text: string }).text) as {
      file: string;
      specs: string[];
      template: { version: string };
      rules: { id: string; severity: string; options: unknown }[];
    };
    expect(config.file).toBe('techspec.config.json');
    expect(config.specs).toEqual([...DEFAULT_SPEC_GLOBS]);
    expect(config.template.version).toBe(loadDefaultTemplate().version);
    expect(config.rules.find((rule) => rule.id === 'word-budget')).toEqual({
      id: 'word-budget',
      severity: 'warning',
      options: { max: 2000, sections: {} },
    });
    expect(config.rules.find((rule) => rule.id === 'api-endpoint-format')?.options).toMatchObject({
      prefix: '/api/v0',
    });
  });
});

describe('prompts', () => {
  it('lists create-techspec (feature, prd) and review-techspec (spec)', async () => {
    const { prompts } = await session.client.listPrompts();
    expect(prompts.map((p) => [p.name, p.arguments?.map((a) => [a.name, a.required])])).toEqual([
      [
        'create-techspec',
        [
          ['feature', true],
          ['prd', false],
        ],
      ],
      ['review-techspec', [['spec', true]]],
    ]);
  });

  it('create-techspec assembles the steps, the PRD, the context answer, the lint rules and the template', async () => {
    const prd = 'tasks/prd-invoice-export/prd.md';
    const result = await session.client.getPrompt({
      name: 'create-techspec',
      arguments: { feature: 'Invoice export' },
    });
    expect(result.messages).toHaveLength(1);
    const text = (result.messages[0]?.content as { text: string }).text;
    const prdText = readFileSync(path.join(session.root, prd), 'utf8').trim();
    const context = formatContext(
      await getContext(session.root, {
        text: readFileSync(path.join(session.root, prd), 'utf8'),
        kind: 'prd',
      }),
      'markdown',
    );
    // The same workflow text as every assistant's /create-techspec command, with the feature filled in.
    // The session's repository has no package.json depending on techspec: the installed binary runs it.
    const workflow = fillCommandVars(commandSource(), { techspec: 'techspec', featureDir: 'tasks' })
      .replace('{{feature}}', 'Invoice export')
      .trim();
    expect(text.startsWith(`${workflow}\n\nThis techspec MCP server does those steps as tools:`)).toBe(true);
    expect(text).toContain(
      '`new_spec` with `name: "Invoice export"` and `prd: "tasks/prd-invoice-export/prd.md"` creates the draft, and ' +
        '`lint_spec` with `path: "tasks/prd-invoice-export/techspec.md"` lints it',
    );
    expect(text).toContain(`## PRD (\`${prd}\`)\n\n${prdText}`);
    expect(text).toContain(`## Context (techspec's context engine)\n\n${context.trim()}`);
    expect(text).toContain('- `word-budget` (warning): Limits the words of a spec');
    expect(text.endsWith(loadDefaultTemplate().text.trim())).toBe(true);
  });

  it('create-techspec for a new feature names its folder by slug and asks for the PRD it lacks', async () => {
    const result = await session.client.getPrompt({
      name: 'create-techspec',
      arguments: { feature: 'Gift Cards!' },
    });
    const text = (result.messages[0]?.content as { text: string }).text;
    expect(text).toContain('Write the tech spec for this feature: Gift Cards!');
    expect(text).toContain(
      '`new_spec` with `name: "Gift Cards!"` creates the draft, and `lint_spec` with `path: "tasks/prd-gift-cards/techspec.md"`',
    );
    expect(text).toContain('## PRD\n\nNo PRD was found: ask the user for one.');
  });

  it('review-techspec turns every lint finding into a checklist item, then the template sections', async () => {
    const report = JSON.parse(techspec(session.root, ['lint', INVOICE, '--format', 'json']).stdout) as {
      errorCount: number;
      warningCount: number;
      results: {
        diagnostics: { line: number; column: number; severity: string; ruleId: string; message: string }[];
      }[];
    };
    const diagnostics = report.results[0]?.diagnostics ?? [];
    for (const spec of [INVOICE, 'invoice-export']) {
      const result = await session.client.getPrompt({ name: 'review-techspec', arguments: { spec } });
      const text = (result.messages[0]?.content as { text: string }).text;
      const lint = text.slice(text.indexOf('## Lint findings'), text.indexOf('## Drift against the code'));
      const items = lint.split('\n').filter((line) => line.startsWith('- [ ] Line '));
      expect(items).toHaveLength(diagnostics.length);
      const first = diagnostics[0];
      expect(items[0]).toBe(
        `- [ ] Line ${first?.line}:${first?.column} ${first?.severity} \`${first?.ruleId}\`: ${first?.message}`,
      );
      expect(text).toContain(
        `## Lint findings (${report.errorCount} errors, ${report.warningCount} warnings)`,
      );
      expect(text).toContain(
        '- [ ] Executive Summary (`executive-summary`): Provide a brief technical overview of the solution approach.',
      );
    }
    const clean = await session.client.getPrompt({
      name: 'review-techspec',
      arguments: { spec: 'order-webhooks' },
    });
    expect((clean.messages[0]?.content as { text: string }).text).toContain(
      '- [x] No findings: techspec lint is clean.',
    );
  });
});
