// lint_spec and get_context: the questions `techspec lint --format json` and `techspec context --format json` answer.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { getContext, type ContextInput } from '../../context/engine.js';
import { formatContext } from '../../context/format.js';
import { DEFAULT_K } from '../../context/ranking.js';
import { lintFiles, lintSource } from '../../lint/files.js';
import { formatReport } from '../../lint/formatters/index.js';
import { jsonReport } from '../../lint/formatters/json.js';
import type { LintReport } from '../../lint/formatters/types.js';
import { RULES } from '../../lint/rules/index.js';
import { TechspecError } from '../../errors.js';
import { resolveInside } from '../../confine.js';
import { existingPath, readProjectFile } from '../inputs.js';
import { answer, checkTextSize, guard, oneOf, type ServerEnv } from '../results.js';
import { contextShape, lintReportShape } from '../schemas.js';

/** Reads the project, changes nothing in it (get_context may refresh its index cache under .techspec/cache). */
export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};

const TEXT_LIMIT = 'at most 1 MiB of UTF-8';

export function registerLintTools(server: McpServer, env: ServerEnv): void {
  server.registerTool(
    'lint_spec',
    {
      title: 'Lint a tech spec',
      description:
        'Check a tech spec against the template and the rules, as `techspec lint --format json` does: every finding ' +
        'with its rule id, severity, line, column, message and docs URL. Give `path` (a spec file or a folder of ' +
        'specs inside the project) or `text` (the Markdown itself, optionally with `filename`, the project path it ' +
        'is meant for, so that Relevant Files are checked). Fix the findings and lint again until errorCount is 0.',
      inputSchema: {
        path: z
          .string()
          .optional()
          .describe('A spec file or a folder of specs, relative to the project root'),
        text: z.string().optional().describe(`The spec's Markdown, ${TEXT_LIMIT}`),
        filename: z
          .string()
          .optional()
          .describe('With text: the project path the spec is linted as (e.g. tasks/prd-x/techspec.md)'),
      },
      outputSchema: lintReportShape,
      annotations: READ_ONLY,
    },
    guard('lint_spec', env, async (args) => {
      const report = await lintSpec(env, args);
      const json = formatReport('json', report, {
        cwd: env.root,
        color: false,
        version: env.version,
        rules: RULES,
      });
      return answer(jsonReport(report), json);
    }),
  );

  server.registerTool(
    'get_context',
    {
      title: 'Rules and files for a spec',
      description:
        'List the project rule files that apply to a spec, a PRD or a text (for Standards Compliance) and the files ' +
        'most relevant to it (for Relevant Files), each with the reason, as `techspec context --format json` does. ' +
        'Give exactly one of `spec` (a spec path: its Relevant Files seed the ranking), `prd` (a PRD path) or `text`.',
      inputSchema: {
        spec: z.string().optional().describe('A spec file, relative to the project root'),
        prd: z.string().optional().describe('A PRD file, relative to the project root'),
        text: z.string().optional().describe(`A description of the feature, ${TEXT_LIMIT}`),
        k: z
          .number()
          .int()
          .min(1)
          .max(200)
          .optional()
          .describe(`How many files to list (default ${DEFAULT_K})`),
      },
      outputSchema: contextShape,
      annotations: READ_ONLY,
    },
    guard('get_context', env, async (args) => {
      const found = await getContext(env.workspace(), contextInput(env.root, args), {
        k: args.k ?? DEFAULT_K,
      });
      const json = formatContext(found, 'json');
      const notes =
        found.problems.length > 0 ? [`Problems:\n${found.problems.map((p) => `- ${p}`).join('\n')}`] : [];
      return answer(JSON.parse(json) as Record<string, unknown>, json, notes);
    }),
  );
}

interface LintArgs {
  path?: string | undefined;
  text?: string | undefined;
  filename?: string | undefined;
}

/** The report `techspec lint <path> --format json` or `techspec lint --stdin --stdin-filename <filename>` prints. */
async function lintSpec(env: ServerEnv, args: LintArgs): Promise<LintReport> {
  const input = oneOf(args, ['path', 'text']);
  const options = { cwd: env.root, workspace: env.workspace() };
  if (input === 'text') {
    const text = checkTextSize(args.text ?? '', 'text');
    const filename =
      args.filename === undefined ? undefined : resolveInside(env.root, args.filename, 'filename');
    return lintSource(text, { ...options, ...(filename ? { filename: filename.rel || '.' } : {}) });
  }
  if (args.filename !== undefined) {
    throw new TechspecError('USAGE', 'Invalid filename: given with path, expected it only with text');
  }
  const target = existingPath(env.root, args.path ?? '', 'path', 'a spec file or a folder of specs');
  return lintFiles([target.rel || '.'], options);
}

interface ContextArgs {
  spec?: string | undefined;
  prd?: string | undefined;
  text?: string | undefined;
}

function contextInput(root: string, args: ContextArgs): ContextInput {
  const input = oneOf(args, ['spec', 'prd', 'text']);
  if (input === 'text') return { text: checkTextSize(args.text ?? '', 'text'), kind: 'text' };
  if (input === 'prd')
    return { text: readProjectFile(root, args.prd ?? '', 'prd', 'a PRD file').text, kind: 'prd' };
  const spec = readProjectFile(root, args.spec ?? '', 'spec', 'a spec file');
  return { text: spec.text, kind: 'spec', specPath: spec.abs };
}
