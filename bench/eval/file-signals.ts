// File signals measured without a fitted model: each one re-ranks the kept candidates with one knob (a factor, a weight,
// a fusion constant), the knob chosen on the other repositories (leave-one-repository-out). What a signal adds to the
// index's ranking, and nothing a linear fit could hide.
import { isTestFile } from '../../src/code/classify.js';
import {
  DEFAULT_FILE_MODEL,
  scoreFiles,
  type FileCandidate,
  type FileFeature,
} from '../../src/context/candidates.js';
import { bootstrapMean, byRepo } from './folds.js';
import { fileScores, folderRecall } from './metrics.js';
import type { CaseRecord } from './records.js';

/** One signal as a re-ranking with one knob; `grid[0]` is the index's ranking unchanged. */
export interface Reranker {
  name: string;
  grid: readonly number[];
  /** The candidates' paths best first under knob value `knob`. */
  rank(record: CaseRecord, knob: number): string[];
}

/** The candidates in the index's order (the shipped model), best first. */
export function indexOrder(record: CaseRecord): FileCandidate[] {
  const order = scoreFiles(record.files, DEFAULT_FILE_MODEL, record.files.length).map((file) => file.path);
  const byPath = new Map(record.files.map((file) => [file.path, file]));
  return order.flatMap((file) => byPath.get(file) ?? []);
}

/** Candidates re-scored by `score`, ties by the index's order. */
function reScored(record: CaseRecord, score: (file: FileCandidate, at: number) => number): string[] {
  return indexOrder(record)
    .map((file, at) => ({ file, at, score: Math.round(score(file, at) * 1e4) / 1e4 }))
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .map(({ file }) => file.path);
}

const dirOf = (file: string): string => file.slice(0, Math.max(0, file.lastIndexOf('/')));

/** The index's score plus `weight` × one feature. */
function additive(name: string, feature: FileFeature): Reranker {
  return {
    name,
    grid: [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5],
    rank: (record, weight) =>
      reScored(record, (file) => file.features.base + weight * file.features[feature]),
  };
}

/** Reciprocal-rank fusion of the index's order with the order of one feature: Σ 1 / (k + rank); grid[0] is none. */
function fusion(name: string, feature: FileFeature): Reranker {
  return {
    name,
    grid: [0, 5, 10, 20, 40, 60, 100, 1000],
    rank: (record, k) => {
      if (k === 0) return indexOrder(record).map((file) => file.path);
      const other = new Map(
        [...record.files]
          .filter((file) => file.features[feature] > 0)
          .sort((a, b) => b.features[feature] - a.features[feature] || (a.path < b.path ? -1 : 1))
          .map((file, at) => [file.path, at]),
      );
      return reScored(record, (file, at) => {
        const second = other.get(file.path);
        return (
          100 *
          ((file.features.base > 0 ? 1 / (k + at + 1) : 0) +
            (second === undefined ? 0 : 1 / (k + second + 1)))
        );
      });
    },
  };
}

/**
 * How many earlier specs list each candidate: its share of them times their number, that number read as the inverse of
 * the smallest share (a file listed by one spec).
 */
function priorCounts(record: CaseRecord): Map<string, number> {
  const shares = record.files.map((file) => file.features.priorShare).filter((share) => share > 0);
  const specs = shares.length === 0 ? 0 : Math.round(1 / Math.min(...shares));
  return new Map(record.files.map((file) => [file.path, Math.round(file.features.priorShare * specs)]));
}

