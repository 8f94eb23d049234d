// A query text as terms to score: tokens, Portuguese words translated through the glossary, quoted identifiers.
import { PHRASE_STARTS, translate } from './glossary.js';
import { pathMentions } from './paths.js';
import { STOP_WORDS } from './stopwords.js';
import { foldAccents, normalizeWord, splitWord, words } from './tokenize.js';

export interface QueryTerm {
  /** Weight of the term in the query: 1 + ln(occurrences). */
  weight: number;
  /** The word as the reader knows it (before stemming; the English word for a translated one). */
  surface: string;
}

export interface Query {
  terms: ReadonlyMap<string, QueryTerm>;
  /** Identifiers written as code in the text (`CardService`, card_service, or anything in backticks). */
  identifiers: readonly string[];
  /** Two and three consecutive words run together ("payment card" → paymentcard), to meet `PaymentCard`. */
  phrases: ReadonlySet<string>;
  /** Repository paths the text names (files or folders), normalised. */
  paths: readonly string[];
  /** Whether the text asks for documentation, so that prose is not ranked below code. */
  wantsDocs: boolean;
}

/** Words that make a text ask for documentation. */
const DOC_WORDS = new Set([
  'doc',
  'docs',
  'documentation',
  'documentacao',
  'readme',
  'changelog',
  'wiki',
  'adr',
]);
/** Portuguese words that are English words of another meaning: translated only in a Portuguese text. */
const FALSE_FRIENDS = new Set(['data', 'meta', 'nota', 'total', 'status', 'link', 'item', 'email', 'token']);
const PORTUGUESE_MARKERS = new Set([
  'de',
  'que',
  'nao',
  'para',
  'com',
  'uma',
  'os',
  'do',
  'da',
  'em',
  'no',
  'na',
]);
const ENGLISH_MARKERS = new Set([
  'the',
  'of',
  'and',
  'to',
  'is',
  'that',
  'with',
  'for',
  'in',
  'on',
  'be',
  'it',
]);

export function parseQuery(text: string): Query {
  const counts = new Map<string, { count: number; surface: string }>();
  const add = (surface: string): void => {
    const term = normalizeWord(surface);
    if (term === undefined) return;
    const known = counts.get(term);
    if (known) known.count++;
    else counts.set(term, { count: 1, surface });
  };
  const raw = words(text);
  for (const word of raw) for (const part of splitWord(word)) add(part);
  for (const english of translations(raw.map((word) => foldAccents(word).toLowerCase()))) add(english);
  const terms = new Map<string, QueryTerm>();
  for (const [term, { count, surface }] of counts) terms.set(term, { weight: 1 + Math.log(count), surface });
  const folded = raw.map((word) => foldAccents(word).toLowerCase());
  return {
    terms,
    identifiers: codeIdentifiers(text),
    phrases: phrasesOf(folded),
    paths: pathMentions(text),
    wantsDocs: asksForDocs(folded),
  };
}

/**
 * Whether the text is about documentation: a short text that names it, or a long one that keeps naming it (one word
 * in fifty). A PRD that mentions `docs/` in passing still wants code.
 */
function asksForDocs(lower: readonly string[]): boolean {
  const mentions = lower.filter((word) => DOC_WORDS.has(word)).length;
  return mentions > 0 && mentions >= lower.length / 50;
}

/** A name without case or separators: `card_service`, `CardService` and `card-service` → cardservice. */
export function compactName(name: string): string {
  return foldAccents(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function phrasesOf(lower: readonly string[]): Set<string> {
  // A run of words breaks at a stop word or at a word that does not start with a letter.
  const parts = lower.map((word) =>
    STOP_WORDS.has(word) || !/^[a-z]/.test(word) ? '' : word.replace(/[^a-z0-9]/g, ''),
  );
  const phrases = new Set<string>();
  for (let i = 0; i + 1 < parts.length; i++) {
    const [first, second, third] = [parts[i] ?? '', parts[i + 1] ?? '', parts[i + 2] ?? ''];
    if (first === '' || second === '') continue;
    phrases.add(first + second);
    if (third !== '') phrases.add(first + second + third);
  }
  return phrases;
}

/** English words for the Portuguese words and two- or three-word phrases of a text. */
function translations(lower: readonly string[]): string[] {
  const portuguese = isPortuguese(lower);
  const known = new Map<string, readonly string[]>();
  const out: string[] = [];
  for (let i = 0; i < lower.length; i++) {
    const word = lower[i] ?? '';
    if (!STOP_WORDS.has(word) && (portuguese || !FALSE_FRIENDS.has(word))) {
      let english = known.get(word);
      if (!english) known.set(word, (english = translate(word) ?? []));
      out.push(...english);
    }
    if (!PHRASE_STARTS.has(word)) continue;
    for (const size of [2, 3]) {
      if (i + size > lower.length) break;
      out.push(...(translate(lower.slice(i, i + size).join(' ')) ?? []));
    }
  }
  return out;
}

/** Whether Portuguese function words outnumber English ones. */
function isPortuguese(lower: readonly string[]): boolean {
  let balance = 0;
  for (const word of lower) {
    if (PORTUGUESE_MARKERS.has(word)) balance++;
    else if (ENGLISH_MARKERS.has(word)) balance--;
  }
  return balance > 0;
}

/** Identifiers the text writes as code: inside backticks, or camelCase, PascalCase with two humps, snake_case. */
function codeIdentifiers(text: string): string[] {
  const found = new Set<string>();
  for (const span of text.match(/`[^`\n]+`/g) ?? []) {
    for (const word of words(span)) if (/^[A-Za-z_$]/.test(word) && word.length >= 3) found.add(word);
  }
  for (const word of words(text)) {
    if (/^[A-Za-z$][A-Za-z0-9$]*[a-z0-9][A-Z]|^[A-Za-z]+_[A-Za-z0-9_]*[A-Za-z0-9]$/.test(word))
      found.add(word);
  }
  return [...found];
}
