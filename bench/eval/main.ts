// eval:context: scores techspec's file ranking and rule choice on real specs of other teams, beside two baselines.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_WEIGHTS, type RankingWeights } from '../../src/context/ranking.js';
import { collect, prepare, type Prepared, type Runnable } from './evaluate.js';
import { foldsReport, type FoldsResult } from './folds-report.js';
import { loadRecord, saveRecord, scoreRecord, type CaseRecord } from './records.js';
import { DEFAULT_FILE_MODEL } from '../../src/context/candidates.js';
import { DEFAULT_RULE_MODEL } from '../../src/assistants/match/score.js';
import { readManifest, truthFiles, truthRules, type BenchCase } from './manifest.js';
import { queryText } from './query-text.js';
import { caseTables, meansReport, skippedReport, summaries, type SkippedCase } from './report.js';
import { findRepo, hasCommit } from './repos.js';

const USAGE =
  'usage: npm run eval:context -- --manifest FILE --repos DIR [--only TEXT] [--limit N] [--k N] [--json FILE] [--work DIR] [--weights JSON] [--no-baselines] [--folds repo] [--signals] [--fresh]';

/** `--weights '{"lexical":1,"kind":{"prose":0.1}}'`: the nested records are merged over the defaults. */
function weightsOf(json: string | undefined): Partial<RankingWeights> {
  if (json === undefined) return {};
  const parsed = JSON.parse(json) as Partial<RankingWeights>;
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`--weights ${json}: expected a JSON object`);
  return {
    ...parsed,
    ...(parsed.walk ? { walk: { ...DEFAULT_WEIGHTS.walk, ...parsed.walk } } : {}),
    ...(parsed.kind ? { kind: { ...DEFAULT_WEIGHTS.kind, ...parsed.kind } } : {}),
  };
}

interface Options {
  manifest: string;
  repos: string;
  only: string | undefined;
  limit: number;
  k: number;
  json: string | undefined;
  work: string;
  checkout: string;
  /** Ranking weights to try instead of the defaults (partial; `walk` and `kind` merged key by key). */
  weights: Partial<RankingWeights>;
  baselines: boolean;
  /** Leave-one-repository-out (`repo`), or none. */
  folds: 'repo' | undefined;
  /** With --folds: each signal's leave-one-out value without it, beside the value with all. */
  signals: boolean;
  /** Compute every case's candidates again instead of reading the kept ones. */
  fresh: boolean;
}

function options(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      manifest: { type: 'string' },
      repos: { type: 'string' },
      only: { type: 'string' },
      limit: { type: 'string' },
      k: { type: 'string' },
      json: { type: 'string' },
      work: { type: 'string' },
      checkout: { type: 'string' },
      weights: { type: 'string' },
      'no-baselines': { type: 'boolean' },
      folds: { type: 'string' },
      signals: { type: 'boolean' },
      fresh: { type: 'boolean' },
    },
  });
  if (values.folds !== undefined && values.folds !== 'repo')
    throw new Error(`--folds ${values.folds}: expected repo (leave one repository out)`);
  if (values.manifest === undefined || values.repos === undefined) throw new Error(USAGE);
  const number = (name: string, value: string | undefined, fallback: number): number => {
    const parsed = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0)
      throw new Error(`--${name} ${value ?? ''}: expected a positive integer`);
    return parsed;
  };
  const manifest = path.resolve(values.manifest);
  return {
    manifest,
    repos: path.resolve(values.repos),
    only: values.only,
    limit: number('limit', values.limit, Number.MAX_SAFE_INTEGER),
    k: number('k', values.k, 20),
    json: values.json,
    work: path.resolve(values.work ?? path.join(os.tmpdir(), 'techspec-eval-context')),
    checkout: path.resolve(values.checkout ?? path.join(path.dirname(manifest), 'checkout.sh')),
    weights: weightsOf(values.weights),
    baselines: values['no-baselines'] !== true,
    folds: values.folds === 'repo' ? 'repo' : undefined,
    signals: values.signals === true,
    fresh: values.fresh === true,
  };
}

