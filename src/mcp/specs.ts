// The project's specs at a glance: one summary per feature (paths, status, findings by severity, words).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type ResolvedConfig } from '../lint/config.js';
import { parseFor } from '../spec/parse.js';
import { frontMatterValue } from '../spec/front-matter.js';
import { resolveInside } from '../confine.js';
import { lintFiles } from '../lint/files.js';
import { specWords } from '../spec/facts/words.js';
import type { ListingCache } from './listing.js';
import { listFeatures, type Feature } from '../workspace/features.js';

export interface SpecSummary {
  feature: string;
  dir: string;
  spec?: string;
  prd?: string;
  tasks?: string;
  /** The spec's front matter `status`, when it has one. */
  status?: string;
  findings?: { error: number; warning: number };
  words?: number;
  /** Why the spec could not be linted (binary, too large, unreadable…). */
  problem?: string;
}

/** The features of the project at `root`, each spec linted as `techspec lint` would lint it. */
export async function summarizeSpecs(root: string, listing: ListingCache): Promise<SpecSummary[]> {
  const config = loadConfig({ cwd: root });
  const features = listFeatures(listing.files(root), config.specs);
  // A spec listed by git may be a symlink out of the repository: the server reads nothing outside it.
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
      ? await lintFiles(specs, { cwd: root, config, listing: listing.files(config.root) })
      : { results: [], problems: [] };
  const results = new Map(report.results.map((result) => [result.file, result]));
  const problems = new Map(report.problems.map((problem) => [problem.file, problem.message]));
  return features.map((feature) => {
    const summary = paths(feature);
    if (feature.spec === undefined) return summary;
    const problem = outside.get(feature.spec) ?? problems.get(feature.spec);
    if (problem !== undefined) return { ...summary, problem };
    const result = results.get(feature.spec);
    const findings = { error: result?.errorCount ?? 0, warning: result?.warningCount ?? 0 };
    return { ...summary, ...readSpec(root, feature.spec, config), findings };
  });
}

function paths(feature: Feature): SpecSummary {
  const { feature: name, dir, spec, prd, tasks } = feature;
  return {
    feature: name,
    dir,
    ...(spec === undefined ? {} : { spec }),
    ...(prd === undefined ? {} : { prd }),
    ...(tasks === undefined ? {} : { tasks }),
  };
}

/** Front matter status and word count, from the same parse the linter makes. */
function readSpec(root: string, spec: string, config: ResolvedConfig): { status?: string; words: number } {
  const abs = path.join(root, spec);
  const doc = parseFor(readFileSync(abs, 'utf8'), abs, config);
  const status = frontMatterValue(doc, 'status');
  return { ...(status === undefined ? {} : { status }), words: specWords(doc) };
}
