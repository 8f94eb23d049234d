// Reads and lints the features' specs into SpecRecords, confined to the repository: a spec that resolves outside
// it (a symlink out) is a problem of its feature and is never read.
import { readFileSync } from 'node:fs';
import { TechspecError } from '../errors.js';
import type { InputProblem, LintResult } from '../lint/diagnostic.js';
import type { SpecDocument } from '../spec/model.js';
import type { Workspace } from '../workspace/workspace.js';
import { lintFiles } from '../lint/files.js';
import { resolveInside } from '../confine.js';
import type { Feature } from '../workspace/features.js';
import type { ServeMetrics } from './metrics.js';
import type { SpecRecord } from './spec-model.js';

export interface LintContext {
  root: string;
  /** The served project, as current as the last refresh. */
  workspace: Workspace;
  metrics: ServeMetrics;
}

/** Lints the specs of `features` in one run (as `techspec lint` would) and reads each into a fresh record. */
export async function readRecords(
  features: readonly Feature[],
  context: LintContext,
  previous: ReadonlyMap<string, SpecRecord>,
): Promise<SpecRecord[]> {
  const records = features.map((feature) => confined(feature, context.root, previous.get(feature.feature)));
  const specs = records.flatMap((record) =>
    record.feature.spec !== undefined && record.problems.length === 0 ? [record.feature.spec] : [],
  );
  if (specs.length === 0) return records;
  const started = performance.now();
  const report = await lintFiles(specs, {
    cwd: context.root,
    workspace: context.workspace,
    workers: 1,
    documents: true,
  });
  context.metrics.lintDuration.observe((performance.now() - started) / 1000);
  context.metrics.lintRuns.inc(specs.length);
  const results = new Map(report.results.map((result) => [result.file, result]));
  const problems = new Map(report.problems.map((problem) => [problem.file, problem]));
  for (const record of records) {
    const spec = record.feature.spec;
    if (spec === undefined || record.problems.length > 0) continue;
    const problem = problems.get(spec);
    if (problem) record.problems.push(problem);
    else applyLint(record, spec, results.get(spec), report.documents?.get(spec), context);
  }
  return records;
}

/** A record with drift and trace carried over (they are refreshed apart), or a PATH_OUTSIDE problem. */
function confined(feature: Feature, root: string, before: SpecRecord | undefined): SpecRecord {
  const record: SpecRecord = {
    feature,
    text: null,
    doc: null,
    lint: null,
    problems: [],
    drift: before?.drift ?? null,
    trace: before?.trace ?? null,
  };
  for (const [argument, file] of [
    ['spec', feature.spec],
    ['prd', feature.prd],
    ['tasks', feature.tasks],
  ] as const) {
    const problem = file === undefined ? undefined : outside(root, file, argument);
    if (problem) record.problems.push(problem);
  }
  return record;
}

function outside(root: string, file: string, argument: string): InputProblem | undefined {
  try {
    resolveInside(root, file, argument);
    return undefined;
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    return { file, code: error.code, message: error.message };
  }
}

function applyLint(
  record: SpecRecord,
  spec: string,
  result: LintResult | undefined,
  doc: SpecDocument | undefined,
  context: LintContext,
): void {
  let text: string;
  try {
    text = readFileSync(resolveInside(context.root, spec, 'spec').abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'IO';
    record.problems.push({
      file: spec,
      code: 'UNREADABLE',
      message: `File cannot be read (${code}), expected a readable file`,
    });
    return;
  }
  record.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The document the linter parsed (the same text, unless the file changed since: then it is parsed again).
  record.doc = doc?.text === record.text ? doc : context.workspace.parse(spec, record.text);
  record.lint = result ?? null;
}
