// list_rules, list_specs and get_template: what the project holds, read-only.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { formatRuleScan } from '../../assistants/rules/format.js';
import type { Template } from '../../spec/template.js';
import { answer, guard, type ServerEnv } from '../results.js';
import { ruleScanShape, specListShape, templateShape } from '../schemas.js';
import { summarizeSpecs } from '../../lint/specs.js';
import { READ_ONLY } from './lint.js';

export function registerProjectTools(server: McpServer, env: ServerEnv): void {
  server.registerTool(
    'list_rules',
    {
      title: 'List the rule files of the assistants',
      description:
        'List the rule files every assistant would load in this project (Kilo Code, Claude, Cursor, Cline, Roo, ' +
        'Windsurf, Copilot, AGENTS.md, skills), with when each is loaded and any problem in it, as ' +
        '`techspec rules --format json` does. Read a file through the techspec://rules/{path} resource.',
      inputSchema: {},
      outputSchema: ruleScanShape,
      annotations: READ_ONLY,
    },
    guard('list_rules', env, () => {
      const json = formatRuleScan(env.workspace().rules(), 'json');
      return answer(JSON.parse(json) as Record<string, unknown>, json);
    }),
  );

  server.registerTool(
    'list_specs',
    {
      title: 'List the specs',
      description:
        'List the features of the project (tasks/prd-<feature>/ folders and every spec the config finds): their ' +
        'spec, PRD and tasks paths, the spec front matter status, its findings by severity and its words.',
      inputSchema: {},
      outputSchema: specListShape,
      annotations: READ_ONLY,
    },
    guard('list_specs', env, async () => answer({ specs: await summarizeSpecs(env.workspace()) })),
  );

  server.registerTool(
    'get_template',
    {
      title: 'The tech spec template',
      description:
        "The project's tech spec template as data: every section with its stable id, title, level, parent, " +
        'whether it is optional, the guidance to follow and the limits the rules enforce. The Markdown itself is ' +
        'the techspec://template resource.',
      inputSchema: {},
      outputSchema: templateShape,
      annotations: READ_ONLY,
    },
    guard('get_template', env, () => answer(templateData(env.workspace().config.template))),
  );
}

/** The template without its text, with no undefined keys (structured content is JSON). */
function templateData(template: Template): Record<string, unknown> {
  return {
    title: template.title,
    version: template.version,
    sections: template.sections.map((section) => ({
      id: section.id,
      title: section.title,
      level: section.level,
      ...(section.parentId === undefined ? {} : { parentId: section.parentId }),
      optional: section.optional,
      guidance: section.guidance,
      constraints: section.constraints,
    })),
  };
}
