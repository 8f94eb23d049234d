// The git grep baseline: per file, the lines `git grep -c -i -F -I <term>` counts, summed over the query's terms.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STOP_WORDS } from '../../src/text/stopwords.js';

/**
 * Running git grep once per term costs ~40 ms per term on a 2,000-file repository, and a PRD has a thousand distinct
 * words: 40 s per case. The same counts come from one read of the tracked files: a term made of word characters only
 * occurs inside one run of word characters, so the lines holding it are the lines holding a word that contains it.
 * `verify` compares these counts with git grep itself on a few terms.
 */
export interface GrepIndex {
  files: string[];
  /** Lower-cased word → flat [file, line, file, line, …], each (file, line) once. */
  lines: Map<string, number[]>;
}

const WORD = /[\p{L}\p{N}_]+/gu;

/** Reads the tracked files of `root` once; binary files (a NUL in the first 8,000 bytes, as git decides) are left out. */
export function grepIndex(root: string): GrepIndex {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\0')
    .filter((file) => file !== '');
  const files: string[] = [];
  const lines = new Map<string, number[]>();
  for (const file of listed) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(root, file));
    } catch {
      continue;
    }
    if (bytes.subarray(0, 8000).includes(0)) continue;
    const id = files.push(file) - 1;
    bytes
      .toString('utf8')
      .toLowerCase()
      .split('\n')
      .forEach((line, number) => {
        for (const word of new Set(line.match(WORD) ?? [])) {
          const list = lines.get(word);
          if (list) list.push(id, number);
          else lines.set(word, [id, number]);
        }
      });
  }
  return { files, lines };
}

/** The words a person would grep for: distinct words of three letters or more, lower-cased, without stop words. */
export function grepTerms(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return [...new Set(words)].filter(
    (word) => word.length >= 3 && !/^\d+$/.test(word) && !STOP_WORDS.has(word),
  );
}

/** Per file, the number of lines that contain `term` (case-insensitive, as a fixed string). */
export function lineCounts(index: GrepIndex, term: string): Map<string, number> {
  const needle = term.toLowerCase();
  const seen = new Map<number, Set<number>>();
  for (const [word, list] of index.lines) {
    if (!word.includes(needle)) continue;
    for (let i = 0; i < list.length; i += 2) {
      const file = list[i] ?? 0;
      let set = seen.get(file);
      if (!set) seen.set(file, (set = new Set()));
      set.add(list[i + 1] ?? 0);
    }
  }
  return new Map([...seen].map(([file, set]) => [index.files[file] ?? '', set.size]));
}

/** The `k` files with the most term-hit lines summed over `terms`, ties by path. */
export function grepTop(index: GrepIndex, terms: readonly string[], k: number): string[] {
  const totals = new Map<string, number>();
  for (const term of terms) {
    for (const [file, count] of lineCounts(index, term)) totals.set(file, (totals.get(file) ?? 0) + count);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([file]) => file);
}

/** The terms whose counts differ from what `git grep -c -i -F -I` prints in `root` (empty when they agree). */
export function verify(root: string, index: GrepIndex, terms: readonly string[]): string[] {
  return terms.filter((term) => {
    const run = spawnSync('git', ['grep', '-z', '-c', '-I', '-i', '-F', '-e', term], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const real = new Map(
      run.stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line): [string, number] => {
          const [file = '', count = ''] = line.split('\0');
          return [file, Number(count)];
        }),
    );
    const ours = lineCounts(index, term);
    return real.size !== ours.size || [...real].some(([file, count]) => ours.get(file) !== count);
  });
}
