// The project's specs at a glance: one summary per feature (paths, status, findings by severity, words), from
// the documents the linter parsed. The MCP `list_specs` tool answers with these; the dashboard's `/api/v0/specs`
// rows (its wire format, with nulls and the drift state) are made from the same `specSummary`.
import { frontMatterValue } from '../spec/front-matter.js';
import type { SpecDocument } from '../spec/model.js';
import { specWords } from '../spec/facts/words.js';
import { resolveInside } from '../confine.js';
import type { Feature } from '../workspace/features.js';
import type { Workspace } from '../workspace/workspace.js';
import type { LintResult } from './diagnostic.js';
import { lintFiles } from './files.js';

export interface SpecSummary {
  feature: string;
  dir: string;
  spec?: string;
  prd?: string;
  tasks?: string;
  /** The spec's front matter `status`, when it has one. */
  status?: string;
  findings?: { error: number; warning: number };
  /** Words of prose, as word-budget counts them. */
  words?: number;
  /** Why the spec could not be linted (binary, too large, unreadable, outside the project…). */
  problem?: string;
}

/** The features of the workspace, each spec linted as `techspec lint` would lint it (and parsed once, by it). */
export async function summarizeSpecs(workspace: Workspace): Promise<SpecSummary[]> {
  const { root } = workspace;
  const features = workspace.features();
  // A spec listed by git may be a symlink out of the repository: nothing outside it is read.
  const outside = new Map<string, string>();
  for (const feature of features) {
    if (feature.spec === undefined) continue;
    try {
      resolveInside(root, feature.spec, 'spec');
    } catch (error) {
      outside.set(feature.spec, error instanceof Error ? error.message : String(error));
    }
  }
  const specs = features.flatMap((feature) =>
    feature.spec === undefined || outside.has(feature.spec) ? [] : [feature.spec],
  );
  const report =
    specs.length > 0
      ? await lintFiles(specs, { cwd: root, workspace, documents: true })
      : { results: [], problems: [], documents: undefined };
  const results = new Map(report.results.map((result) => [result.file, result]));
  const problems = new Map(report.problems.map((problem) => [problem.file, problem.message]));
  return features.map((feature) => {
    const spec = feature.spec;
    const problem = spec === undefined ? undefined : (outside.get(spec) ?? problems.get(spec));
    if (spec === undefined || problem !== undefined) {
      return { ...specSummary(feature, undefined, undefined), ...(problem === undefined ? {} : { problem }) };
    }
    return specSummary(feature, report.documents?.get(spec), results.get(spec));
  });
}

/** One feature's summary from its parsed spec and lint result (both absent for a feature without a spec). */
export function specSummary(
  feature: Feature,
  doc: SpecDocument | undefined,
  lint: LintResult | undefined,
): SpecSummary {
  const { feature: name, dir, spec, prd, tasks } = feature;
  const status = doc ? frontMatterValue(doc, 'status') : undefined;
  return {
    feature: name,
    dir,
    ...(spec === undefined ? {} : { spec }),
    ...(prd === undefined ? {} : { prd }),
    ...(tasks === undefined ? {} : { tasks }),
    ...(status === undefined ? {} : { status }),
    ...(doc === undefined && lint === undefined
      ? {}
      : { findings: { error: lint?.errorCount ?? 0, warning: lint?.warningCount ?? 0 } }),
    ...(doc === undefined ? {} : { words: specWords(doc) }),
  };
}
