// Leave-one-repository-out must never let a repository's own cases into the fit that scores it, the bootstrap interval
// must bracket the mean and be reproducible, and the logistic fit must separate what the features separate.
import { describe, expect, it } from 'vitest';
import { bootstrapMean, byRepo, leaveOneRepoOut, logistic, seeded, type Row } from '../bench/eval/folds.js';

describe('leaveOneRepoOut', () => {
  const items = [
    { repo: 'b/two', value: 2 },
    { repo: 'a/one', value: 1 },
    { repo: 'b/two', value: 4 },
    { repo: 'c/three', value: 9 },
  ];

  it('fits each repository on the others only, and scores it on its own items', () => {
    const seen: string[][] = [];
    const out = leaveOneRepoOut(
      items,
      (train) => {
        seen.push(train.map((item) => item.repo));
        return train.reduce((sum, item) => sum + item.value, 0) / train.length;
      },
      (model, test) => test.reduce((sum, item) => sum + Math.abs(item.value - model), 0) / test.length,
    );
    expect([...out.keys()]).toEqual(['a/one', 'b/two', 'c/three']);
    expect(seen).toEqual([
      ['b/two', 'b/two', 'c/three'],
      ['a/one', 'c/three'],
      ['b/two', 'a/one', 'b/two'],
    ]);
    // a/one: model = (2 + 4 + 9) / 3 = 5, |1 - 5| = 4; b/two: model = 5, (3 + 1) / 2 = 2; c/three: model = 7 / 3.
    expect(out.get('a/one')).toBe(4);
    expect(out.get('b/two')).toBe(2);
    expect(out.get('c/three')).toBeCloseTo(9 - 7 / 3, 10);
  });

  it('groups by repository in name order', () => {
    expect([...byRepo(items).entries()].map(([repo, list]) => [repo, list.length])).toEqual([
      ['a/one', 1],
      ['b/two', 2],
      ['c/three', 1],
    ]);
  });
});

describe('bootstrapMean', () => {
  it('gives the plain mean and an interval around it, the same on every run', () => {
    const values = [0.2, 0.4, 0.5, 0.9, 0.7, 0.3, 0.6, 0.8];
    const first = bootstrapMean(values);
    expect(first.mean).toBeCloseTo(0.55, 10);
    expect(first.low).toBeLessThan(first.mean);
    expect(first.high).toBeGreaterThan(first.mean);
    expect(first.low).toBeGreaterThanOrEqual(0.2);
    expect(first.high).toBeLessThanOrEqual(0.9);
    expect(bootstrapMean(values)).toEqual(first);
    // Every resampled mean is a mean of eight of the values: the bounds are multiples of 1/80 here.
    expect(Math.round(first.low * 80)).toBeCloseTo(first.low * 80, 8);
  });

  it('has no width when every repository scores the same', () => {
    expect(bootstrapMean([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, low: 0.5, high: 0.5 });
  });

  it('draws uniformly from its seeded generator', () => {
    const random = seeded(3);
    const draws = Array.from({ length: 10000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((sum, value) => sum + value, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

describe('logistic', () => {
  it('weighs the feature that tells the classes apart, not the one that does not', () => {
    const rows: Row[] = [];
    const random = seeded(11);
    for (let i = 0; i < 400; i++) {
      const y = i % 2 === 0 ? 1 : 0;
      const signal = y === 1 ? 0.6 + 0.4 * random() : 0.4 * random();
      rows.push({ x: [signal, random()], y, w: 1 });
    }
    const [signal = 0, noise = 0, bias = 0] = logistic(rows);
    expect(signal).toBeGreaterThan(3);
    expect(Math.abs(noise)).toBeLessThan(1);
    expect(bias).toBeLessThan(0);
  });
});
