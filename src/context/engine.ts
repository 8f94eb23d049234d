// The context engine's one question: for a spec, PRD or text, which of the repository's rules fit and which files matter.
import path from 'node:path';
import { loadConfig, resolveConfig, type ResolvedConfig } from '../lint/config.js';
import { TechspecError } from '../errors.js';
import { parseFor } from '../spec/parse.js';
import { listedPaths } from '../spec/facts/relevant-files.js';
import { isWithin, relativeInside } from '../confine.js';
import { createPathIndex, type PathIndex } from '../workspace/paths.js';
import { gitTopLevel, listFiles } from '../workspace/project.js';
import { type RuleScan } from '../assistants/rules/discover.js';
import { buildIndex, DEFAULT_CACHE_DIR } from './build.js';
import {
  DEFAULT_FILE_MODEL,
  fileCandidates,
  scoreFiles,
  type FileCandidate,
  type FileModel,
} from './candidates.js';
import { loadHistory } from './history.js';
import type { CachePlace } from './json-cache.js';
import { loadPriorSpecs, priorVotes, similarities } from './prior-specs.js';
import { parseQuery } from '../text/query.js';
import { citedIn } from '../assistants/match/cited.js';
import { RuleNames, Text } from '../assistants/match/names.js';
import { DEFAULT_RULE_MODEL, type RuleModel } from '../assistants/match/score.js';
import type { IndexStats, RankedFile, RelevanceIndex, TechUse } from './model.js';
import { DEFAULT_K, type RankingWeights } from './ranking.js';
import {
  ruleCandidates,
  scoreRules,
  type RuleCandidate,
  type RuleVerdict,
} from '../assistants/match/match.js';
import { detectStack } from '../assistants/match/stack.js';
import { repositoryRules } from '../workspace/rules.js';
import type { Workspace } from '../workspace/workspace.js';
import type { WorkspaceConfig } from '../workspace/config.js';
import { trimEnd } from '../text/scan.js';

export interface ContextInput {
  text: string;
  /** A spec's Relevant Files are read as seeds; a PRD or a text has none. Default: 'spec' when specPath is given. */
  kind?: 'spec' | 'prd' | 'text';
  /** Where the spec lives (absolute, or relative to root): its folder resolves the relative paths it lists. */
  specPath?: string;
}

export interface ContextOptions {
  /** How many files to return (default 20). */
  k?: number;
  /** Where the index cache lives (default `<root>/.techspec/cache`), or false for none. */
  cacheDir?: string | false;
  /** Called as files are indexed, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Worker threads for indexing (see BuildOptions.workers). */
  workers?: number;
  /**
   * The repository's files as `listFiles(root)` lists them, when the caller keeps a listing it knows to be current (a
   * long-running server); otherwise the repository is listed again.
   */
  files?: readonly string[];
  /** The rule scan of those files (`discoverRuleSources(root, files)`), when the caller keeps one; otherwise read again. */
  scan?: RuleScan;
  /** Called once the index is built, with its stats (for a metric). */
  onIndexed?: (stats: IndexStats) => void;
  /** Models to score with instead of the shipped ones (an evaluation trying weights). */
  models?: { files?: FileModel; rules?: RuleModel };
  /** Weights of the index's ranking to try instead of the shipped ones (an evaluation). */
  ranking?: Partial<RankingWeights>;
}

export interface ContextAnswer {
  /** Every rule that may shape a tech spec: applies, then likely, then no. */
  rules: RuleVerdict[];
  /** The most relevant files, best first. */
  files: RankedFile[];
  /** What could not be read or made sense of (rule files, manifests, config), one line each; the answer still comes. */
  problems: string[];
}

/**
 * Answers both questions for one text, in the project at `root` (a folder, or a Workspace whose files, rule files and
 * parses are reused); never throws for the repository's content, only for a root that is no folder.
 */
export async function getContext(
  root: string | Workspace,
  input: ContextInput,
  options: ContextOptions = {},
): Promise<ContextAnswer> {
  const found = await contextCandidates(root, input, options);
  const k = options.k ?? DEFAULT_K;
  return {
    rules: scoreRules(found.rules, options.models?.rules ?? DEFAULT_RULE_MODEL),
    files: scoreFiles(found.files, options.models?.files ?? DEFAULT_FILE_MODEL, k),
    problems: found.problems,
  };
}

/** Everything getContext scores: candidate files and rules with their features, before any model. */
export interface ContextCandidates {
  files: FileCandidate[];
  rules: RuleCandidate[];
  problems: string[];
}

