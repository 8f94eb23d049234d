// The one tokenizer of queries, paths and file contents: split identifiers, fold case and accents, drop stop words, stem.
import { STOP_WORDS } from './stopwords.js';

/** Runs of letters (Latin, accented too), digits, `_` and `$`: identifiers and words alike. */
const WORD = /[A-Za-z0-9_$\u00C0-\u024F]+/g;
/** Parts of one identifier: `HTTPServer` → HTTP, Server; `cardId2` → card, Id, 2. */
// eslint-disable-next-line regexp/no-super-linear-move -- every position matches one of the three alternatives, and `[A-Z]+` backtracks at most one capital before a lower-case letter: linear (test/security/linear-time.test.ts)
const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const NON_ASCII = /[\u0080-\uffff]/;
const VOWEL = /[aeiouy]/;
const DIGIT_START = /^[0-9]/;

/** The words and identifiers of a text, in order. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Removes accents: "cartão" → "cartao". */
export function foldAccents(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text;
}

/** Tokens of a text in order, repeats kept: identifiers split, lower-cased, accents folded, stop words out, stemmed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) out.push(...wordTokens(word));
  return out;
}

/** Tokens of one word or identifier (`CardService` → card, servic); `memo` caches them for a whole run. */
export function wordTokens(word: string, memo?: Map<string, readonly string[]>): readonly string[] {
  const known = memo?.get(word);
  if (known) return known;
  const tokens: string[] = [];
  for (const part of splitWord(word)) {
    const token = normalizeWord(part);
    if (token !== undefined) tokens.push(token);
  }
  memo?.set(word, tokens);
  return tokens;
}

/** The lower-case, folded parts of one word or identifier: `HTTPServer` → http, server. */
export function splitWord(word: string): string[] {
  return (foldAccents(word).match(PART) ?? []).map((part) => part.toLowerCase());
}

/** The term for one lower-case, folded word, or undefined for a stop word, a number or a single letter. */
export function normalizeWord(lower: string): string | undefined {
  if (lower.length < 2 || STOP_WORDS.has(lower) || /^[0-9]+$/.test(lower)) return undefined;
  return stem(lower);
}

/** The terms of a text with their counts, and its distinct identifiers (three characters or more, as written). */
export interface TextScan {
  terms: Map<string, number>;
  identifiers: string[];
}

/** Scans a text once; each distinct spelling is split and stemmed once per run (through `memo`). */
export function scanText(text: string, memo: Map<string, readonly string[]>): TextScan {
  const counts = new Map<string, number>();
  for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const terms = new Map<string, number>();
  const found: string[] = [];
  for (const [word, count] of counts) {
    if (word.length >= 3 && !DIGIT_START.test(word)) found.push(word);
    for (const token of wordTokens(word, memo)) terms.set(token, (terms.get(token) ?? 0) + count);
  }
  return { terms, identifiers: found };
}

/**
 * A light English stemmer, enough to meet plural and verb forms half way: "services" and "service" → "servic",
 * "categories" → "category", "processing" and "processed" → "process". Portuguese words pass through mostly intact.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:sh|ch|[sxz])es$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  w = stripSuffix(w, 'ing') ?? stripSuffix(w, 'ed') ?? w;
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** `word` without `suffix` when what remains is a plausible stem (three letters or more, with a vowel). */
function stripSuffix(word: string, suffix: string): string | undefined {
  if (!word.endsWith(suffix)) return undefined;
  const rest = word.slice(0, -suffix.length);
  if (rest.length < 3 || !VOWEL.test(rest)) return undefined;
  // "mapping" → "mapp" → "map"; "billing" keeps its double l, "process" its double s.
  if (/([^aeiouyls])\1$/.test(rest)) return rest.slice(0, -1);
  return rest;
}
