// The repository's git history as signals for ranking: commit messages → the files they changed, files that change
// together, recently active files. Mined once per HEAD and cached beside the index.
import { execFileSync } from 'node:child_process';
import { readJsonCache, writeJsonCache, type CachePlace } from './json-cache.js';
import { tokenize } from '../text/tokenize.js';
import type { Query } from '../text/query.js';

/** Bump when mining changes: an older cache is then mined again. */
const HISTORY_VERSION = 1;
export const HISTORY_FILE = 'context-history.json';
/** The newest commits read; older history says little of where a team works now. */
export const MAX_COMMITS = 3000;
/** A commit touching more files than this (an import, a reformat, a rename sweep) says nothing of what goes together. */
export const MAX_COMMIT_FILES = 60;

/** One commit: its time, its message's terms (each once), and the files it changed (indexes into `paths`). */
export interface Commit {
  time: number;
  terms: string[];
  files: number[];
}

/** The mined history, newest commit first. */
export interface History {
  head: string;
  paths: string[];
  commits: Commit[];
}

const EMPTY: History = { head: '', paths: [], commits: [] };

/**
 * The history of the repository at `root` up to HEAD, from the cache when it was mined at the same HEAD; an empty
 * history outside git or without commits. Never throws.
 */
export function loadHistory(root: string, cache: CachePlace | undefined): History {
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])?.trim();
  if (head === undefined || head === '') return EMPTY;
  const cached = readJsonCache(cache, HISTORY_FILE, { version: HISTORY_VERSION, key: head }, isHistory);
  if (cached) return cached;
  const history = mine(root, head);
  writeJsonCache(cache, HISTORY_FILE, HISTORY_VERSION, head, history);
  return history;
}

function isHistory(value: unknown): value is History {
  const history = value as Partial<History> | null;
  return (
    typeof history === 'object' &&
    history !== null &&
    Array.isArray(history.paths) &&
    Array.isArray(history.commits)
  );
}

function git(root: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** Reads `git log` once: each non-merge commit's time, message terms and changed files. */
export function mine(root: string, head: string): History {
  const RECORD = '\u001e';
  const FIELD = '\u001f';
  const out = git(root, [
    'log',
    '--no-merges',
    '--no-renames',
    `--max-count=${MAX_COMMITS}`,
    '--name-only',
    `--format=${RECORD}%ct${FIELD}%s%n%b${FIELD}`,
    head,
  ]);
  if (out === undefined) return { ...EMPTY, head };
  const paths: string[] = [];
  const ids = new Map<string, number>();
  const commits: Commit[] = [];
  for (const record of out.split(RECORD)) {
    const [time = '', message = '', names = ''] = record.split(FIELD);
    if (time === '') continue;
    const files = names
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const fileIds = files.map((file) => {
      let id = ids.get(file);
      if (id === undefined) {
        id = paths.push(file) - 1;
        ids.set(file, id);
      }
      return id;
    });
    commits.push({ time: Number(time), terms: [...new Set(tokenize(message))], files: fileIds });
  }
  return { head, paths, commits };
}

/** Per-file history signals for one text, each scaled to a maximum of 1; files absent from a map score 0. */
export interface HistorySignals {
  /** Commits whose messages meet the text's terms (BM25 over messages), credited to the files they changed. */
  messages: Map<string, number>;
  /** How recently a file changed: 1 for the newest commit, decaying by commit count. */
  recency: Map<string, number>;
}

/** How many commits back the recency of a file halves. */
const RECENCY_HALF_LIFE = 40;

/** Message and recency signals of `history` for the query, over the files `keep` accepts (the indexed ones). */
export function historySignals(
  history: History,
  query: Query,
  keep: (file: string) => boolean,
): HistorySignals {
  const messages = new Map<string, number>();
  const recency = new Map<string, number>();
  const n = history.commits.length;
  if (n === 0) return { messages, recency };
  const df = new Map<string, number>();
  for (const commit of history.commits)
    for (const term of commit.terms) df.set(term, (df.get(term) ?? 0) + 1);
  history.commits.forEach((commit, rank) => {
    const files = commit.files.map((id) => history.paths[id] ?? '').filter(keep);
    for (const file of files)
      if (!recency.has(file)) recency.set(file, Math.pow(0.5, rank / RECENCY_HALF_LIFE));
    if (files.length === 0 || files.length > MAX_COMMIT_FILES) return;
    let score = 0;
    for (const term of commit.terms) {
      const asked = query.terms.get(term);
      if (!asked) continue;
      const d = df.get(term) ?? 1;
      score += asked.weight * Math.log(1 + (n - d + 0.5) / (d + 0.5));
    }
    if (score === 0) return;
    // A message of many terms is about many things; a commit of many files says less of each.
    const share = score / Math.sqrt(Math.max(1, commit.terms.length)) / Math.sqrt(files.length);
    for (const file of files) messages.set(file, (messages.get(file) ?? 0) + share);
  });
  return { messages: scaled(messages), recency };
}

/**
 * Files that changed together with `seeds`: each commit touching a seed credits its other files by the share of the
 * commit the seeds make up, scaled to a maximum of 1.
 */
export function coChange(
  history: History,
  seeds: readonly string[],
  keep: (file: string) => boolean,
): Map<string, number> {
  const out = new Map<string, number>();
  if (seeds.length === 0) return out;
  const seedIds = new Set<number>();
  history.paths.forEach((file, id) => {
    if (seeds.includes(file)) seedIds.add(id);
  });
  for (const commit of history.commits) {
    if (commit.files.length < 2 || commit.files.length > MAX_COMMIT_FILES) continue;
    const hits = commit.files.filter((id) => seedIds.has(id)).length;
    if (hits === 0) continue;
    for (const id of commit.files) {
      if (seedIds.has(id)) continue;
      const file = history.paths[id] ?? '';
      if (keep(file)) out.set(file, (out.get(file) ?? 0) + hits / (commit.files.length - 1));
    }
  }
  return scaled(out);
}

function scaled(values: Map<string, number>): Map<string, number> {
  let max = 0;
  for (const value of values.values()) if (value > max) max = value;
  if (max > 0) for (const [key, value] of values) values.set(key, value / max);
  return values;
}