/** The candidates of one text, with the features a model scores (the evaluation keeps them to try other models). */
export async function contextCandidates(
  root: string | Workspace,
  input: ContextInput,
  options: ContextOptions = {},
): Promise<ContextCandidates> {
  const workspace = typeof root === 'string' ? undefined : root;
  const base = path.resolve(workspace?.root ?? (root as string));
  const problems: string[] = [];
  if (gitTopLevel(base) === undefined) {
    problems.push(`${base}: Not a git repository, expected one; files were listed by walking the folder`);
  }
  const files = options.files ?? workspace?.files ?? listFiles(base);
  if (files.length === 0) problems.push(`${base}: No files found, expected a repository with files to rank`);
  const scan =
    options.scan ??
    (workspace && options.files === undefined ? workspace.rules() : undefined) ??
    repositoryRules(base, files);
  problems.push(...scanProblems(scan));
  const stack = detectStack(base, files);
  problems.push(...stack.problems);
  const kind = input.kind ?? (input.specPath === undefined ? 'text' : 'spec');
  const config = workspace?.config ?? configFor(base, problems);
  const listed =
    kind === 'spec' ? specFiles(base, input, files, config, workspace) : { all: [], existing: [] };
  const cacheDir =
    options.cacheDir === false ? undefined : path.resolve(base, options.cacheDir ?? DEFAULT_CACHE_DIR);
  const index = await buildIndex(base, {
    files,
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  options.onIndexed?.(index.stats);
  // The spec itself always matches its own words best: it is no answer to which files it should list.
  const self = input.specPath === undefined ? undefined : relativeInside(base, input.specPath);
  const cache: CachePlace | undefined =
    cacheDir === undefined
      ? undefined
      : { dir: cacheDir, root: isWithin(base, cacheDir) ? base : path.dirname(cacheDir) };
  const query = parseQuery(input.text);
  const history = loadHistory(base, cache);
  const earlier = loadPriorSpecs(base, files, config, cache, self);
  const paths = createPathIndex(files);
  const sims = similarities(earlier, query, idfOf(index));
  const priorFiles = priorVotes(earlier, sims, (spec) =>
    spec.listed.flatMap((written) => resolveListed(written, spec.dir, paths) ?? []),
  );
  const names = new RuleNames(scan.sources);
  const priorRules = priorVotes(earlier, sims, (spec) =>
    citedIn(new Text(spec.compliance), spec.refs, scan.sources, names),
  );
  const candidates = fileCandidates(index, {
    text: input.text,
    query,
    seeds: listed.existing,
    self,
    history,
    prior: priorFiles,
    ...(options.ranking ? { ranking: options.ranking } : {}),
  });
  // Rules scoped to files are judged against the index's own ranking, so that a rule's features do not depend on the
  // file model (each model is then fitted on its own).
  const suggested = candidates
    .filter((file) => file.features.baseRank > 0)
    .sort((a, b) => b.features.baseRank - a.features.baseRank)
    .slice(0, options.k ?? DEFAULT_K)
    .map((file) => file.path);
  const rules = ruleCandidates(scan.sources, {
    text: input.text,
    query,
    relevantFiles: listed.all,
    suggestedFiles: suggested,
    repoFiles: files,
    stack,
    fileUses: usesOf(index, [...listed.existing, ...suggested]),
    prior: priorRules,
  });
  return { files: candidates, rules, problems };
}

/** How rare a term is among the indexed files (their bodies): the weight of a shared term in spec similarity. */
function idfOf(index: RelevanceIndex): (term: string) => number {
  const n = index.files.length;
  return (term) => {
    const df = (index.body.get(term)?.length ?? 0) / 2;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
}

/** What each of `paths` imports that is a technology, for the files of the index that import any. */
function usesOf(index: RelevanceIndex, paths: readonly string[]): Map<string, readonly TechUse[]> {
  const out = new Map<string, readonly TechUse[]>();
  for (const file of paths) {
    const at = index.byPath.get(file);
    const uses = at === undefined ? undefined : index.files[at]?.uses;
    if (uses && uses.length > 0) out.set(file, uses);
  }
  return out;
}

/** Problems of the scan and of each rule source, as `path:line: message` lines. */
function scanProblems(scan: RuleScan): string[] {
  const all = [...scan.problems, ...scan.sources.flatMap((source) => source.problems)];
  return all.map(
    (problem) => `${problem.path}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.message}`,
  );
}

interface SpecFiles {
  /** Every path the Relevant Files section lists, resolved to a repository file where one exists, else as written. */
  all: string[];
  /** Those that are repository files: the seeds of the ranking. */
  existing: string[];
}

/**
 * The paths the spec's Relevant Files section lists, read with the repository's config (its section aliases). A path
 * resolves as written, then from the spec's folder, then as the one file that ends with it.
 */
function specFiles(
  root: string,
  input: ContextInput,
  files: readonly string[],
  config: WorkspaceConfig,
  workspace: Workspace | undefined,
): SpecFiles {
  const specPath = input.specPath === undefined ? undefined : path.resolve(root, input.specPath);
  const doc = workspace
    ? workspace.parse(specPath ?? '<text>', input.text)
    : parseFor(input.text, specPath ?? '<text>', config);
  const specDir = specPath === undefined ? '' : (relativeInside(root, path.dirname(specPath)) ?? '');
  const paths = createPathIndex(files);
  const all: string[] = [];
  const existing: string[] = [];
  for (const listed of listedPaths(doc)) {
    const written = listed.path;
    const found = resolveListed(written, specDir, paths);
    all.push(found ?? written);
    if (found !== undefined) existing.push(found);
  }
  return { all: [...new Set(all)], existing: [...new Set(existing)] };
}

/** A listed path as a repository file: as written, then from the spec's folder, then the one file ending with it. */
function resolveListed(written: string, specDir: string, paths: PathIndex): string | undefined {
  const candidates = [written, specDir === '' || specDir === '.' ? undefined : `${specDir}/${written}`];
  return (
    candidates.find((candidate) => candidate !== undefined && paths.hasFile(candidate)) ??
    unique(paths.withSuffix(trimEnd(written, '/')))
  );
}

/** The repository's lint config (for section aliases); a broken one is a problem and the defaults serve. */
function configFor(root: string, problems: string[]): ResolvedConfig {
  try {
    return loadConfig({ cwd: root });
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    problems.push(`${error.file ?? 'config'}: ${error.message}; the default template and aliases were used`);
    return resolveConfig({}, { root, file: undefined, strict: false });
  }
}

function unique(items: readonly string[]): string | undefined {
  return items.length === 1 ? items[0] : undefined;
}
