// Files worth ranking for a text, each with the features of its score: the index's ranking (lexical matches and the
// walk of the file graph), the git history, and the repository's earlier specs.
import type { History } from './history.js';
import { coChange, historySignals } from './history.js';
import type { RankedFile, RelevanceIndex } from './model.js';
import type { PriorVotes } from './prior-specs.js';
import { rankFiles, type RankingWeights } from './ranking.js';
import type { Query } from '../text/query.js';

export const FILE_FEATURES = [
  'base',
  'baseRank',
  'messages',
  'cochange',
  'recency',
  'priorWeighted',
  'priorShare',
  'priorBest',
  'noPrior',
  'prose',
  'data',
] as const;

export type FileFeature = (typeof FILE_FEATURES)[number];
export type FileFeatures = Record<FileFeature, number>;

export interface FileCandidate {
  path: string;
  /** The index's reason (or the history's, for a file the index did not rank). */
  reason: string;
  features: FileFeatures;
}

/** How many files of the index's ranking are candidates, and how many more each other signal may bring. */
export const BASE_CANDIDATES = 60;
const EXTRA_CANDIDATES = 20;
/** Co-change is counted from this many of the best files of the index's ranking. */
const COCHANGE_SEEDS = 3;

export interface CandidateInput {
  text: string;
  query: Query;
  seeds: readonly string[];
  /** Left out (the spec asked about). */
  self: string | undefined;
  history: History;
  prior: PriorVotes;
  /** Weights of the index's ranking to try instead of the shipped ones. */
  ranking?: Partial<RankingWeights>;
}

export function fileCandidates(index: RelevanceIndex, input: CandidateInput): FileCandidate[] {
  const keep = (file: string): boolean => index.byPath.has(file) && file !== input.self;
  const ranked: RankedFile[] = rankFiles(
    index,
    { text: input.text, seeds: input.seeds, parsed: input.query },
    { k: BASE_CANDIDATES + 1, ...(input.ranking ? { weights: input.ranking } : {}) },
  )
    .filter((file) => file.path !== input.self)
    .slice(0, BASE_CANDIDATES);
  const top = ranked[0]?.score ?? 0;
  const history = historySignals(input.history, input.query, keep);
  const cochange = coChange(
    input.history,
    ranked.slice(0, COCHANGE_SEEDS).map((file) => file.path),
    keep,
  );
  const reasons = new Map(ranked.map((file) => [file.path, file.reason]));
  const paths = new Set(ranked.map((file) => file.path));
  for (const signal of [history.messages, cochange, input.prior.weighted]) {
    for (const file of best(signal, EXTRA_CANDIDATES)) if (keep(file)) paths.add(file);
  }
  const rankOf = new Map(ranked.map((file, i) => [file.path, i]));
  const noPrior = input.prior.share.size === 0 ? 1 : 0;
  return [...paths].map((path) => {
    const at = rankOf.get(path);
    const kind = index.files[index.byPath.get(path) ?? -1]?.kind ?? 'code';
    const features: FileFeatures = {
      base: at === undefined || top === 0 ? 0 : (ranked[at]?.score ?? 0) / top,
      baseRank: at === undefined ? 0 : 1 / (1 + at),
      messages: history.messages.get(path) ?? 0,
      cochange: cochange.get(path) ?? 0,
      recency: history.recency.get(path) ?? 0,
      priorWeighted: input.prior.weighted.get(path) ?? 0,
      priorShare: input.prior.share.get(path) ?? 0,
      priorBest: input.prior.best.get(path) ?? 0,
      noPrior,
      prose: kind === 'prose' ? 1 : 0,
      data: kind === 'data' ? 1 : 0,
    };
    return { path, reason: reasons.get(path) ?? '', features };
  });
}

function best(values: ReadonlyMap<string, number>, count: number): string[] {
  return [...values]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([file]) => file);
}

/** A linear score of a file's features. */
export interface FileModel {
  weights: Readonly<Record<FileFeature, number>>;
}

const zero = Object.fromEntries(FILE_FEATURES.map((name) => [name, 0])) as Record<FileFeature, number>;

/** The shipped model. */
export const DEFAULT_FILE_MODEL: FileModel = Object.freeze({ weights: Object.freeze({ ...zero, base: 1 }) });

export function fileScore(model: FileModel, features: FileFeatures): number {
  let sum = 0;
  for (const name of FILE_FEATURES) sum += model.weights[name] * features[name];
  return sum;
}

/** The `k` best candidates by the model, ties by the index's ranking then by path, each with its reason. */
export function scoreFiles(candidates: readonly FileCandidate[], model: FileModel, k: number): RankedFile[] {
  return candidates
    .map((candidate) => ({ candidate, score: Math.round(fileScore(model, candidate.features) * 1e4) / 1e4 }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.candidate.features.baseRank - a.candidate.features.baseRank ||
        (a.candidate.path < b.candidate.path ? -1 : 1),
    )
    .slice(0, k)
    .map(({ candidate, score }) => ({ path: candidate.path, score, reason: reasonOf(candidate) }));
}

function reasonOf({ reason, features }: FileCandidate): string {
  const parts = reason === '' ? [] : [reason];
  if (features.priorShare > 0)
    parts.push(`listed by ${Math.round(features.priorShare * 100)}% of the earlier specs`);
  if (features.messages >= 0.3) parts.push('changed by commits about the text');
  if (features.cochange >= 0.3) parts.push('changes together with the best matches');
  return parts.join('; ');
}
