// Ranks the indexed files for a text: lexical matches, then a walk of the file graph from them and from the seeds.
import { lexicalScores, type LexicalScores } from './bm25.js';
import { outWeights, personalizedPageRank, strongestInflow, type WalkOptions } from './graph.js';
import type { FileKind, RankedFile, RelevanceIndex } from './model.js';
import { parseQuery, type Query } from '../text/query.js';
import { wordTokens } from '../text/tokenize.js';

export const DEFAULT_K = 20;

/** The knobs of the ranking; DEFAULT_WEIGHTS are the shipped values, an evaluation may try others. */
export interface RankingWeights {
  walk: Readonly<WalkOptions>;
  /** How many of the best lexical matches start the walk, besides the seeds. */
  walkStarts: number;
  /** Weight of the lexical score against the walk's rank (both scaled to a maximum of 1). */
  lexical: number;
  /** Factor per kind of file: prose and data rank below code unless the text asks for documentation. */
  kind: Readonly<Record<FileKind, number>>;
  /** A neighbour is named in the reason when it sent the file at least this share of its rank. */
  neighbourShare: number;
}

/** The shipped weights; frozen, since every ranking in the process reads them. */
export const DEFAULT_WEIGHTS: Readonly<RankingWeights> = Object.freeze({
  walk: Object.freeze({ damping: 0.7, reverse: 0.3, iterations: 20 }),
  walkStarts: 50,
  lexical: 0.5,
  kind: Object.freeze({ code: 1, prose: 0.25, data: 0.5 }),
  neighbourShare: 0.4,
});

export interface RankQuery {
  text: string;
  /** Files already known to be relevant (a spec's Relevant Files): the walk starts from each as from the best match. */
  seeds?: readonly string[];
  /** The text already parsed (`parseQuery(text)`), when the caller has it: the text is then not parsed again. */
  parsed?: Query;
}

export interface RankOptions {
  /** How many files to return (default 20). */
  k?: number;
  weights?: Partial<RankingWeights>;
}

/**
 * The files most relevant to a text, best first. The score is the rank of a walk over the file graph that starts
 * from the best lexical matches (BM25F over path, definitions and body) and from the seeds, plus a share of the
 * lexical score itself; prose and data are scaled down.
 */
