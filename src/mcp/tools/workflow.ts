// new_spec, generate_tasks, trace_feature and check_drift: the workflow commands (`techspec new`, `tasks`, `trace`,
// `check`) as tools. The two that write say so in their annotations; none writes outside the project.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { checkDrift, driftJson } from '../../drift/check.js';
import { resolveInside } from '../../confine.js';
import { newSpec } from '../../workflow/new.js';
import { generateTasks } from '../../workflow/tasks.js';
import { traceFeature } from '../../workflow/trace.js';
import { answer, guard, type ServerEnv } from '../results.js';
import { driftReportShape, newSpecShape, tasksShape, traceShape } from '../schemas.js';
import { READ_ONLY } from './lint.js';

/**
 * Writes inside the project but destroys nothing: new_spec never overwrites a spec, generate_tasks rewrites only its
 * own block of tasks.md and keeps checked boxes and notes. Repeating a call changes nothing more.
 */
const WRITES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

export function registerWorkflowTools(server: McpServer, env: ServerEnv): void {
  server.registerTool(
    'new_spec',
    {
      title: 'Create a draft spec',
      description:
        'Write a draft tech spec at <dir>/prd-<slug>/techspec.md (default dir `tasks`), as `techspec new` does: front ' +
        'matter (feature, status draft, template version, baseline commit, date), Standards Compliance and Relevant ' +
        'Files filled from the context engine (from the PRD when there is one), every other section left as the ' +
        "template's guidance. Never overwrites a spec. Then write the sections and call lint_spec until it is clean.",
      inputSchema: {
        name: z
          .string()
          .min(1)
          .max(200)
          .describe('The feature name, e.g. "Order webhooks" (its slug names the folder)'),
        prd: z
          .string()
          .optional()
          .describe('The PRD inside the project (default <dir>/prd-<slug>/prd.md if it exists)'),
        dir: z
          .string()
          .optional()
          .describe('The folder holding the feature folders, inside the project (default tasks)'),
        k: z
          .number()
          .int()
          .min(1)
          .max(100)
          .optional()
          .describe('How many Relevant Files to list (default 10)'),
      },
      outputSchema: newSpecShape,
      annotations: WRITES,
    },
    guard('new_spec', env, async ({ name, prd, dir, k }) => {
      // Checked here too, so that the message names this tool's arguments rather than the CLI's flags.
      if (prd !== undefined) resolveInside(env.root, prd, 'prd');
      if (dir !== undefined) resolveInside(env.root, dir, 'dir');
      const result = await newSpec(env.workspace(), {
        name,
        ...(prd === undefined ? {} : { prd }),
        ...(dir === undefined ? {} : { dir }),
        ...(k === undefined ? {} : { k }),
      });
      return answer({ ...result });
    }),
  );

  server.registerTool(
    'generate_tasks',
    {
      title: 'Derive tasks.md from a spec',
      description:
        'Derive tasks.md beside a spec from its Development Sequencing (Build Order), as `techspec tasks` does: parent ' +
        'tasks with subtasks, each citing its section, files, rules, dependencies and requirement ids. Running it again ' +
        'updates only the block between the techspec markers and keeps checked boxes and notes. A tasks.md techspec ' +
        'did not write is refused. `write: false` returns the content without writing it.',
      inputSchema: {
        spec: z.string().min(1).describe('A spec path inside the project, or a feature name or folder'),
        write: z.boolean().optional().describe('Write tasks.md (default true)'),
      },
      outputSchema: tasksShape,
      annotations: WRITES,
    },
    guard('generate_tasks', env, ({ spec, write }) => {
      if (/[/\\]|\.md$/i.test(spec)) resolveInside(env.root, spec, 'spec');
      return answer({ ...generateTasks(env.workspace(), spec, { write: write ?? true }) });
    }),
  );

  server.registerTool(
    'trace_feature',
    {
      title: 'Trace PRD requirements to spec and tasks',
      description:
        "List each requirement of a feature's PRD with the spec sections and tasks that cite it, the tasks that cite " +
        'none, and ids cited that the PRD lacks, as `techspec trace --format json` does.',
      inputSchema: { feature: z.string().min(1).describe('A feature name, its folder, or its spec path') },
      outputSchema: traceShape,
      annotations: READ_ONLY,
    },
    guard('trace_feature', env, ({ feature }) => {
      if (/[/\\]|\.md$/i.test(feature)) resolveInside(env.root, feature, 'feature');
      const report = traceFeature(env.workspace(), feature);
      return answer(report as unknown as Record<string, unknown>);
    }),
  );

  server.registerTool(
    'check_drift',
    {
      title: 'Check specs against the code',
      description:
        'Report where specs and the code drifted apart since each spec’s baseline commit, as `techspec check ' +
        '--format json` does: Relevant Files deleted, renamed or changed, endpoints no route declares and routes the ' +
        'spec does not list, types and metrics the code lacks; with a state per spec (clean, drifted, no-baseline). ' +
        'Read-only: moving a baseline (`techspec check --accept`) is left to a person.',
      inputSchema: {
        specs: z
          .array(z.string().min(1))
          .max(1000)
          .optional()
          .describe('Spec paths or feature names (default: every spec of the project)'),
        all: z.boolean().optional().describe('Also list every listed path and endpoint with its state'),
      },
      outputSchema: driftReportShape,
      annotations: READ_ONLY,
    },
    guard('check_drift', env, async ({ specs, all }) => {
      const named = specs ?? [];
      named.forEach((spec, index) => resolveInside(env.root, spec, `specs[${index}]`));
      return answer(driftJson(await checkDrift(env.workspace(), named, { all: all ?? false })));
    }),
  );
}
