// BM25F over three fields of each file (path, defined symbol names, body), plus exact matches of quoted symbols.
import { scoreMentions } from './mentions.js';
import type { RelevanceIndex } from './model.js';
import { compactName, type Query } from '../text/query.js';
import { wordTokens } from '../text/tokenize.js';

/** Field weights and length normalisation: a term in the path says more than one in a definition, more than in the body. */
const FIELDS = [
  { field: 'path', weight: 3, b: 0.3 },
  { field: 'def', weight: 2, b: 0.5 },
  { field: 'body', weight: 1, b: 0.75 },
] as const;
/**
 * Term-frequency saturation, by the number of distinct terms in the text: the usual 1.2 for a question of a few
 * words, rising by one per twenty terms to 15 for a PRD or a spec. Such texts have hundreds of terms, so nearly every
 * file meets dozens of them once or twice; saturating early lets a file that meets many terms in passing outrank the
 * file that keeps using the feature's own words. Measured on the bench specs (eval:context): recall@10 over
 * repositories 0.55 with 1.2, 0.57 with 10, 0.60 with 15 to 25, 0.59 with 50.
 */
const K1 = { min: 1.2, max: 15, termsPerUnit: 20 };

function saturation(terms: number): number {
  return Math.min(K1.max, Math.max(K1.min, terms / K1.termsPerUnit));
}
/** Weight of a symbol quoted in the text (`CardService`) that a file defines, against one ordinary term. */
const SYMBOL_WEIGHT = 3;
/** Weight of a symbol whose words the text runs in a row ("payment card" for `PaymentCard`). */
const PHRASE_WEIGHT = 2;

/** A file the text names (its path or a suffix of it) gains this share of the best lexical score. */
const NAMED_SHARE = 0.5;

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
  const k1 = saturation(query.terms.size);
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
      const amount = (termIdf * tf * (k1 + 1)) / (tf + k1);
      scores[file] = (scores[file] ?? 0) + amount;
      return amount;
    });
    matches.push({ term, files: touched, amounts });
  }
  const symbols = quotedSymbols(index, query, scores);
  const mentions = scoreMentions(index, query.paths, scores);
  // A file the text names by its path is what the text is about, however few of its other words the file has.
  const best = scores.reduce((max, value) => Math.max(max, value), 0);
  for (const file of mentions.named) scores[file] = (scores[file] ?? 0) + NAMED_SHARE * best;
  return { scores, matches, symbols, mentions: mentions.files };
}

/** Adds one field's normalised term frequencies to `scratch`, noting each file touched the first time. */
function accumulate(
  index: RelevanceIndex,
  list: Int32Array | undefined,
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
