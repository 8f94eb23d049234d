import { describe, expect, it } from 'vitest';
import {
  flaggedText,
  formatScores,
  hashText,
  matchLabels,
  parseLabels,
  scoreRules,
  subjectOf,
  type EvalFinding,
  type Label,
} from '../bench/eval/lint-score.js';

function finding(over: Partial<EvalFinding>): EvalFinding {
  return {
    spec: 's1',
    rule: 'r1',
    messageId: 'm1',
    line: 10,
    hash: hashText('tok'),
    token: 'tok',
    message: 'Unexpected tok, expected other',
    severity: 'error',
    ...over,
  };
}

function label(over: Partial<Label>): Label {
  return {
    spec: 's1',
    rule: 'r1',
    line: 10,
    messageId: 'm1',
    hash: hashText('tok'),
    verdict: 'true',
    reason: 'r',
    ...over,
  };
}

describe('flaggedText', () => {
  const lines = ['# Title', 'Use `http_requests` here', '   indented    text  '];
  it('takes a one-line span', () => {
    expect(flaggedText(lines, { line: 2, column: 6, endLine: 2, endColumn: 19 })).toBe('http_requests');
  });
  it('takes the rest of the line for an empty or multi-line span, whitespace collapsed', () => {
    expect(flaggedText(lines, { line: 3, column: 1, endLine: 3, endColumn: 1 })).toBe('indented text');
    expect(flaggedText(lines, { line: 1, column: 3, endLine: 4, endColumn: 1 })).toBe('Title');
  });
  it('takes the subject of the message for a finding with no precise span', () => {
    expect(flaggedText(lines, { line: 1, column: 1, endLine: 1, endColumn: 1 }, 'Known Risks')).toBe(
      'Known Risks',
    );
    expect(flaggedText(lines, { line: 1, column: 1, endLine: 1, endColumn: 8 }, 'Known Risks')).toBe(
      'Known Risks',
    );
    expect(flaggedText(lines, { line: 2, column: 6, endLine: 2, endColumn: 19 }, 'other')).toBe(
      'http_requests',
    );
  });
  it('gives the same hash when only the indentation changed', () => {
    const moved = ['', '', '      indented text'];
    expect(hashText(flaggedText(moved, { line: 3, column: 1, endLine: 3, endColumn: 1 }))).toBe(
      hashText(flaggedText(lines, { line: 3, column: 1, endLine: 3, endColumn: 1 })),
    );
  });
});

describe('matchLabels', () => {
  it('matches a finding whose line moved, on spec, rule, message id and hash', () => {
    const result = matchLabels([finding({ line: 17 })], [label({ line: 10 })]);
    expect(result.matched).toHaveLength(1);
    expect(result.unlabelled).toEqual([]);
    expect(result.disappeared).toEqual([]);
  });
  it('does not match on the line alone', () => {
    const result = matchLabels([finding({ hash: hashText('other') })], [label({})]);
    expect(result.matched).toEqual([]);
    expect(result.unlabelled).toHaveLength(1);
    expect(result.disappeared).toHaveLength(1);
  });
  it('pairs the same token flagged twice with the nearest labels', () => {
    const labels = [label({ line: 10, verdict: 'true' }), label({ line: 50, verdict: 'false' })];
    const result = matchLabels([finding({ line: 52 }), finding({ line: 12 })], labels);
    expect(result.matched.map((m) => [m.finding.line, m.label.verdict])).toEqual([
      [52, 'false'],
      [12, 'true'],
    ]);
  });
});

describe('scoreRules', () => {
  it('counts precision without debatable, the debatable share apart, unlabelled and missed per rule', () => {
    const findings = [
      finding({ line: 1, hash: 'a' }),
      finding({ line: 2, hash: 'b' }),
      finding({ line: 3, hash: 'c' }),
      finding({ line: 4, hash: 'd' }),
      finding({ line: 5, hash: 'e', rule: 'r2' }),
    ];
    const labels = [
      label({ hash: 'a', verdict: 'true' }),
      label({ hash: 'b', verdict: 'true' }),
      label({ hash: 'c', verdict: 'false' }),
      label({ hash: 'd', verdict: 'debatable' }),
    ];
    const missed = [
      { spec: 's1', rule: 'r2', line: 9, verdict: 'missed' as const, reason: 'x' },
      // A finding of r2 now sits on this line: the gap is closed.
      { spec: 's1', rule: 'r2', line: 5, verdict: 'missed' as const, reason: 'y' },
    ];
    const rows = scoreRules(matchLabels(findings, labels), missed);
    expect(rows.map((r) => r.rule)).toEqual(['r1', 'r2', 'all']);
    const [r1, r2, all] = rows;
    expect(r1).toMatchObject({ findings: 4, true: 2, false: 1, debatable: 1, unlabelled: 0 });
    expect(r1?.precision).toBeCloseTo(2 / 3);
    expect(r1?.debatableShare).toBeCloseTo(1 / 4);
    expect(r2).toMatchObject({ findings: 1, unlabelled: 1, missed: 1, caught: 1, precision: undefined });
    expect(all).toMatchObject({
      findings: 5,
      true: 2,
      false: 1,
      debatable: 1,
      unlabelled: 1,
      missed: 1,
      caught: 1,
    });
    expect(formatScores(rows)).toContain('| r1 | 4 | 2 | 1 | 1 | 0 | 66.7 % | 25.0 % | 0 | 0 |');
    expect(formatScores(rows)).toContain('| r2 | 1 | 0 | 0 | 0 | 1 | – | – | 1 | 1 |');
  });
});

describe('parseLabels', () => {
  it('reads labels and missed lines', () => {
    const text = [
      JSON.stringify(label({})),
      '',
      JSON.stringify({ spec: 's1', rule: 'r2', line: 3, verdict: 'missed', reason: 'no finding' }),
    ].join('\n');
    const { labels, missed } = parseLabels(text);
    expect(labels).toHaveLength(1);
    expect(missed).toHaveLength(1);
  });
  it('names the line and key of a malformed label', () => {
    expect(() => parseLabels(`${JSON.stringify(label({}))}\n{"spec":"s"}`, 'l.jsonl')).toThrow(
      'l.jsonl:2: key "rule" must be a string',
    );
    expect(() => parseLabels(JSON.stringify(label({ verdict: 'maybe' as never })), 'l.jsonl')).toThrow(
      'l.jsonl:1: verdict "maybe", expected true, false, debatable or missed',
    );
  });
});

describe('matchLabels subjects', () => {
  it('pairs findings of one key by their subject before their line', () => {
    const labels = [
      label({ subject: 'Build Order', verdict: 'false' }),
      label({ subject: 'Known Risks', verdict: 'true' }),
    ];
    const result = matchLabels(
      [finding({ subject: 'Known Risks' }), finding({ subject: 'Build Order' })],
      labels,
    );
    expect(result.matched.map((m) => [m.finding.subject, m.label.verdict])).toEqual([
      ['Known Risks', 'true'],
      ['Build Order', 'false'],
    ]);
  });
  it('takes the first code span of a message as its subject', () => {
    expect(subjectOf('Missing section `Known Risks`, expected it')).toBe('Known Risks');
    expect(subjectOf('No span here')).toBeUndefined();
  });
});
