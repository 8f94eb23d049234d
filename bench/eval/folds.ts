// Leave-one-repository-out: every weight and threshold is fitted on the other repositories and scored on the one left
// out; a bootstrap over repositories gives the interval of the mean. What generalises to a repository never seen.
import { FILE_FEATURES, type FileModel } from '../../src/context/candidates.js';
import { RULE_FEATURES } from '../../src/assistants/match/features.js';
import type { RuleModel } from '../../src/assistants/match/score.js';
import { chosenRules, rankedFiles, type CaseRecord } from './records.js';
import { fileScores, setScores } from './metrics.js';

/** Groups items by repository, repositories in name order. */
export function byRepo<T extends { repo: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => (a.repo < b.repo ? -1 : a.repo > b.repo ? 1 : 0))) {
    out.set(item.repo, [...(out.get(item.repo) ?? []), item]);
  }
  return out;
}

/**
 * For each repository, the value `score` gives its items under what `fit` learned from every other repository's
 * items. A repository is scored only on what was fitted without it.
 */
export function leaveOneRepoOut<T extends { repo: string }, M>(
  items: readonly T[],
  fit: (train: readonly T[]) => M,
  score: (model: M, test: readonly T[]) => number,
): Map<string, number> {
  const groups = byRepo(items);
  const out = new Map<string, number>();
  for (const [repo, test] of groups) {
    const train = items.filter((item) => item.repo !== repo);
    out.set(repo, score(fit(train), test));
  }
  return out;
}

/** A seeded generator (mulberry32): the same interval on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The mean of `values` and the percentile bootstrap 95 % interval of that mean (resampling the values). */
export function bootstrapMean(
  values: readonly number[],
  rounds = 2000,
  seed = 1,
): { mean: number; low: number; high: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN };
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const random = seeded(seed);
  const means: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)] ?? 0;
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  const at = (q: number): number => means[Math.min(rounds - 1, Math.max(0, Math.floor(q * rounds)))] ?? mean;
  return { mean, low: at(0.025), high: at(0.975) };
}

/** One training row: features, label, weight. */
export interface Row {
  x: readonly number[];
  y: 0 | 1;
  w: number;
}

/**
 * Weighted L2-regularised logistic regression by Newton's method (the bias is the last weight, not regularised).
 * Returns the weights, bias last.
 */
export function logistic(rows: readonly Row[], lambda = 1e-3, iterations = 25): number[] {
  const d = (rows[0]?.x.length ?? 0) + 1;
  const beta = new Array<number>(d).fill(0);
  const total = rows.reduce((sum, row) => sum + row.w, 0) || 1;
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const row of rows) {
      const x = [...row.x, 1];
      const z = x.reduce((sum, value, j) => sum + value * (beta[j] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      const w = row.w / total;
      for (let j = 0; j < d; j++) {
        gradient[j] = (gradient[j] ?? 0) + w * ((p - row.y) * (x[j] ?? 0));
        const hj = hessian[j] ?? [];
        for (let l = 0; l <= j; l++) hj[l] = (hj[l] ?? 0) + w * p * (1 - p) * (x[j] ?? 0) * (x[l] ?? 0);
      }
    }
    for (let j = 0; j < d; j++) {
      for (let l = 0; l < j; l++) (hessian[l] ?? [])[j] = hessian[j]?.[l] ?? 0;
      if (j < d - 1) {
        gradient[j] = (gradient[j] ?? 0) + lambda * (beta[j] ?? 0);
        (hessian[j] ?? [])[j] = (hessian[j]?.[j] ?? 0) + lambda;
      } else (hessian[j] ?? [])[j] = (hessian[j]?.[j] ?? 0) + 1e-9;
    }
    const step = solve(hessian, gradient);
    let change = 0;
    for (let j = 0; j < d; j++) {
      beta[j] = (beta[j] ?? 0) - (step[j] ?? 0);
      change = Math.max(change, Math.abs(step[j] ?? 0));
    }
    if (change < 1e-6) break;
  }
  return beta;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and regularised). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(m[row]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = row;
    [m[col], m[pivot]] = [m[pivot] ?? [], m[col] ?? []];
    const head = m[col] ?? [];
    const p = head[col] ?? 0;
    if (Math.abs(p) < 1e-12) continue;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const r = m[row] ?? [];
      const f = (r[col] ?? 0) / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) r[c] = (r[c] ?? 0) - f * (head[c] ?? 0);
    }
  }
  return m.map((row, i) => (Math.abs(row[i] ?? 0) < 1e-12 ? 0 : (row[n] ?? 0) / (row[i] ?? 1)));
}

