// One evaluated case as the folds need it: techspec's candidates with their features, the baselines' answers and the
// truth; computed once per case and kept on disk, so that trying a model re-scores without indexing anything again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scoreFiles, type FileModel } from '../../src/context/candidates.js';
import { scoreRules, type RuleCandidate } from '../../src/assistants/match/match.js';
import type { RuleModel } from '../../src/assistants/match/score.js';
import type { FileCandidate } from '../../src/context/candidates.js';
import { fileScores, setScores } from './metrics.js';
import type { CaseResult } from './report.js';

/** Bump when what a record holds, or how candidates are computed, changes: older records are then computed again. */
export const RECORD_VERSION = 2;

/** What a record shares with a scored case (truthRules: cited rules under the path techspec reports them by). */
type CaseFacts = Pick<
  CaseResult,
  | 'id'
  | 'repo'
  | 'tier'
  | 'from'
  | 'truthFiles'
  | 'truthRules'
  | 'undiscoveredRules'
  | 'missingBlobs'
  | 'problems'
>;

export interface CaseRecord extends CaseFacts {
  version: number;
  reach: number;
  files: FileCandidate[];
  rules: RuleCandidate[];
  baselines: { bm25: string[]; grep: string[]; bm25Rules: string[] };
}

export interface Models {
  files: FileModel;
  rules: RuleModel;
}

export function recordPath(workDir: string, id: string): string {
  return path.join(workDir, 'records', `${id}.json`);
}

export function loadRecord(workDir: string, id: string): CaseRecord | undefined {
  const file = recordPath(workDir, id);
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, 'utf8')) as CaseRecord;
  return record.version === RECORD_VERSION ? record : undefined;
}

export function saveRecord(workDir: string, record: CaseRecord): void {
  const file = recordPath(workDir, record.id);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(record));
}

/** The files techspec answers under a model: its top `k`. */
export function rankedFiles(record: CaseRecord, model: FileModel, k: number): string[] {
  return scoreFiles(record.files, model, k).map((file) => file.path);
}

/** The rules chosen under a model: applies, and applies with likely. */
export function chosenRules(record: CaseRecord, model: RuleModel): { applies: string[]; likely: string[] } {
  const verdicts = scoreRules(record.rules, model);
  return {
    applies: verdicts.filter((rule) => rule.verdict === 'applies').map((rule) => rule.path),
    likely: verdicts.filter((rule) => rule.verdict !== 'no').map((rule) => rule.path),
  };
}

/** The scores of one case under the given models, in the shape the report prints. */
export function scoreRecord(record: CaseRecord, models: Models, k: number): CaseResult {
  const ranked = rankedFiles(record, models.files, k);
  const verdicts = scoreRules(record.rules, models.rules);
  const applies = verdicts.filter((rule) => rule.verdict === 'applies').map((rule) => rule.path);
  const likely = verdicts.filter((rule) => rule.verdict !== 'no').map((rule) => rule.path);
  const { bm25, grep, bm25Rules } = record.baselines;
  const result: CaseResult = {
    id: record.id,
    repo: record.repo,
    tier: record.tier,
    from: record.from,
    truthFiles: record.truthFiles,
    truthRules: record.truthRules,
    undiscoveredRules: record.undiscoveredRules,
    problems: record.problems,
    missingBlobs: record.missingBlobs,
    answers: { files: ranked, bm25, grep, bm25Rules, rules: likely },
    reasons: Object.fromEntries(
      verdicts
        .filter((rule) => rule.verdict !== 'no')
        .map((rule) => [rule.path, `${rule.verdict} (${rule.score.toFixed(2)}): ${rule.reason}`]),
    ),
  };
  if (record.truthFiles.length > 0) {
    result.files = {
      techspec: fileScores(ranked, record.truthFiles),
      ...(bm25.length > 0 || grep.length > 0
        ? { bm25: fileScores(bm25, record.truthFiles), grep: fileScores(grep, record.truthFiles) }
        : {}),
      reach: record.reach,
    };
  }
  if (record.truthRules.length > 0) {
    result.rules = {
      bm25: setScores(bm25Rules, record.truthRules),
      applies: setScores(applies, record.truthRules),
      appliesLikely: setScores(likely, record.truthRules),
    };
  }
  return result;
}
