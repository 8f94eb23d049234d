// Scores of one ranked list or one chosen set against the listed truth, and their means over cases and repositories.

// Type literals, not interfaces: they must fit `Numbers`, which needs an implicit index signature.
export type FileScores = {
  r5: number;
  r10: number;
  r20: number;
  mrr: number;
};

export type SetScores = {
  precision: number;
  recall: number;
  f1: number;
};

/** Recall at 5, 10 and 20 and the reciprocal rank of the first listed file; `truth` must not be empty. */
export function fileScores(ranked: readonly string[], truth: readonly string[]): FileScores {
  const wanted = new Set(truth);
  const recallAt = (k: number): number =>
    ranked.slice(0, k).filter((file) => wanted.has(file)).length / wanted.size;
  const first = ranked.findIndex((file) => wanted.has(file));
  return { r5: recallAt(5), r10: recallAt(10), r20: recallAt(20), mrr: first < 0 ? 0 : 1 / (first + 1) };
}

/** Precision, recall and F1 of a chosen set; an empty choice has precision 0. `truth` must not be empty. */
export function setScores(chosen: readonly string[], truth: readonly string[]): SetScores {
  const picked = new Set(chosen);
  const wanted = new Set(truth);
  const hits = [...picked].filter((item) => wanted.has(item)).length;
  const precision = picked.size === 0 ? 0 : hits / picked.size;
  const recall = hits / wanted.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export type Numbers = Readonly<Record<string, number>>;

/** The mean of each key over `rows` (every row has the same keys); undefined when there are no rows. */
export function meanOf<T extends Numbers>(rows: readonly T[]): T | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const key of Object.keys(first)) {
    out[key] = rows.reduce((sum, row) => sum + (row[key] ?? 0), 0) / rows.length;
  }
  return out as T;
}

/** The mean per repository first, then the mean of those: each repository weighs the same, however many cases. */
export function meanOverRepos<T extends Numbers>(
  rows: readonly { repo: string; scores: T }[],
): { mean: T | undefined; perRepo: Map<string, { cases: number; mean: T }> } {
  const byRepo = new Map<string, T[]>();
  for (const { repo, scores } of rows) byRepo.set(repo, [...(byRepo.get(repo) ?? []), scores]);
  const perRepo = new Map<string, { cases: number; mean: T }>();
  for (const [repo, list] of [...byRepo].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const mean = meanOf(list);
    if (mean) perRepo.set(repo, { cases: list.length, mean });
  }
  return { mean: meanOf([...perRepo.values()].map((entry) => entry.mean)), perRepo };
}

/**
 * Recall of `truth` among `ranked` where a listed folder (`dir/`, `dir/*`, `dir/**`) is found by any ranked file inside
 * it: what the authors meant by listing a folder. Reported beside recall, never instead of it.
 */
export function folderRecall(ranked: readonly string[], truth: readonly string[]): number {
  const wanted = [...new Set(truth)];
  const hits = wanted.filter((entry) => {
    const star = entry.indexOf('*');
    const stem = (star < 0 ? entry : entry.slice(0, star)).replace(/\/+$/, '');
    return ranked.some((file) => file === entry || (stem !== '' && file.startsWith(`${stem}/`)));
  }).length;
  return wanted.length === 0 ? 0 : hits / wanted.length;
}