/** Each case weighs 1 / (its repository's cases): every repository counts the same, as in the means reported. */
function caseWeights(records: readonly CaseRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.repo, (counts.get(record.repo) ?? 0) + 1);
  return new Map(records.map((record) => [record.id, 1 / (counts.get(record.repo) ?? 1)]));
}

function meanOverRepos(records: readonly CaseRecord[], value: (record: CaseRecord) => number): number {
  const groups = byRepo(records);
  let sum = 0;
  for (const list of groups.values()) sum += list.reduce((s, record) => s + value(record), 0) / list.length;
  return groups.size === 0 ? 0 : sum / groups.size;
}

/** Which features a fit may use (the others get weight 0): how a signal is measured by leaving it out. */
export type FeatureFilter = (name: string) => boolean;

/**
 * Rule features the shipped fit leaves out because leave-one-repository-out was better without them on the dev
 * manifest (--signals, 66 cases, 9 repositories with cited rules): the rule's own text (+0.02 without), name and title
 * coverage (+0.01), instruction files (+0.02), skill reference pages (±0.00); then, with those out, the assistant's
 * own copy (+0.01; it was -0.04 with all features in). Measure again with --signals when a signal changes.
 */
export const DROPPED_RULE_FEATURES: readonly string[] = [
  'ownTool',
  'otherCopy',
  'textCover',
  'nameCover',
  'instructions',
  'reference',
  'skillPrior',
];
const KEPT_RULES: FeatureFilter = (name) => !DROPPED_RULE_FEATURES.includes(name);
const ALL: FeatureFilter = () => true;

/** The precision the applies verdict keeps on the training repositories. */
const APPLIES_PRECISION = 0.9;

const THRESHOLDS = Array.from({ length: 49 }, (_, i) => 0.02 + i * 0.02);

/** Fits the rule model on `train`: logistic weights, then the likely and applies thresholds that maximise mean F1. */
export function fitRules(train: readonly CaseRecord[], use: FeatureFilter = KEPT_RULES): RuleModel {
  const cases = train.filter((record) => record.truthRules.length > 0);
  const names = RULE_FEATURES.filter(use);
  const weights = caseWeights(cases);
  const rows: Row[] = cases.flatMap((record) => {
    const truth = new Set(record.truthRules);
    const w = (weights.get(record.id) ?? 1) / Math.max(1, record.rules.length);
    return record.rules.map((rule) => ({
      x: names.map((name) => rule.features[name]),
      y: truth.has(rule.path) ? (1 as const) : (0 as const),
      w,
    }));
  });
  const beta = logistic(rows);
  const all = Object.fromEntries(RULE_FEATURES.map((name) => [name, 0])) as Record<
    (typeof RULE_FEATURES)[number],
    number
  >;
  names.forEach((name, j) => (all[name] = beta[j] ?? 0));
  const base: RuleModel = { bias: beta[names.length] ?? 0, weights: all, applies: 1.01, likely: 0.5 };
  const f1 = (model: RuleModel, which: 'applies' | 'likely'): number =>
    meanOverRepos(cases, (record) => setScores(chosenRules(record, model)[which], record.truthRules).f1);
  let likely = 0.5;
  let bestLikely = -1;
  for (const t of THRESHOLDS) {
    const value = f1({ ...base, likely: t }, 'likely');
    if (value > bestLikely + 1e-9) [likely, bestLikely] = [t, value];
  }
  // `applies` is a promise: the lowest threshold at which what the score alone promotes is cited nine times in ten
  // (mean precision over the training repositories), else none.
  const precision = (model: RuleModel): number =>
    meanOverRepos(
      cases,
      (record) => setScores(chosenRules(record, model).applies, record.truthRules).precision,
    );
  const applies =
    THRESHOLDS.filter((t) => t >= likely).find(
      (t) => precision({ ...base, likely, applies: t }) >= APPLIES_PRECISION,
    ) ?? 1.01;
  return { ...base, likely, applies };
}

