// Scores one case: techspec's answer and the baselines' against the files and rules the spec's authors listed.
import path from 'node:path';
import type { RankingWeights } from '../../src/context/ranking.js';
import { bm25Top, buildCorpus, fileCorpus, type Corpus } from './baselines.js';
import { grepIndex, grepTerms, grepTop, verify, type GrepIndex } from './grep.js';
import { truthFiles, truthRules, type BenchCase } from './manifest.js';
import type { QueryText } from './query-text.js';
import { RECORD_VERSION, type CaseRecord } from './records.js';
import { materialise, type RepoSource } from './repos.js';
import { candidates, openWorkspace, type Workspace } from './techspec.js';

/** A case that can run: its repository, the commit to rank at, and the text given to techspec. */
export interface Runnable {
  entry: BenchCase;
  source: RepoSource;
  parent: string;
  query: QueryText;
}

/** What the cases of one repository at one commit share: the checkout, techspec's index, the baselines' corpora. */
export interface Prepared {
  workspace: Workspace;
  missing: string[];
  files: { corpus: Corpus; grep: GrepIndex } | undefined;
  rules: Corpus;
  /** git grep disagreeing with the in-process counts on the sampled terms. */
  warnings: string[];
}

export async function prepare(
  group: readonly Runnable[],
  at: { checkoutScript: string; workDir: string; baselines: boolean },
): Promise<Prepared | undefined> {
  const first = group[0];
  if (!first) return undefined;
  const slug = first.entry.repo.replace('/', '+');
  const checkout = materialise(at.checkoutScript, first.source, first.parent, { workDir: at.workDir, slug });
  const workspace = await openWorkspace(checkout.root, path.join(at.workDir, 'cache', slug, first.parent));
  const warnings: string[] = [];
  let files: Prepared['files'];
  if (at.baselines && group.some((run) => truthFiles(run.entry).length > 0)) {
    const paths = workspace.index.files.map((file) => file.path);
    files = { corpus: fileCorpus(checkout.root, paths), grep: grepIndex(checkout.root) };
    const terms = grepTerms(first.query.text);
    const sample = [0, 1, 2, 3, 4].flatMap((i) => terms[Math.floor((i * terms.length) / 5)] ?? []);
    for (const term of verify(checkout.root, files.grep, sample)) {
      warnings.push(
        `${first.entry.repo}@${first.parent.slice(0, 8)}: git grep -c counts '${term}' otherwise`,
      );
    }
  }
  const rules = buildCorpus(
    workspace.rules.map((rule) => ({
      name: rule.path,
      text: [rule.path, rule.title ?? '', rule.description ?? '', rule.body].join('\n'),
    })),
  );
  return { workspace, missing: checkout.missing, files, rules, warnings };
}

/** techspec's candidates for one case, the baselines' answers and the truth: what every model is scored on. */
export async function collect(
  run: Runnable,
  prepared: Prepared,
  ranking: { k: number; weights: Partial<RankingWeights> },
): Promise<CaseRecord> {
  const { entry, query } = run;
  const { workspace } = prepared;
  const files = truthFiles(entry);
  const found = await candidates(
    workspace,
    { text: query.text, kind: query.from, specPath: entry.spec_path },
    ranking,
  );
  // A rule is scored once under the path techspec reports it by: identical copies and the same skill file under other
  // tools' folders count as that rule.
  const reported = new Map<string, string>();
  for (const rule of found.rules)
    for (const path of [rule.path, ...rule.copies]) reported.set(path, rule.path);
  const canonical = (rule: string): string => {
    const original = workspace.canonical.get(rule) ?? rule;
    return reported.get(original) ?? reported.get(rule) ?? original;
  };
  const rules = [...new Set(truthRules(entry).map(canonical))];
  const baseline = files.length > 0 ? prepared.files : undefined;
  return {
    version: RECORD_VERSION,
    id: entry.id,
    repo: entry.repo,
    tier: entry.tier ?? '',
    from: query.from,
    truthFiles: files,
    truthRules: rules,
    undiscoveredRules: rules.filter((rule) => !workspace.canonical.has(rule) && !reported.has(rule)),
    missingBlobs: prepared.missing.length,
    reach:
      files.length === 0 ? 0 : files.filter((file) => workspace.index.byPath.has(file)).length / files.length,
    problems: found.problems,
    files: found.files,
    rules: found.rules,
    baselines: {
      bm25: baseline ? bm25Top(baseline.corpus, query.text, 20) : [],
      grep: baseline ? grepTop(baseline.grep, grepTerms(query.text), 20) : [],
      bm25Rules: bm25Top(prepared.rules, query.text, 5).map(canonical),
    },
  };
}
