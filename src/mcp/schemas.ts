// Output schemas of the MCP tools: the JSON shapes the CLI prints, described with zod so that clients can check them.
import { z } from 'zod';

const count = z.number().int().min(0);

const diagnosticSchema = z.object({
  ruleId: z.string(),
  messageId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
  fix: z
    .object({ range: z.tuple([z.number().int(), z.number().int()]), text: z.string() })
    .optional()
    .describe('Replace the character offsets [start, end) of the spec with text'),
  hint: z.string().optional(),
  docsUrl: z.string(),
});

const inputProblemSchema = z.object({ file: z.string(), code: z.string(), message: z.string() });

/** Exactly `techspec lint --format json`. */
export const lintReportShape = {
  results: z.array(
    z.object({
      file: z.string(),
      diagnostics: z.array(diagnosticSchema),
      errorCount: count,
      warningCount: count,
      fixableCount: count,
    }),
  ),
  problems: z.array(inputProblemSchema).describe('Files that could not be linted at all'),
  errorCount: count,
  warningCount: count,
  fixableCount: count,
};

/** Exactly `techspec context --format json`. */
export const contextShape = {
  rules: z.array(
    z.object({
      path: z.string(),
      verdict: z.enum(['applies', 'likely', 'no']),
      reason: z.string(),
      /** How likely the rule is to be cited (0–1); the verdict is this score against the model's thresholds. */
      score: z.number(),
    }),
  ),
  files: z.array(z.object({ path: z.string(), score: z.number(), reason: z.string() })),
};

const ruleProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().optional(),
  message: z.string(),
});

/** Exactly `techspec rules --format json`; a rule source may carry more keys than the ones named here. */
export const ruleScanShape = {
  sources: z.array(
    z.looseObject({
      tool: z.string(),
      path: z.string(),
      category: z.string(),
      activation: z.enum(['always', 'globs', 'description', 'manual']),
      globs: z.array(z.string()),
      appliesToTechSpec: z.boolean(),
      problems: z.array(ruleProblemSchema),
    }),
  ),
  problems: z.array(ruleProblemSchema),
};

const specSummarySchema = z.object({
  feature: z.string().describe('The feature name: its prd-<feature> folder without the prefix'),
  dir: z.string(),
  spec: z.string().optional(),
  prd: z.string().optional(),
  tasks: z.string().optional(),
  status: z.string().optional().describe('The `status` key of the spec front matter'),
  findings: z.object({ error: count, warning: count }).optional(),
  words: count
    .optional()
    .describe('Words of prose, not counting code or front matter (as word-budget counts)'),
  problem: z.string().optional().describe('Why the spec could not be linted'),
});

export const specListShape = { specs: z.array(specSummarySchema) };

export const templateShape = {
  title: z.string(),
  version: z.string().describe('First 12 hex digits of the template text SHA-256'),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      level: z.number().int(),
      parentId: z.string().optional(),
      optional: z.boolean(),
      guidance: z.string(),
      constraints: z.object({
        maxExampleLines: z.number().int().optional(),
        paragraphs: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
      }),
    }),
  ),
};

export const newSpecShape = {
  feature: z.string().describe('The slug: the folder is prd-<feature>'),
  path: z.string().describe('The spec written, relative to the project root'),
  content: z.string(),
  problems: z.array(z.string()).describe('What the draft could not record or read, one line each'),
};

export const tasksShape = {
  path: z.string().describe('tasks.md, relative to the project root'),
  content: z.string(),
  changed: z.boolean().describe('Whether the content differs from the file on disk'),
  tasks: count.describe('Parent tasks (Build Order steps)'),
  removed: z
    .array(z.string())
    .describe('Tasks of the old file that the spec no longer gives; their notes were kept'),
};

/** Exactly `techspec trace --format json`. */
export const traceShape = {
  feature: z.string(),
  dir: z.string(),
  prd: z.string().optional(),
  spec: z.string().optional(),
  tasks: z.string().optional(),
  requirements: z.array(
    z.looseObject({
      id: z.string(),
      text: z.string(),
      sections: z.array(z.string()),
      tasks: z.array(z.string()),
    }),
  ),
  taskList: z.array(
    z.looseObject({ number: z.string(), title: z.string(), requirements: z.array(z.string()) }),
  ),
  uncitedTasks: z.array(z.looseObject({ number: z.string(), title: z.string() })),
  unknown: z.array(z.looseObject({ id: z.string(), file: z.string(), where: z.string() })),
  counts: z.looseObject({ requirements: count, withoutTask: count, tasks: count }),
  problems: z.array(z.string()),
  taskLayout: z
    .enum(['task-files', 'table', 'checkbox-list', 'numbered-list', 'none'])
    .describe(
      'How the tasks were read: one file per task, the table of tasks.md, its checkbox or numbered list',
    ),
  taskFiles: z.array(z.string()).describe('The files the tasks were read from'),
};

/** Exactly `techspec check --format json`: the lint report shape of the drift findings, plus a summary per spec. */
export const driftReportShape = {
  ...lintReportShape,
  specs: z.array(
    z.looseObject({
      spec: z.string(),
      feature: z.string(),
      state: z.enum(['clean', 'drifted', 'no-baseline']),
      counts: z.looseObject({ findings: count }),
      done: z.array(z.string()),
      notes: z.array(z.string()),
    }),
  ),
};
