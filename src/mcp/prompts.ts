// Prompts: create-techspec (the authoring workflow with its context filled in) and review-techspec (a checklist).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { lintConfigOf, type ResolvedConfig } from '../lint/config.js';
import { getContext } from '../context/engine.js';
import { checkDrift } from '../drift/check.js';
import { formatContext } from '../context/format.js';
import { TechspecError } from '../errors.js';
import type { Diagnostic } from '../lint/diagnostic.js';
import { lintFiles } from '../lint/files.js';
import { commandSource, fillCommandVars } from '../workflow/command-text.js';
import { commandVars } from '../workflow/init.js';
import { findFeature, listFeatures, featureSlug } from '../workspace/features.js';
import { readProjectFile } from './inputs.js';
import { protocolGuard, type ServerEnv } from './results.js';

export function registerPrompts(server: McpServer, env: ServerEnv): void {
  server.registerPrompt(
    'create-techspec',
    {
      title: 'Write a tech spec',
      description:
        'The workflow for writing a tech spec from a PRD: the steps, the template, the rules and files that fit ' +
        '(from the context engine) and the checks it must pass.',
      argsSchema: {
        feature: z
          .string()
          .describe(
            'The feature name, e.g. "Order webhooks" (its folder is <featureDir>/prd-<slug>/, tasks/ by default)',
          ),
        prd: z
          .string()
          .optional()
          .describe('The PRD path inside the project (default <featureDir>/prd-<slug>/prd.md)'),
      },
    },
    (args) => protocolGuard('create-techspec', env, () => createPrompt(env, args.feature, args.prd)),
  );

  server.registerPrompt(
    'review-techspec',
    {
      title: 'Review a tech spec',
      description: "A review checklist for a spec: its lint findings, then each template section's guidance.",
      argsSchema: { spec: z.string().describe('A spec path inside the project, or a feature name') },
    },
    (args) => protocolGuard('review-techspec', env, () => reviewPrompt(env, args.spec)),
  );
}

async function createPrompt(env: ServerEnv, name: string, prd: string | undefined): Promise<GetPromptResult> {
  const config = lintConfigOf(env.workspace());
  const features = listFeatures(env.workspace().files, config.specs);
  const vars = commandVars(env.root);
  const folder = vars.featureDir === '.' ? '' : `${vars.featureDir}/`;
  const dir =
    features.find((f) => f.feature === featureSlug(name))?.dir ?? `${folder}prd-${featureSlug(name)}`;
  const prdPath = prd ?? (existsSync(path.join(env.root, dir, 'prd.md')) ? `${dir}/prd.md` : undefined);
  const prdFile = prdPath === undefined ? undefined : readProjectFile(env.root, prdPath, 'prd', 'a PRD file');
  const found = await getContext(
    env.root,
    prdFile ? { text: prdFile.text, kind: 'prd' } : { text: name, kind: 'text' },
  );
  const spec = `${dir}/techspec.md`;
  // The workflow text every assistant's /create-techspec command renders, then what this server adds to it.
  const steps = fillCommandVars(commandSource(), vars)
    .replace('{{feature}}', () => name)
    .trim();
  const prdArgument = prdFile ? ` and \`prd: ${JSON.stringify(prdFile.rel)}\`` : '';
  const tools =
    'This techspec MCP server does those steps as tools: the Context section below is its context answer ' +
    `(\`get_context\` asks again), \`new_spec\` with \`name: ${JSON.stringify(name)}\`${prdArgument} creates the draft, ` +
    `and \`lint_spec\` with \`path: "${spec}"\` lints it; fix and lint again until errorCount is 0.`;
  const parts = [
    steps,
    tools,
    prdFile
      ? `## PRD (\`${prdFile.rel}\`)\n\n${prdFile.text.trim()}`
      : '## PRD\n\nNo PRD was found: ask the user for one.',
    `## Context (techspec's context engine)\n\n${formatContext(found, 'markdown').trim()}`,
    `## Checks the spec must pass (techspec lint)\n\n${lintRules(config)}`,
    `## Template\n\n${config.template.text.trim()}`,
  ];
  return userMessage(`Write the tech spec for ${name}`, parts.join('\n\n'));
}

