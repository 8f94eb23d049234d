// The one-knob file signals: a repository's knob is chosen on the others only, ties keep the index's order, a listed
// folder is found by a file inside it, and each re-ranking moves what it claims to move.
import { describe, expect, it } from 'vitest';
import { FILE_FEATURES, type FileCandidate, type FileFeatures } from '../src/context/candidates.js';
import { RERANKERS, indexOrder, looKnob } from '../bench/eval/file-signals.js';
import { folderRecall } from '../bench/eval/metrics.js';
import { RECORD_VERSION, type CaseRecord } from '../bench/eval/records.js';

function candidate(path: string, base: number, more: Partial<FileFeatures> = {}): FileCandidate {
  const features = Object.fromEntries(FILE_FEATURES.map((name) => [name, 0])) as FileFeatures;
  return { path, reason: '', features: { ...features, base, baseRank: base, ...more } };
}

function record(files: FileCandidate[], truthFiles: string[]): CaseRecord {
  return {
    version: RECORD_VERSION,
    id: 'case',
    repo: 'a/one',
    tier: '',
    from: 'prd',
    truthFiles,
    truthRules: [],
    undiscoveredRules: [],
    missingBlobs: 0,
    problems: [],
    reach: 1,
    files,
    rules: [],
    baselines: { bm25: [], grep: [], bm25Rules: [] },
  };
}

const reranker = (name: string) => {
  const found = RERANKERS.find((item) => item.name === name);
  if (!found) throw new Error(`no re-ranker ${name}`);
  return found;
};

describe('looKnob', () => {
  it('scores each repository under the knob best on the others, never under its own best', () => {
    // Repository a/one is best at knob 1; the two others are best at knob 0.
    const items = [
      { repo: 'a/one', values: [0.1, 0.9] },
      { repo: 'b/two', values: [0.6, 0.5] },
      { repo: 'c/three', values: [0.7, 0.6] },
    ];
    const { perRepo, picks, dev } = looKnob(items, [0, 1], (item, knob) => item.values[knob] ?? 0);
    expect(picks.get('a/one')).toBe(0);
    expect(perRepo.get('a/one')).toBe(0.1);
    // b/two is scored on a/one and c/three: knob 1 (0.9 + 0.6) beats knob 0 (0.1 + 0.7).
    expect(picks.get('b/two')).toBe(1);
    expect(perRepo.get('b/two')).toBe(0.5);
    expect(dev[0]).toBeCloseTo((0.1 + 0.6 + 0.7) / 3, 10);
  });

  it('keeps the first knob on a tie', () => {
    const items = [
      { repo: 'a/one', values: [0.5, 0.5] },
      { repo: 'b/two', values: [0.5, 0.5] },
    ];
    expect([...looKnob(items, [0, 1], (item, knob) => item.values[knob] ?? 0).picks.values()]).toEqual([
      0, 0,
    ]);
  });
});

describe('folderRecall', () => {
  it('finds a listed folder by a file inside it, and a file only by itself', () => {
    const ranked = ['internal/outbox/outbox.go', 'cmd/main.go'];
    expect(folderRecall(ranked, ['internal/outbox/*', 'configs/', 'cmd/main.go', 'cmd/main'])).toBe(0.5);
    expect(folderRecall(ranked, ['internal/outbox/**/*.go'])).toBe(1);
    expect(folderRecall(ranked, ['internal/out'])).toBe(0);
  });
});

describe('re-rankers', () => {
  const files = [
    candidate('src/a.ts', 1),
    candidate('src/a.test.ts', 0.9),
    candidate('src/b.ts', 0.8),
    candidate('lib/c.ts', 0.7, { messages: 1, priorShare: 0.5, priorWeighted: 1 }),
    candidate('lib/d.ts', 0.6, { priorShare: 0.25 }),
  ];
  const one = record(files, ['src/b.ts']);

  it('start from the index order at their first knob', () => {
    const order = indexOrder(one).map((file) => file.path);
    expect(order).toEqual(['src/a.ts', 'src/a.test.ts', 'src/b.ts', 'lib/c.ts', 'lib/d.ts']);
    for (const item of RERANKERS) expect(item.rank(one, item.grid[0] ?? 0)).toEqual(order);
  });

  it('scale test files down', () => {
    expect(reranker('test files scaled down').rank(one, 0.5).slice(0, 3)).toEqual([
      'src/a.ts',
      'src/b.ts',
      'lib/c.ts',
    ]);
  });

  it('spread picks over folders', () => {
    expect(reranker('one folder, fewer places (diversity)').rank(one, 0.5).slice(0, 2)).toEqual([
      'src/a.ts',
      'lib/c.ts',
    ]);
  });

  it('add, or fuse, the history and the earlier specs', () => {
    expect(reranker('history: commit messages (added)').rank(one, 0.5)[0]).toBe('lib/c.ts');
    expect(reranker('earlier specs: by similarity (fused)').rank(one, 5)[0]).toBe('lib/c.ts');
  });

  it('lift the files most earlier specs list (their count read from the share)', () => {
    // Shares 0.5 and 0.25: four specs, c listed by two, d by one.
    const core = reranker('earlier specs: core set (listed by ≥ 2)').rank(one, 1);
    expect(core[0]).toBe('lib/c.ts');
    expect(core.indexOf('lib/d.ts')).toBe(4);
  });
});
