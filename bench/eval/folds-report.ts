// Prints leave-one-repository-out figures: per repository, the mean with its bootstrap interval, beside the shipped
// models' dev mean and a fit on every repository (in-sample); with --signals, each signal's value when left out.
import { DEFAULT_FILE_MODEL, type FileModel } from '../../src/context/candidates.js';
import { DEFAULT_RULE_MODEL, type RuleModel } from '../../src/assistants/match/score.js';
import {
  DROPPED_RULE_FEATURES,
  bootstrapMean,
  byRepo,
  filesRecall,
  fitFiles,
  fitRules,
  leaveOneRepoOut,
  rulesF1,
  type FeatureFilter,
} from './folds.js';
import type { CaseRecord } from './records.js';
import { fileSignals } from './file-signals.js';
import { table } from './report.js';

export interface FoldSummary {
  /** Mean over repositories of the shipped model (no fitting here). */
  shipped: number;
  /** A model fitted on every repository, scored on them (in-sample: optimistic). */
  inSample: number;
  /** Leave-one-repository-out mean, with the bootstrap 95 % interval over repositories. */
  loo: { mean: number; low: number; high: number };
  perRepo: Record<string, { cases: number; shipped: number; loo: number }>;
  /** The leave-one-out mean with each signal left out. */
  without?: Record<string, number>;
  /** The model fitted on every repository (what ships). */
  fitted: FileModel | RuleModel;
}

export interface FoldsResult {
  files: FoldSummary;
  rules: FoldSummary;
  /** With --signals: each one-knob re-ranking of the files by leave-one-out, and recall with listed folders matched. */
  reranked?: ReturnType<typeof fileSignals>;
}

/** Features that make one signal: left out together to measure it. */
export const FILE_SIGNALS: Record<string, readonly string[]> = {
  'git history: commit messages': ['messages'],
  'git history: co-change': ['cochange'],
  'git history: recency': ['recency'],
  'earlier specs': ['priorWeighted', 'priorShare', 'priorBest', 'noPrior'],
  'file kind': ['prose', 'data'],
};

export const RULE_SIGNALS: Record<string, readonly string[]> = {
  'earlier specs': ['priorWeighted', 'priorShare', 'priorBest', 'noPrior', 'likelyNoPrior', 'skillPrior'],
  "rule's own text (glossary, partial words)": ['textCover'],
  'name and title coverage': ['nameCover'],
  "assistant's own copy": ['ownTool', 'otherCopy'],
  'instruction files': ['instructions'],
  'skill reference pages': ['reference', 'skillPrior'],
  'judge verdict': ['applies', 'likely', 'named', 'scoped', 'always', 'likelyNoPrior'],
};

function summary<M extends FileModel | RuleModel>(
  records: readonly CaseRecord[],
  fit: (train: readonly CaseRecord[], use?: FeatureFilter) => M,
  measure: (model: M, test: readonly CaseRecord[]) => number,
  shippedModel: M,
  signals: Record<string, readonly string[]> | undefined,
  kept: FeatureFilter = () => true,
): FoldSummary {
  const loo = leaveOneRepoOut(records, (train) => fit(train), measure);
  const perRepo: FoldSummary['perRepo'] = {};
  for (const [repo, list] of byRepo(records)) {
    perRepo[repo] = { cases: list.length, shipped: measure(shippedModel, list), loo: loo.get(repo) ?? 0 };
  }
  const fitted = fit(records);
  const out: FoldSummary = {
    shipped: measure(shippedModel, records),
    inSample: measure(fitted, records),
    loo: bootstrapMean([...loo.values()]),
    perRepo,
    fitted,
  };
  if (signals) {
    out.without = {};
    for (const [name, features] of Object.entries(signals)) {
      const use: FeatureFilter = (feature) => !features.includes(feature) && kept(feature);
      const values = leaveOneRepoOut(records, (train) => fit(train, use), measure);
      out.without[name] =
        [...values.values()].reduce((sum, value) => sum + value, 0) / Math.max(1, values.size);
    }
  }
  return out;
}

export function foldsReport(
  records: readonly CaseRecord[],
  options: { signals: boolean },
): { result: FoldsResult; text: string } {
  const withFiles = records.filter((record) => record.truthFiles.length > 0);
  const withRules = records.filter((record) => record.truthRules.length > 0);
  const files = summary(
    withFiles,
    fitFiles,
    filesRecall,
    DEFAULT_FILE_MODEL,
    options.signals ? FILE_SIGNALS : undefined,
  );
  const rules = summary(
    withRules,
    fitRules,
    rulesF1,
    DEFAULT_RULE_MODEL,
    options.signals ? RULE_SIGNALS : undefined,
    (feature) => !DROPPED_RULE_FEATURES.includes(feature),
  );
  const interval = (s: { loo: { mean: number; low: number; high: number } }): string =>
    `${s.loo.mean.toFixed(3)} [${s.loo.low.toFixed(3)}, ${s.loo.high.toFixed(3)}]`;
  const lines = [
    'Leave one repository out: every weight and threshold fitted on the other repositories',
    table(
      ['measure', 'repos', 'shipped (dev)', 'fit on all (in-sample)', 'LOO mean [95% bootstrap]'],
      [
        [
          'files recall@10',
          String(Object.keys(files.perRepo).length),
          files.shipped,
          files.inSample,
          interval(files),
        ],
        [
          'rules F1 (applies+likely)',
          String(Object.keys(rules.perRepo).length),
          rules.shipped,
          rules.inSample,
          interval(rules),
        ],
      ],
    ),
    '',
    'Files recall@10 per repository',
    table(
      ['repository', 'cases', 'shipped', 'LOO'],
      Object.entries(files.perRepo).map(([repo, v]) => [repo, String(v.cases), v.shipped, v.loo]),
    ),
    '',
    'Rules F1 per repository',
    table(
      ['repository', 'cases', 'shipped', 'LOO'],
      Object.entries(rules.perRepo).map(([repo, v]) => [repo, String(v.cases), v.shipped, v.loo]),
    ),
  ];
  for (const [name, s] of [
    ['Files', files],
    ['Rules', rules],
  ] as const) {
    if (!s.without) continue;
    lines.push(
      '',
      `${name}: LOO mean with each signal left out (all: ${s.loo.mean.toFixed(3)})`,
      table(
        ['signal left out', 'LOO mean', 'change'],
        Object.entries(s.without).map(([signal, value]) => [signal, value, value - s.loo.mean]),
      ),
    );
  }
  const reranked = options.signals ? fileSignals(records) : undefined;
  if (reranked) {
    const { index, folders } = reranked;
    lines.push(
      '',
      `Files: one-knob re-rankings of the index's order, the knob chosen leaving each repository out (index order: ${interval({ loo: index })})`,
      table(
        ['signal', 'dev mean per knob (first: none)', 'LOO mean [95% bootstrap]', 'change'],
        reranked.signals.map((signal) => [
          signal.name,
          signal.dev.map((value) => value.toFixed(3)).join(' '),
          interval(signal),
          signal.change,
        ]),
      ),
      '',
      `Files recall@10 of the index order counting a listed folder as found by a file inside it (not the goal's measure): ${folders.mean.toFixed(3)}`,
      Object.entries(folders.perRepo)
        .map(([repo, value]) => `${repo} ${value.toFixed(2)}`)
        .join(', '),
    );
  }
  lines.push(
    '',
    'Models fitted on every repository (what ships):',
    JSON.stringify({ files: files.fitted, rules: rules.fitted }),
  );
  return { result: { files, rules, ...(reranked ? { reranked } : {}) }, text: lines.join('\n') };
}