async function reviewPrompt(env: ServerEnv, value: string): Promise<GetPromptResult> {
  const config = lintConfigOf(env.workspace());
  const spec = specPath(env, value, config);
  const report = await lintFiles([spec], { cwd: env.root, workspace: env.workspace() });
  const problem = report.problems[0];
  if (problem) throw new TechspecError('USAGE', `Invalid spec ${JSON.stringify(value)}: ${problem.message}`);
  const diagnostics = report.results.flatMap((result) => result.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const findings =
    diagnostics.length > 0
      ? diagnostics.map(findingItem).join('\n')
      : '- [x] No findings: techspec lint is clean.';
  const sections = config.template.sections
    .filter((section) => !section.optional && section.guidance !== '')
    .map((section) => `- [ ] ${section.title} (\`${section.id}\`): ${firstSentence(section.guidance)}`);
  const drift = await driftItems(env.root, spec);
  const parts = [
    `Review the tech spec \`${spec}\` with this checklist. Fix each item in the spec, or say why it stands; then ` +
      `call the \`lint_spec\` tool with \`path: "${spec}"\` until errorCount is 0.`,
    `## Lint findings (${errors} errors, ${diagnostics.length - errors} warnings)\n\n${findings}`,
    `## Drift against the code (techspec check)\n\n${drift}`,
    `## Template sections (read each against its guidance)\n\n${sections.join('\n')}`,
  ];
  return userMessage(`Review ${spec}`, parts.join('\n\n'));
}

/** A spec path inside the project (ending in .md), or the spec of the feature so named. */
function specPath(env: ServerEnv, value: string, config: ResolvedConfig): string {
  if (/\.md$/i.test(value))
    return readProjectFile(env.root, value, 'spec', 'a spec file or a feature name').rel;
  const feature = findFeature(listFeatures(env.workspace().files, config.specs), value);
  if (feature.spec !== undefined) return feature.spec;
  throw new TechspecError(
    'NOT_FOUND',
    `Invalid spec ${JSON.stringify(value)}: feature ${feature.feature} has no spec yet, expected one in ${feature.dir}`,
  );
}

/** The spec's drift findings as checklist items; a repository drift cannot be checked in says why instead. */
async function driftItems(root: string, spec: string): Promise<string> {
  let report;
  try {
    report = await checkDrift(root, [spec]);
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    return `- Not checked: ${error.message}`;
  }
  const diagnostics = report.results.flatMap((result) => result.diagnostics);
  const summary = report.specs[0];
  const notes = [...(summary?.notes ?? []), ...report.problems.map((problem) => problem.message)];
  const items = diagnostics.map(findingItem);
  if (items.length === 0) {
    const since = summary?.baselineCommit ? ` since the baseline ${summary.baselineCommit.slice(0, 7)}` : '';
    items.push(`- [x] No drift${since}.`);
  }
  return [...items, ...notes.map((note) => `- Note: ${note}`)].join('\n');
}

function findingItem(d: Diagnostic): string {
  const hint = d.hint === undefined ? '' : ` (${d.hint})`;
  return `- [ ] Line ${d.line}:${d.column} ${d.severity} \`${d.ruleId}\`: ${d.message}${hint}`;
}

function lintRules(config: ResolvedConfig): string {
  return config.rules
    .map(({ rule, severity }) => `- \`${rule.id}\` (${severity}): ${rule.description}`)
    .join('\n');
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/[.!?](\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}

function userMessage(description: string, text: string): GetPromptResult {
  return { description, messages: [{ role: 'user', content: { type: 'text', text } }] };
}