/** Sorts the cases into those that can run and those left out, with the reason. */
function triage(
  cases: readonly BenchCase[],
  reposDir: string,
): { runnable: Runnable[]; skipped: SkippedCase[] } {
  const runnable: Runnable[] = [];
  const skipped: SkippedCase[] = [];
  const skip = (entry: BenchCase, reason: string): void => {
    skipped.push({ id: entry.id, repo: entry.repo, reason });
  };
  for (const entry of cases) {
    const source = findRepo(reposDir, entry.repo);
    if (entry.parent_commit === null) skip(entry, 'no parent commit (spec added in a root commit)');
    else if (truthFiles(entry).length === 0 && truthRules(entry).length === 0)
      skip(entry, 'no ground truth (no listed file or rule that existed)');
    else if (!source) skip(entry, 'repository not found under --repos');
    else if (!hasCommit(source, entry.parent_commit)) skip(entry, 'parent commit not in the mirror');
    else {
      const query = queryText(source, entry);
      if (query) runnable.push({ entry, source, parent: entry.parent_commit, query });
      else skip(entry, 'neither PRD nor spec readable at spec_added_commit');
    }
  }
  return { runnable, skipped };
}

/** Where this run keeps its records: per ranking weights tried, so that records of other weights are not mixed in. */
function recordsDir(opts: Options): string {
  const key = JSON.stringify(opts.weights);
  return key === '{}' ? opts.work : path.join(opts.work, `weights-${hashOf(key)}`);
}

function hashOf(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}

/** Every runnable case's record: kept from an earlier run when there is one, else computed (one checkout per commit). */
async function records(
  opts: Options,
  runnable: readonly Runnable[],
  skipped: SkippedCase[],
): Promise<{ records: Map<string, CaseRecord>; warnings: string[] }> {
  const dir = recordsDir(opts);
  const out = new Map<string, CaseRecord>();
  const groups = new Map<string, Runnable[]>();
  for (const run of runnable) {
    const kept = opts.fresh ? undefined : loadRecord(dir, run.entry.id);
    if (kept) out.set(kept.id, kept);
    else {
      const key = `${run.entry.repo}@${run.parent}`;
      groups.set(key, [...(groups.get(key) ?? []), run]);
    }
  }
  let done = out.size;
  const warnings: string[] = [];
  for (const group of groups.values()) {
    let prepared: Prepared | undefined;
    try {
      prepared = await prepare(group, {
        checkoutScript: opts.checkout,
        workDir: opts.work,
        baselines: opts.baselines,
      });
    } catch (error) {
      // One repository that cannot be materialised or read leaves its cases out, listed; the others still run.
      const reason = `checkout or index failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      for (const run of group) skipped.push({ id: run.entry.id, repo: run.entry.repo, reason });
      continue;
    }
    if (!prepared) continue;
    warnings.push(...prepared.warnings);
    for (const run of group) {
      const record = await collect(run, prepared, { k: opts.k, weights: opts.weights });
      saveRecord(dir, record);
      out.set(record.id, record);
      process.stderr.write(`[${++done}/${runnable.length}] ${run.entry.id}\n`);
    }
  }
  return { records: out, warnings };
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const cases = readManifest(opts.manifest)
    .filter((entry) => opts.only === undefined || entry.id.includes(opts.only))
    .slice(0, opts.limit);
  const { runnable, skipped } = triage(cases, opts.repos);
  const found = await records(opts, runnable, skipped);
  const kept = cases.flatMap((entry) => found.records.get(entry.id) ?? []);
  const shipped = { files: DEFAULT_FILE_MODEL, rules: DEFAULT_RULE_MODEL };
  const ordered = kept.map((record) => scoreRecord(record, shipped, opts.k));
  console.log(caseTables(ordered));
  console.log('');
  console.log(meansReport(ordered));
  console.log('');
  console.log(skippedReport(skipped, ordered));
  for (const warning of found.warnings) console.log(`Warning: ${warning}`);
  let folds: FoldsResult | undefined;
  if (opts.folds === 'repo') {
    const report = foldsReport(kept, { signals: opts.signals });
    folds = report.result;
    console.log('');
    console.log(report.text);
  }
  if (opts.json !== undefined) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    const { files, rules } = summaries(ordered);
    const means = (s: typeof files): unknown => ({ ...s, perRepo: Object.fromEntries(s.perRepo) });
    writeFileSync(
      opts.json,
      `${JSON.stringify({ cases: ordered, skipped, files: means(files), rules: means(rules), ...(folds ? { folds } : {}) }, null, 2)}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