/** Fits the file model on `train`: logistic weights over the candidates, positives the listed files. */
export function fitFiles(train: readonly CaseRecord[], use: FeatureFilter = ALL): FileModel {
  const cases = train.filter((record) => record.truthFiles.length > 0);
  const names = FILE_FEATURES.filter(use);
  const weights = caseWeights(cases);
  const rows: Row[] = cases.flatMap((record) => {
    const truth = new Set(record.truthFiles);
    const positives = record.files.filter((file) => truth.has(file.path)).length;
    const negatives = record.files.length - positives;
    const w = weights.get(record.id) ?? 1;
    // Within a case, listed and other candidates weigh the same in total: the ranking is what counts.
    return record.files.map((file) => {
      const y = truth.has(file.path) ? (1 as const) : (0 as const);
      return {
        x: names.map((name) => file.features[name]),
        y,
        w: w / 2 / Math.max(1, y === 1 ? positives : negatives),
      };
    });
  });
  const fitted = logistic(rows).slice(0, names.length);
  const model = (weights: readonly number[]): FileModel => {
    const all = Object.fromEntries(FILE_FEATURES.map((name) => [name, 0])) as Record<
      (typeof FILE_FEATURES)[number],
      number
    >;
    names.forEach((name, j) => (all[name] = weights[j] ?? 0));
    return { weights: all };
  };
  if (process.env.TECHSPEC_EVAL_ASCEND === 'lr') return model(fitted);
  // Pointwise likelihood is not recall at 10: the weights climb recall@10 itself, from the index's ranking alone.
  const start = names.map((name) => (name === 'base' ? 1 : 0));
  return model(ascend(start, (weights) => filesRecall(model(weights), cases)));
}

/** Mean over the records' repositories of files recall@10 under a model. */
export function filesRecall(model: FileModel, records: readonly CaseRecord[]): number {
  return meanOverRepos(
    records.filter((record) => record.truthFiles.length > 0),
    (record) => fileScores(rankedFiles(record, model, 10), record.truthFiles).r10,
  );
}

/** Mean over the records' repositories of rules F1 (applies + likely) under a model. */
export function rulesF1(model: RuleModel, records: readonly CaseRecord[]): number {
  return meanOverRepos(
    records.filter((record) => record.truthRules.length > 0),
    (record) => setScores(chosenRules(record, model).likely, record.truthRules).f1,
  );
}

/** Steps tried on one weight, as multiples of the weight's scale, in coordinate ascent. */
const STEPS = [-1, -0.5, -0.25, 0.25, 0.5, 1];

/**
 * Coordinate ascent on a measure: each weight in turn moves by the step that raises `measure` most (ties keep it), for
 * a few sweeps. Starts from `start` (the logistic fit), so that it only refines what the likelihood found.
 */
export function ascend(
  start: readonly number[],
  measure: (weights: readonly number[]) => number,
  sweeps = 3,
): number[] {
  const weights = [...start];
  let best = measure(weights);
  const scale = Math.max(0.5, ...weights.map((w) => Math.abs(w))) / 2;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let moved = false;
    for (let j = 0; j < weights.length; j++) {
      const base = weights[j] ?? 0;
      let pick = base;
      for (const step of STEPS) {
        weights[j] = base + step * scale;
        const value = measure(weights);
        if (value > best + 1e-6) [best, pick, moved] = [value, weights[j] ?? base, true];
      }
      weights[j] = pick;
    }
    if (!moved) break;
  }
  return weights;
}
