// Prints the evaluation: a table per case, the means over cases and over repositories, the cases left out and why.
import { meanOf, meanOverRepos, type FileScores, type Numbers, type SetScores } from './metrics.js';

export interface CaseResult {
  id: string;
  repo: string;
  tier: string;
  from: 'prd' | 'spec';
  truthFiles: string[];
  truthRules: string[];
  /** Truth rules that rule discovery does not know (a miss for every system). */
  undiscoveredRules: string[];
  missingBlobs: number;
  files?: {
    techspec: FileScores;
    bm25?: FileScores;
    grep?: FileScores;
    /** Share of the listed files that are files in techspec's index: the most any ranking can recall. */
    reach: number;
  };
  rules?: { applies: SetScores; appliesLikely: SetScores; bm25: SetScores };
  answers: { files: string[]; bm25: string[]; grep: string[]; rules: string[]; bm25Rules: string[] };
  /** Why each rule chosen (applies or likely) was chosen. */
  reasons: Record<string, string>;
  /** What getContext could not read or make sense of. */
  problems: string[];
}

export interface SkippedCase {
  id: string;
  repo: string;
  reason: string;
}

type Row = readonly (string | number | undefined)[];

function cell(value: string | number | undefined): string {
  if (value === undefined) return '-';
  return typeof value === 'number' ? value.toFixed(2) : value;
}