export const RERANKERS: readonly Reranker[] = [
  {
    name: 'test files scaled down',
    grid: [1, 0.8, 0.7, 0.5, 0.3],
    rank: (record, factor) =>
      reScored(record, (file) => file.features.base * (isTestFile(file.path) ? factor : 1)),
  },
  {
    name: 'one folder, fewer places (diversity)',
    grid: [1, 0.9, 0.8, 0.7, 0.6, 0.5],
    rank: (record, factor) => {
      // Greedy: each pick scales the rest of its folder by `factor`.
      const pool = indexOrder(record).map((file) => ({ path: file.path, score: file.features.base }));
      const placed = new Map<string, number>();
      const out: string[] = [];
      while (pool.length > 0) {
        let pick = 0;
        let best = -Infinity;
        pool.forEach((file, i) => {
          const score = file.score * factor ** (placed.get(dirOf(file.path)) ?? 0);
          if (score > best + 1e-9) [pick, best] = [i, score];
        });
        const [chosen] = pool.splice(pick, 1);
        if (!chosen) break;
        out.push(chosen.path);
        placed.set(dirOf(chosen.path), (placed.get(dirOf(chosen.path)) ?? 0) + 1);
      }
      return out;
    },
  },
  {
    name: 'siblings of the best three',
    grid: [0, 0.05, 0.1, 0.2, 0.3, -0.05, -0.1],
    rank: (record, weight) => {
      const folders = new Set(
        indexOrder(record)
          .slice(0, 3)
          .map((file) => dirOf(file.path)),
      );
      return reScored(record, (file) => file.features.base + (folders.has(dirOf(file.path)) ? weight : 0));
    },
  },
  additive('history: commit messages (added)', 'messages'),
  additive('history: co-change (added)', 'cochange'),
  additive('history: recency (added)', 'recency'),
  additive('earlier specs: by similarity (added)', 'priorWeighted'),
  additive('earlier specs: share (added)', 'priorShare'),
  fusion('history: commit messages (fused)', 'messages'),
  fusion('history: co-change (fused)', 'cochange'),
  fusion('earlier specs: by similarity (fused)', 'priorWeighted'),
  ...[2, 3, 4].map((least): Reranker => ({
    name: `earlier specs: core set (listed by ≥ ${least})`,
    grid: [0, 0.05, 0.1, 0.2, 0.3, 0.5, 1],
    rank: (record, weight) => {
      const counts = priorCounts(record);
      return reScored(
        record,
        (file) => file.features.base + ((counts.get(file.path) ?? 0) >= least ? weight : 0),
      );
    },
  })),
];

/** Mean over repositories of a per-case value. */
function repoMeans<T extends { repo: string }>(
  items: readonly T[],
  value: (item: T) => number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [repo, list] of byRepo(items))
    out.set(repo, list.reduce((sum, item) => sum + value(item), 0) / list.length);
  return out;
}

function meanOf(values: Iterable<number>): number {
  const list = [...values];
  return list.length === 0 ? Number.NaN : list.reduce((sum, value) => sum + value, 0) / list.length;
}

/**
 * For each repository, the value of its items under the knob that is best on every other repository (mean over those
 * repositories; ties keep the earlier knob, so grid[0] wins a tie).
 */
export function looKnob<T extends { repo: string }>(
  items: readonly T[],
  grid: readonly number[],
  value: (item: T, knob: number) => number,
): { perRepo: Map<string, number>; picks: Map<string, number>; dev: number[] } {
  const tables = grid.map((knob) => repoMeans(items, (item) => value(item, knob)));
  const perRepo = new Map<string, number>();
  const picks = new Map<string, number>();
  for (const repo of byRepo(items).keys()) {
    let pick = 0;
    let best = -Infinity;
    tables.forEach((table, i) => {
      const others = meanOf([...table].filter(([other]) => other !== repo).map(([, v]) => v));
      if (others > best + 1e-9) [pick, best] = [i, others];
    });
    perRepo.set(repo, tables[pick]?.get(repo) ?? 0);
    picks.set(repo, grid[pick] ?? 0);
  }
  return { perRepo, picks, dev: tables.map((table) => meanOf(table.values())) };
}

export interface SignalResult {
  name: string;
  /** Mean over repositories with each knob (dev, in-sample), in grid order. */
  dev: number[];
  loo: { mean: number; low: number; high: number };
  perRepo: Record<string, number>;
  /** LOO mean minus the index ranking's mean. */
  change: number;
}

/** Each re-ranker's leave-one-out recall@10 beside the index ranking's; and recall@10 with listed folders matched. */
export function fileSignals(records: readonly CaseRecord[]): {
  index: { mean: number; low: number; high: number; perRepo: Record<string, number> };
  folders: { mean: number; perRepo: Record<string, number> };
  signals: SignalResult[];
} {
  const cases = records.filter((record) => record.truthFiles.length > 0);
  const recall = (ranked: readonly string[], record: CaseRecord): number =>
    fileScores(ranked.slice(0, 10), record.truthFiles).r10;
  const plain = repoMeans(cases, (record) =>
    recall(
      indexOrder(record).map((file) => file.path),
      record,
    ),
  );
  const folders = repoMeans(cases, (record) =>
    folderRecall(
      indexOrder(record)
        .slice(0, 10)
        .map((file) => file.path),
      record.truthFiles,
    ),
  );
  const base = meanOf(plain.values());
  const signals = RERANKERS.map((reranker): SignalResult => {
    const { perRepo, dev } = looKnob(cases, reranker.grid, (record, knob) =>
      recall(reranker.rank(record, knob), record),
    );
    const loo = bootstrapMean([...perRepo.values()]);
    return { name: reranker.name, dev, loo, perRepo: Object.fromEntries(perRepo), change: loo.mean - base };
  });
  return {
    index: { ...bootstrapMean([...plain.values()]), perRepo: Object.fromEntries(plain) },
    folders: { mean: meanOf(folders.values()), perRepo: Object.fromEntries(folders) },
    signals,
  };
}
