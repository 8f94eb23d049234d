// BM25F over three fields of each file (path, defined symbol names, body), plus exact matches of quoted symbols.
import { scoreMentions } from './mentions.js';
import type { RelevanceIndex } from './model.js';
import { compactName, type Query } from './query.js';
import { wordTokens } from './tokenize.js';

/** Field weights and length normalisation: a term in the path says more than one in a definition, more than in the body. */
const FIELDS = [
  { field: 'path', weight: 3, b: 0.3 },
  { field: 'def', weight: 2, b: 0.5 },
  { field: 'body', weight: 1, b: 0.75 },
] as const;
const K1 = 1.2;
/** Weight of a symbol quoted in the text (`CardService`) that a file defines, against one ordinary term. */
const SYMBOL_WEIGHT = 3;
/** Weight of a symbol whose words the text runs in a row ("payment card" for `PaymentCard`). */
const PHRASE_WEIGHT = 2;

/** What one term gave the files it matched. */
export interface TermMatch {
  term: string;
  files: number[];
  amounts: number[];
}

export interface LexicalScores {
  scores: Float64Array;
  matches: TermMatch[];
  /** File index → the quoted symbols it defines. */
  symbols: Map<number, string[]>;
  /** File index → the paths in the text that name it or a folder above it. */
  mentions: Map<number, string[]>;
}

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function lexicalScores(index: RelevanceIndex, query: Query): LexicalScores {
  const n = index.files.length;
  const scores = new Float64Array(n);
  const scratch = new Float64Array(n);
  const matches: TermMatch[] = [];
  for (const [term, { weight }] of query.terms) {
    const touched: number[] = [];
    for (const { field, weight: fieldWeight, b } of FIELDS) {
      accumulate(index, index[field].get(term), field, fieldWeight, b, scratch, touched);
    }
    if (touched.length === 0) continue;
    const termIdf = idf(n, touched.length) * weight;
    const amounts = touched.map((file) => {
      const tf = scratch[file] ?? 0;
      scratch[file] = 0;
      const amount = (termIdf * tf * (K1 + 1)) / (tf + K1);
      scores[file] = (scores[file] ?? 0) + amount;
      return amount;
    });
    matches.push({ term, files: touched, amounts });
  }
  const symbols = quotedSymbols(index, query, scores);
  return { scores, matches, symbols, mentions: scoreMentions(index, query.paths, scores).files };
}

/** Adds one field's normalised term frequencies to `scratch`, noting each file touched the first time. */
function accumulate(
  index: RelevanceIndex,
  list: number[] | undefined,
  field: 'path' | 'def' | 'body',
  weight: number,
  b: number,
  scratch: Float64Array,
  touched: number[],
): void {
  if (!list) return;
  const average = index.averages[field] || 1;
  for (let k = 0; k < list.length; k += 2) {
    const file = list[k] ?? 0;
    const entry = index.files[file];
    if (!entry) continue;
    const length = field === 'path' ? entry.pathLength : field === 'def' ? entry.defLength : entry.bodyLength;
    if (scratch[file] === 0) touched.push(file);
    scratch[file] = (scratch[file] ?? 0) + (weight * (list[k + 1] ?? 0)) / (1 - b + (b * length) / average);
  }
}

/**
 * Files defining the symbols the text names: quoted identifiers (exactly, else ignoring case and separators), then
 * runs of words that spell a symbol. Each adds to the file's score once per symbol.
 */
function quotedSymbols(index: RelevanceIndex, query: Query, scores: Float64Array): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const n = index.files.length;
  const add = (names: readonly string[], weight: number): void => {
    for (const name of names) {
      const definers = index.symbols.get(name) ?? [];
      const amount = weight * idf(n, definers.length);
      for (const file of definers) {
        const list = found.get(file) ?? [];
        if (list.includes(name)) continue;
        scores[file] = (scores[file] ?? 0) + amount;
        found.set(file, [...list, name]);
      }
    }
  };
  for (const identifier of query.identifiers) {
    // Ignoring case and separators is safe for a name of several words (card_service → CardService), not for one
    // word: a field `name` in a PRD is not the method `Name`.
    const loose =
      wordTokens(identifier).length > 1 ? (index.symbolsFolded.get(compactName(identifier)) ?? []) : [];
    add(index.symbols.has(identifier) ? [identifier] : loose, SYMBOL_WEIGHT);
  }
  for (const phrase of query.phrases) add(index.symbolsFolded.get(phrase) ?? [], PHRASE_WEIGHT);
  return found;
}