export function rankFiles(index: RelevanceIndex, query: RankQuery, options: RankOptions = {}): RankedFile[] {
  const n = index.files.length;
  if (n === 0) return [];
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const parsed = query.parsed ?? parseQuery(query.text);
  const lexical = lexicalScores(index, parsed);
  const seeds = seedIndexes(index, query.seeds ?? []);
  const start = walkStart(lexical.scores, seeds, weights.walkStarts);
  const rank = start ? personalizedPageRank(index.graph, start, weights.walk) : new Float64Array(n);
  const maxLexical = maxOf(lexical.scores);
  const maxRank = maxOf(rank);
  const scores = index.files.map((file, i) => {
    const base =
      (maxLexical > 0 ? (weights.lexical * (lexical.scores[i] ?? 0)) / maxLexical : 0) +
      (maxRank > 0 ? (rank[i] ?? 0) / maxRank : 0);
    return base * (parsed.wantsDocs && file.kind === 'prose' ? 1 : weights.kind[file.kind]);
  });
  const top = scores
    .map((score, i) => ({ i, score: Math.round(score * 1e4) / 1e4 }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || compare(index.files[a.i]?.path ?? '', index.files[b.i]?.path ?? ''))
    .slice(0, Math.max(0, options.k ?? DEFAULT_K));
  const why = new Reasons(index, parsed, lexical, { seeds, rank, weights }, new Set(top.map(({ i }) => i)));
  return top.map(({ i, score }) => ({ path: index.files[i]?.path ?? '', score, reason: why.of(i) }));
}

function maxOf(values: Float64Array): number {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Indexes of the seed paths that are in the index (`./` and backslashes allowed). */
function seedIndexes(index: RelevanceIndex, seeds: readonly string[]): Set<number> {
  const found = new Set<number>();
  for (const seed of seeds) {
    const i = index.byPath.get(seed.replace(/\\/g, '/').replace(/^(\.\/)+/, ''));
    if (i !== undefined) found.add(i);
  }
  return found;
}

/** Where the walk starts: the best lexical matches in proportion to their scores, and each seed as the best. */
function walkStart(
  scores: Float64Array,
  seeds: ReadonlySet<number>,
  count: number,
): Float64Array | undefined {
  const start = new Float64Array(scores.length);
  const best = [...scores.keys()]
    .filter((i) => (scores[i] ?? 0) > 0)
    .sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
    .slice(0, count);
  const top = scores[best[0] ?? -1] ?? 1;
  for (const i of best) start[i] = scores[i] ?? 0;
  for (const i of seeds) start[i] = (start[i] ?? 0) + top;
  const total = start.reduce((sum, value) => sum + value, 0);
  if (total === 0) return undefined;
  return start.map((value) => value / total);
}

/** Builds the reason of each ranked file from what scored it. */
class Reasons {
  private readonly terms = new Map<number, { surface: string; amount: number }[]>();
  /** The ten heaviest terms of the text: a one-word type named after one of them is worth naming in a reason. */
  private readonly mainTerms: Set<string>;
  private readonly out: Float64Array;

  constructor(
    private readonly index: RelevanceIndex,
    private readonly query: Query,
    private readonly lexical: LexicalScores,
    private readonly walk: { seeds: ReadonlySet<number>; rank: Float64Array; weights: RankingWeights },
    ranked: ReadonlySet<number>,
  ) {
    this.out = outWeights(index.graph);
    this.mainTerms = new Set(
      [...query.terms]
        .sort((a, b) => b[1].weight - a[1].weight || compare(a[0], b[0]))
        .slice(0, 10)
        .map(([term]) => term),
    );
    for (const { term, files, amounts } of lexical.matches) {
      const surface = query.terms.get(term)?.surface ?? term;
      files.forEach((file, k) => {
        if (!ranked.has(file)) return;
        const list = this.terms.get(file) ?? [];
        list.push({ surface, amount: amounts[k] ?? 0 });
        this.terms.set(file, list);
      });
    }
  }

  of(i: number): string {
    const parts: string[] = [];
    const { seeds, rank, weights } = this.walk;
    if (seeds.has(i)) parts.push('listed in the spec');
    const mentioned = this.mentionOf(i);
    if (mentioned) parts.push(mentioned);
    const defined = this.definedMatches(i);
    if (defined.length > 0) parts.push(`defines ${defined.map((name) => `\`${name}\``).join(', ')}`);
    const matched = (this.terms.get(i) ?? [])
      .sort((a, b) => b.amount - a.amount || compare(a.surface, b.surface))
      .slice(0, 5)
      .map((match) => match.surface);
    if (matched.length > 0) parts.push(`matches ${matched.join(', ')}`);
    const inflow = seeds.has(i)
      ? undefined
      : strongestInflow(this.index.graph, rank, this.out, i, weights.walk);
    if (inflow && (parts.length === 0 || inflow.amount >= weights.neighbourShare * (rank[i] ?? 0))) {
      parts.push(`${inflow.relation} ${this.index.files[inflow.neighbour]?.path ?? ''}`);
    }
    return parts.join('; ');
  }

  /** "named in the text" when a path in the text is this file, else the most specific named folder it is in. */
  private mentionOf(i: number): string | undefined {
    const path = this.index.files[i]?.path ?? '';
    const mentions = this.lexical.mentions.get(i) ?? [];
    if (mentions.some((mention) => path === mention || path.endsWith(`/${mention}`)))
      return 'named in the text';
    const folder = [...mentions].sort((a, b) => b.length - a.length || compare(a, b))[0];
    return folder === undefined ? undefined : `in \`${folder}\``;
  }

  /** Symbols the file defines that the text names: quoted or spelled out first, then one-word type names it uses. */
  private definedMatches(i: number): string[] {
    const names = [...(this.lexical.symbols.get(i) ?? [])];
    for (const name of this.index.files[i]?.defs ?? []) {
      if (names.length >= 3) break;
      const tokens = wordTokens(name);
      const oneWordType = tokens.length === 1 && /^[A-Z]/.test(name) && this.mainTerms.has(tokens[0] ?? '');
      if (oneWordType && !names.includes(name)) names.push(name);
    }
    return names.slice(0, 3);
  }
}
