// What techspec answers for one checkout and one text (getContext: ranked files and rule verdicts), and its index.
import { buildIndex } from '../../src/context/build.js';
import { contextCandidates, type ContextCandidates } from '../../src/context/engine.js';
import type { RelevanceIndex } from '../../src/context/model.js';
import type { RankingWeights } from '../../src/context/ranking.js';
import { listFiles } from '../../src/workspace/project.js';
import { discoverRuleSources } from '../../src/assistants/rules/discover.js';
import type { RuleSource } from '../../src/assistants/rules/model.js';

/** One checkout as the evaluation reads it: its index, its rule sources, and each mirrored rule copy's original. */
export interface Workspace {
  root: string;
  cacheDir: string;
  index: RelevanceIndex;
  rules: RuleSource[];
  canonical: Map<string, string>;
}

export async function openWorkspace(root: string, cacheDir: string): Promise<Workspace> {
  const index = await buildIndex(root, { cacheDir });
  const rules = discoverRuleSources(root, listFiles(root)).sources;
  const canonical = new Map<string, string>();
  for (const source of rules) {
    canonical.set(source.path, source.path);
    for (const copy of source.copies) canonical.set(copy, source.path);
  }
  return { root, cacheDir, index, rules, canonical };
}

/** The candidates getContext scores (files and rules with their features), for the evaluation to score with any model. */
export async function candidates(
  workspace: Workspace,
  input: { text: string; kind: 'prd' | 'spec'; specPath: string },
  ranking: { k: number; weights: Partial<RankingWeights> },
): Promise<ContextCandidates> {
  return contextCandidates(
    workspace.root,
    { text: input.text, kind: input.kind, ...(input.kind === 'spec' ? { specPath: input.specPath } : {}) },
    {
      k: ranking.k,
      cacheDir: workspace.cacheDir,
      ...(Object.keys(ranking.weights).length > 0 ? { ranking: ranking.weights } : {}),
    },
  );
}
