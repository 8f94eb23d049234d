// Resources: the template, each spec, each assistant rule file and the effective config, read fresh on each request.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { lintConfigOf, type ResolvedConfig } from '../lint/config.js';
import { TechspecError } from '../errors.js';
import { relativeInside } from '../confine.js';
import { findFeature, listFeatures } from '../workspace/features.js';
import { readProjectFile } from './inputs.js';
import { protocolGuard, type ServerEnv } from './results.js';

const MARKDOWN = 'text/markdown';

export function registerResources(server: McpServer, env: ServerEnv): void {
  server.registerResource(
    'template',
    'techspec://template',
    {
      title: 'Tech spec template',
      description: "The project's tech spec template (Markdown)",
      mimeType: MARKDOWN,
    },
    (uri) =>
      protocolGuard('techspec://template', env, () =>
        text(uri.href, MARKDOWN, env.workspace().config.template.text),
      ),
  );

  server.registerResource(
    'spec',
    new ResourceTemplate('techspec://specs/{feature}', {
      list: () =>
        protocolGuard('techspec://specs', env, () => ({
          resources: specsOf(env).map((feature) => ({
            uri: `techspec://specs/${encodeURIComponent(feature.feature)}`,
            name: feature.feature,
            description: feature.spec,
            mimeType: MARKDOWN,
          })),
        })),
    }),
    { title: 'Tech spec', description: 'The tech spec of one feature (Markdown)', mimeType: MARKDOWN },
    (uri, variables) =>
      protocolGuard(uri.href, env, () => {
        const name = decoded(variables.feature, 'feature');
        const feature = findFeature(listFeatures(env.workspace().files, config(env).specs), name);
        if (feature.spec === undefined) {
          throw new TechspecError(
            'NOT_FOUND',
            `Feature ${JSON.stringify(name)} has no spec yet, expected a techspec.md in ${feature.dir}`,
          );
        }
        return text(
          uri.href,
          MARKDOWN,
          readProjectFile(env.root, feature.spec, 'feature', 'a spec file').text,
        );
      }),
  );

  server.registerResource(
    'rule',
    new ResourceTemplate('techspec://rules/{path}', {
      list: () =>
        protocolGuard('techspec://rules', env, () => ({
          resources: env
            .workspace()
            .rules()
            .sources.map((source) => ({
              uri: `techspec://rules/${encodeURIComponent(source.path)}`,
              name: source.path,
              ...(source.description === undefined ? {} : { description: source.description }),
              mimeType: MARKDOWN,
            })),
        })),
    }),
    {
      title: 'Assistant rule file',
      description:
        'One rule file of an assistant; the path is URL-encoded (techspec://rules/.kilocode%2Frules%2Fapi.md)',
      mimeType: MARKDOWN,
    },
    (uri, variables) =>
      protocolGuard(uri.href, env, () => {
        const wanted = decoded(variables.path, 'path');
        const sources = env.workspace().rules().sources;
        const known = sources.some((source) => source.path === wanted || source.copies.includes(wanted));
        if (!known) {
          throw new TechspecError(
            'NOT_FOUND',
            `Invalid path ${JSON.stringify(wanted)}: not a rule file of this project, expected one that list_rules lists`,
          );
        }
        return text(uri.href, MARKDOWN, readProjectFile(env.root, wanted, 'path', 'a rule file').text);
      }),
  );

  server.registerResource(
    'config',
    'techspec://config',
    {
      title: 'techspec config',
      description: 'The effective configuration (JSON)',
      mimeType: 'application/json',
    },
    (uri) =>
      protocolGuard('techspec://config', env, () =>
        text(uri.href, 'application/json', `${JSON.stringify(configData(env.root, config(env)), null, 2)}\n`),
      ),
  );
}

function config(env: ServerEnv): ResolvedConfig {
  return lintConfigOf(env.workspace());
}

function specsOf(env: ServerEnv): { feature: string; spec: string }[] {
  const features = listFeatures(env.workspace().files, config(env).specs);
  return features.flatMap(({ feature, spec }) => (spec === undefined ? [] : [{ feature, spec }]));
}

/** The config as it applies: its file, spec globs, ignores, template and every active rule with its options. */
function configData(root: string, resolved: ResolvedConfig): Record<string, unknown> {
  const file = resolved.file === undefined ? null : (relativeInside(root, resolved.file) ?? resolved.file);
  return {
    file,
    specs: resolved.specs,
    ignore: resolved.ignore,
    template: { title: resolved.template.title, version: resolved.template.version },
    rules: resolved.rules.map(({ rule, severity, options }) => ({ id: rule.id, severity, options })),
  };
}

function decoded(value: string | string[] | undefined, name: string): string {
  const raw = Array.isArray(value) ? value.join(',') : (value ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new TechspecError('USAGE', `Invalid ${name} ${JSON.stringify(raw)}, expected a URL-encoded value`);
  }
}

function text(uri: string, mimeType: string, body: string): ReadResourceResult {
  return { contents: [{ uri, mimeType, text: body }] };
}
