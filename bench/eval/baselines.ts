// The BM25 baselines techspec is measured against: plain Okapi BM25 over file contents and paths, or over rule texts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tokenize } from '../../src/text/tokenize.js';

const K1 = 1.2;
const B = 0.75;

/** A plain BM25 corpus: postings term → [doc, tf, doc, tf, …], document lengths, names. */
export interface Corpus {
  names: string[];
  lengths: Float64Array;
  average: number;
  postings: Map<string, number[]>;
}

/** Builds a corpus from named texts; each text is tokenized with techspec's tokenizer (split, folded, stemmed). */
export function buildCorpus(docs: readonly { name: string; text: string }[]): Corpus {
  const postings = new Map<string, number[]>();
  const lengths = new Float64Array(docs.length);
  docs.forEach(({ text }, i) => {
    const counts = new Map<string, number>();
    for (const token of tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
    let length = 0;
    for (const [term, count] of counts) {
      const list = postings.get(term);
      if (list) list.push(i, count);
      else postings.set(term, [i, count]);
      length += count;
    }
    lengths[i] = length;
  });
  const average = lengths.reduce((sum, value) => sum + value, 0) / Math.max(1, docs.length);
  return { names: docs.map((doc) => doc.name), lengths, average, postings };
}

/** The corpus of a repository's files: each file's path and contents (unreadable files count as empty). */
export function fileCorpus(root: string, files: readonly string[]): Corpus {
  return buildCorpus(
    files.map((file) => {
      let text = '';
      try {
        text = readFileSync(path.join(root, file), 'utf8');
      } catch {
        // A file that vanished or cannot be read has only its path.
      }
      return { name: file, text: `${file}\n${text}` };
    }),
  );
}

/** The `k` best documents for a text, by Okapi BM25 over its distinct terms (k1 1.2, b 0.75), ties by name. */
export function bm25Top(corpus: Corpus, text: string, k: number): string[] {
  const n = corpus.names.length;
  const scores = new Float64Array(n);
  for (const term of new Set(tokenize(text))) {
    const list = corpus.postings.get(term);
    if (!list) continue;
    const df = list.length / 2;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (let j = 0; j < list.length; j += 2) {
      const doc = list[j] ?? 0;
      const tf = list[j + 1] ?? 0;
      const norm = 1 - B + (B * (corpus.lengths[doc] ?? 0)) / (corpus.average || 1);
      scores[doc] = (scores[doc] ?? 0) + (idf * tf * (K1 + 1)) / (tf + K1 * norm);
    }
  }
  return topByScore(corpus.names, scores, k);
}

function topByScore(names: readonly string[], scores: ArrayLike<number>, k: number): string[] {
  return names
    .map((name, i) => ({ name, score: scores[i] ?? 0 }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, k)
    .map((entry) => entry.name);
}