/** A plain-text table: columns as wide as their widest cell, numbers with two decimals, '-' for none. */
export function table(header: Row, rows: readonly Row[]): string {
  const text = [header, ...rows].map((row) => row.map(cell));
  const widths = header.map((_, c) => Math.max(...text.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]): string =>
    row
      .map((value, c) => value.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  const [head = [], ...body] = text;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const short = (id: string): string => (id.length > 60 ? `${id.slice(0, 57)}...` : id);

export function caseTables(results: readonly CaseResult[]): string {
  const files = results.flatMap((r) => {
    if (!r.files) return [];
    const { techspec: t, bm25: b, grep: g } = r.files;
    return [
      [
        short(r.id),
        r.from,
        String(r.truthFiles.length),
        t.r5,
        t.r10,
        t.r20,
        t.mrr,
        b?.r10,
        b?.mrr,
        g?.r10,
        g?.mrr,
        r.files.reach,
      ],
    ];
  });
  const rules = results.flatMap((r) => {
    if (!r.rules) return [];
    const { applies: a, appliesLikely: l, bm25: b } = r.rules;
    return [
      [
        short(r.id),
        String(r.truthRules.length),
        a.precision,
        a.recall,
        a.f1,
        l.precision,
        l.recall,
        l.f1,
        b.precision,
        b.recall,
        b.f1,
      ],
    ];
  });
  return [
    `Files (${files.length} cases with listed files that existed)`,
    table(
      [
        'case',
        'text',
        'n',
        'R@5',
        'R@10',
        'R@20',
        'MRR',
        'bm25 R@10',
        'bm25 MRR',
        'grep R@10',
        'grep MRR',
        'reach',
      ],
      files,
    ),
    '',
    `Rules (${rules.length} cases with cited rule files that existed)`,
    table(
      [
        'case',
        'n',
        'app P',
        'app R',
        'app F1',
        'app+lik P',
        'app+lik R',
        'app+lik F1',
        'bm25@5 P',
        'bm25@5 R',
        'bm25@5 F1',
      ],
      rules,
    ),
  ].join('\n');
}

interface Summary<T extends Numbers> {
  cases: number;
  repos: number;
  overCases: T | undefined;
  overRepos: T | undefined;
  perRepo: Map<string, { cases: number; mean: T }>;
}

function summarise<T extends Numbers>(rows: readonly { repo: string; scores: T }[]): Summary<T> {
  const { mean, perRepo } = meanOverRepos(rows);
  return {
    cases: rows.length,
    repos: perRepo.size,
    overCases: meanOf(rows.map((row) => row.scores)),
    overRepos: mean,
    perRepo,
  };
}

/** Means of every system, flattened to one record of numbers per case: `ts.r10`, `bm25.mrr`, `app.f1`… */
export function summaries(results: readonly CaseResult[]): {
  files: Summary<Record<string, number>>;
  rules: Summary<Record<string, number>>;
} {
  const flat = (parts: Record<string, Numbers | undefined>): Record<string, number> =>
    Object.fromEntries(
      Object.entries(parts).flatMap(([system, scores]) =>
        scores ? Object.entries(scores).map(([key, value]) => [`${system}.${key}`, value]) : [],
      ),
    );
  const files = results.flatMap((r) =>
    r.files
      ? [
          {
            repo: r.repo,
            scores: flat({
              ts: r.files.techspec,
              bm25: r.files.bm25,
              grep: r.files.grep,
              reach: { all: r.files.reach },
            }),
          },
        ]
      : [],
  );
  const rules = results.flatMap((r) =>
    r.rules
      ? [
          {
            repo: r.repo,
            scores: flat({ app: r.rules.applies, lik: r.rules.appliesLikely, bm25: r.rules.bm25 }),
          },
        ]
      : [],
  );
  return { files: summarise(files), rules: summarise(rules) };
}

export function meansReport(results: readonly CaseResult[]): string {
  const { files, rules } = summaries(results);
  const fileRows = (m: Record<string, number> | undefined): Row[] =>
    [
      ['techspec', 'ts'],
      ['BM25 contents+paths', 'bm25'],
      ['git grep -c', 'grep'],
    ].map(([name = '', key = '']) => [
      name,
      m?.[`${key}.r5`],
      m?.[`${key}.r10`],
      m?.[`${key}.r20`],
      m?.[`${key}.mrr`],
    ]);
  const ruleRows = (m: Record<string, number> | undefined): Row[] =>
    [
      ['techspec applies', 'app'],
      ['techspec applies+likely', 'lik'],
      ['BM25 rule texts top 5', 'bm25'],
    ].map(([name = '', key = '']) => [name, m?.[`${key}.precision`], m?.[`${key}.recall`], m?.[`${key}.f1`]]);
  const perRepoFiles = [...files.perRepo].map(([repo, { cases, mean: m }]) => [
    repo,
    String(cases),
    m['ts.r10'],
    m['ts.mrr'],
    m['bm25.r10'],
    m['grep.r10'],
    m['reach.all'],
  ]);
  const perRepoRules = [...rules.perRepo].map(([repo, { cases, mean: m }]) => [
    repo,
    String(cases),
    m['app.f1'],
    m['lik.f1'],
    m['bm25.f1'],
  ]);
  return [
    `Files: mean over ${files.cases} cases`,
    table(['system', 'R@5', 'R@10', 'R@20', 'MRR'], fileRows(files.overCases)),
    '',
    `Files: mean over ${files.repos} repositories (goal R@10 >= 0.6)`,
    table(['system', 'R@5', 'R@10', 'R@20', 'MRR'], fileRows(files.overRepos)),
    `Reach (listed files that are indexed files, the most any ranking recalls): ${cell(files.overCases?.['reach.all'])} over cases, ${cell(files.overRepos?.['reach.all'])} over repositories`,
    '',
    `Rules: mean over ${rules.cases} cases`,
    table(['system', 'P', 'R', 'F1'], ruleRows(rules.overCases)),
    '',
    `Rules: mean over ${rules.repos} repositories (goal F1 >= 0.8)`,
    table(['system', 'P', 'R', 'F1'], ruleRows(rules.overRepos)),
    '',
    'Files per repository',
    table(['repository', 'cases', 'ts R@10', 'ts MRR', 'bm25 R@10', 'grep R@10', 'reach'], perRepoFiles),
    '',
    'Rules per repository',
    table(['repository', 'cases', 'app F1', 'app+lik F1', 'bm25@5 F1'], perRepoRules),
  ].join('\n');
}

export function skippedReport(skipped: readonly SkippedCase[], results: readonly CaseResult[]): string {
  const byReason = new Map<string, SkippedCase[]>();
  for (const entry of skipped) byReason.set(entry.reason, [...(byReason.get(entry.reason) ?? []), entry]);
  const lines = [`Cases scored: ${results.length}; left out: ${skipped.length}`];
  for (const [reason, list] of byReason) {
    lines.push(`  ${reason}: ${list.length}`, ...list.map((entry) => `    ${entry.id}`));
  }
  const partial = results.filter((r) => r.missingBlobs > 0);
  if (partial.length > 0)
    lines.push(
      `Checkouts missing blobs the mirror lacks (scored anyway): ${partial.map((r) => `${r.id} (${r.missingBlobs})`).join(', ')}`,
    );
  const unknown = results.filter((r) => r.undiscoveredRules.length > 0);
  if (unknown.length > 0)
    lines.push(
      `Cited rule files that rule discovery does not find: ${unknown.map((r) => `${r.id}: ${r.undiscoveredRules.join(', ')}`).join('; ')}`,
    );
  return lines.join('\n');
}
