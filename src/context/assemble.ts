// Turns the facts of every indexed file into the searchable index (field postings, a symbol table, the file graph),
// or updates an assembled index with the files that changed: the same index a full assembly would give.
import type { FileFacts, IndexedFile, IndexStats, RelevanceIndex, TechUse } from './model.js';
import { graphOf, linksOf, offsets, type Links } from './links.js';
import { compareKeys, findKey, FoldedNames, KeyedRows, PathPositions } from './rows.js';
import { compactName } from '../text/query.js';
import { techsOfImport } from '../text/techs.js';
import { wordTokens, words } from '../text/tokenize.js';

export { MAX_DEFINERS, MAX_EDGES } from './links.js';

export interface FactsOf {
  path: string;
  facts: FileFacts;
}

/** An assembled index and what its graph is made from. */
export interface Assembled {
  index: RelevanceIndex;
  links: Links;
}

type Field = 'path' | 'def' | 'body';

/** Builds the index over `records` (any order; the index lists files by path). */
export function assembleIndex(root: string, records: readonly FactsOf[], stats: IndexStats): Assembled {
  const sorted = [...records].sort((a, b) => compareKeys(a.path, b.path));
  const fresh = freshFiles(sorted, (i) => i);
  const postings = {
    path: KeyedRows.from(fresh.postings.path),
    def: KeyedRows.from(fresh.postings.def),
    body: KeyedRows.from(fresh.postings.body),
  };
  const links = linksOf(sorted.map(({ facts }) => facts));
  return { index: finish(root, stats, fresh.files, postings, links), links };
}

/**
 * `old` without the files of `removed` (gone, changed or now skipped) and with `added` (new or changed files' facts):
 * rows and links are merged, the rest (symbols, segments, graph) is made again from the merged compact data.
 */
export function updateIndex(
  root: string,
  old: Assembled,
  removed: ReadonlySet<string>,
  added: readonly FactsOf[],
  stats: IndexStats,
): Assembled {
  const sorted = [...added].sort((a, b) => compareKeys(a.path, b.path));
  const kept = old.index.files.filter((file) => !removed.has(file.path));
  // The merged order: kept files and added ones, by path; where each old file and each added one lands.
  const paths = [...kept.map((file) => file.path), ...sorted.map((record) => record.path)].sort(compareKeys);
  const positions = new Map(paths.map((file, i) => [file, i]));
  const remap = Int32Array.from(old.index.files, (file) =>
    removed.has(file.path) ? -1 : (positions.get(file.path) ?? -1),
  );
  const fresh = freshFiles(sorted, (i) => positions.get(sorted[i]?.path ?? '') ?? 0);
  const files: IndexedFile[] = new Array<IndexedFile>(paths.length);
  old.index.files.forEach((file, i) => {
    const to = remap[i] ?? -1;
    if (to >= 0) files[to] = file;
  });
  fresh.files.forEach((file) => {
    files[positions.get(file.path) ?? 0] = file;
  });
  const postings = {
    path: mergeRows(old.index.path, remap, fresh.postings.path),
    def: mergeRows(old.index.def, remap, fresh.postings.def),
    body: mergeRows(old.index.body, remap, fresh.postings.body),
  };
  const links = mergeLinks(old.links, remap, paths.length, sorted, positions);
  return { index: finish(root, stats, files, postings, links), links };
}

/** Index entries and postings (term → [position, count, …]) of newly read files; `at(i)` is where file i goes. */
function freshFiles(
  sorted: readonly FactsOf[],
  at: (i: number) => number,
): { files: IndexedFile[]; postings: Record<Field, Map<string, number[]>> } {
  const memo = new Map<string, readonly string[]>();
  const postings: Record<Field, Map<string, number[]>> = { path: new Map(), def: new Map(), body: new Map() };
  const files = sorted.map(({ path, facts }, i) => {
    const position = at(i);
    const pathLength = addTokens(postings.path, position, pathWords(path), memo);
    const defLength = addTokens(postings.def, position, facts.defs, memo);
    let bodyLength = 0;
    facts.terms.forEach((term, k) => {
      const count = facts.counts[k] ?? 0;
      addPosting(postings.body, term, position, count);
      bodyLength += count;
    });
    const uses = techUses(facts.imports);
    return { path, kind: facts.kind, defs: facts.defs, pathLength, defLength, bodyLength, uses };
  });
  return { files, postings };
}

/** What follows from the files, their postings and links: lookups, averages, symbols, segments and the graph. */
function finish(
  root: string,
  stats: IndexStats,
  files: readonly IndexedFile[],
  postings: Record<Field, KeyedRows>,
  links: Links,
): RelevanceIndex {
  const totals = { path: 0, def: 0, body: 0 };
  for (const file of files) {
    totals.path += file.pathLength;
    totals.def += file.defLength;
    totals.body += file.bodyLength;
  }
  const n = Math.max(1, files.length);
  const symbols = symbolTable(files);
  const symbolRows = KeyedRows.from(symbols);
  const paths = files.map((file) => file.path);
  return {
    root,
    stats,
    files,
    byPath: new PathPositions(paths),
    segments: KeyedRows.from(segmentIndex(files)),
    ...postings,
    averages: { path: totals.path / n, def: totals.def / n, body: totals.body / n },
    symbols: symbolRows,
    symbolsFolded: new FoldedNames(foldedNames(symbols, symbolRows), symbolRows.keys),
    graph: graphOf(paths, symbolRows, links),
  };
}

/**
 * `old`'s rows with each position moved by `remap` (-1: dropped) and `fresh`'s entries (pairs of position and count)
 * merged in by position; keys left with no entry are dropped, new keys take their sorted place.
 */
function mergeRows(
  old: KeyedRows,
  remap: Int32Array,
  fresh: ReadonlyMap<string, readonly number[]>,
): KeyedRows {
  const added = [...fresh.keys()].sort(compareKeys);
  const keys: string[] = [];
  const start: number[] = [];
  let data = new Int32Array(old.data.length + [...fresh.values()].reduce((sum, row) => sum + row.length, 0));
  let length = 0;
  const push = (position: number, count: number): void => {
    data[length++] = position;
    data[length++] = count;
  };
  let a = 0;
  for (let o = 0; o <= old.keys.length; o++) {
    const key = old.keys[o];
    // New keys that sort before this old key (or after the last one) come first.
    while (a < added.length && (key === undefined || (added[a] as string) < key)) {
      const name = added[a++] as string;
      start.push(length);
      keys.push(name);
      for (const value of fresh.get(name) ?? []) data[length++] = value;
    }
    if (key === undefined) break;
    const mark = length;
    const extra = added[a] === key ? (fresh.get(key) ?? []) : [];
    if (extra.length > 0) a++;
    let e = 0;
    for (let k = old.start[o] ?? 0; k < (old.start[o + 1] ?? 0); k += 2) {
      const to = remap[old.data[k] ?? 0] ?? -1;
      if (to < 0) continue;
      for (; e < extra.length && (extra[e] ?? 0) < to; e += 2) push(extra[e] ?? 0, extra[e + 1] ?? 0);
      push(to, old.data[k + 1] ?? 0);
    }
    for (; e < extra.length; e += 2) push(extra[e] ?? 0, extra[e + 1] ?? 0);
    if (length > mark) {
      start.push(mark);
      keys.push(key);
    }
  }
  start.push(length);
  data = data.slice(0, length);
  return new KeyedRows(keys, Int32Array.from(start), data);
}

/**
 * `old` links of the kept files, moved to their new positions, with the added files' references and imports. The name
 * table is merged, not sorted again: the added files' new names take their sorted place, and names no file uses any
 * more stay (they link nothing).
 */
function mergeLinks(
  old: Links,
  remap: Int32Array,
  count: number,
  added: readonly FactsOf[],
  positions: ReadonlyMap<string, number>,
): Links {
  const oldNames = old.names;
  const fresh = [...new Set(added.flatMap(({ facts }) => facts.refs))]
    .filter((name) => findKey(oldNames, name) < 0)
    .sort(compareKeys);
  const names: string[] = [];
  const renamed = new Int32Array(oldNames.length);
  let f = 0;
  oldNames.forEach((name, i) => {
    while (f < fresh.length && (fresh[f] as string) < name) names.push(fresh[f++] as string);
    renamed[i] = names.length;
    names.push(name);
  });
  while (f < fresh.length) names.push(fresh[f++] as string);
  // Where each new position's links come from: an old position (≥ 0), or an added file (-1 - its place in `added`).
  const from = new Int32Array(count);
  remap.forEach((to, at) => {
    if (to >= 0) from[to] = at;
  });
  added.forEach(({ path }, k) => {
    from[positions.get(path) ?? 0] = -1 - k;
  });
  const refCounts: number[] = [];
  const importCounts: number[] = [];
  const imports: string[] = [];
  const refs: number[] = [];
  for (const at of from) {
    if (at >= 0) {
      const ids = old.refs.subarray(old.refStart[at], old.refStart[at + 1]);
      for (const id of ids) refs.push(renamed[id] ?? 0);
      refCounts.push(ids.length);
      const own = old.imports.slice(old.importStart[at], old.importStart[at + 1]);
      imports.push(...own);
      importCounts.push(own.length);
    } else {
      const { facts } = added[-1 - at] as FactsOf;
      for (const name of facts.refs) refs.push(findKey(names, name));
      refCounts.push(facts.refs.length);
      imports.push(...facts.imports);
      importCounts.push(facts.imports.length);
    }
  }
  return {
    names,
    refStart: offsets(refCounts),
    refs: Int32Array.from(refs),
    importStart: offsets(importCounts),
    imports,
  };
}

function segmentIndex(files: readonly IndexedFile[]): Map<string, number[]> {
  const segments = new Map<string, number[]>();
  files.forEach((file, i) => {
    for (const segment of new Set(file.path.split('/'))) {
      const list = segments.get(segment);
      if (list) list.push(i);
      else segments.set(segment, [i]);
    }
  });
  return segments;
}

/** The words of a path without its extension: `src/billing/CardService.ts` → src, billing, CardService. */
function pathWords(file: string): string[] {
  return words(file.replace(/\.[A-Za-z0-9]+$/, ''));
}

function addTokens(
  postings: Map<string, number[]>,
  file: number,
  names: readonly string[],
  memo: Map<string, readonly string[]>,
): number {
  const counts = new Map<string, number>();
  let length = 0;
  for (const name of names) {
    for (const token of wordTokens(name, memo)) {
      counts.set(token, (counts.get(token) ?? 0) + 1);
      length++;
    }
  }
  for (const [term, count] of counts) addPosting(postings, term, file, count);
  return length;
}

function addPosting(postings: Map<string, number[]>, term: string, file: number, count: number): void {
  const list = postings.get(term);
  if (list) list.push(file, count);
  else postings.set(term, [file, count]);
}

/** Symbol name → the files defining it, each once per definition, names in the order they are first defined. */
function symbolTable(files: readonly IndexedFile[]): Map<string, number[]> {
  const symbols = new Map<string, number[]>();
  files.forEach(({ defs }, i) => {
    for (const name of defs) {
      const list = symbols.get(name);
      if (list) list.push(i);
      else symbols.set(name, [i]);
    }
  });
  return symbols;
}

/** Folded name → positions in `rows` of the names it stands for, in the order the names were first defined. */
function foldedNames(symbols: ReadonlyMap<string, readonly number[]>, rows: KeyedRows): KeyedRows {
  const folded = new Map<string, number[]>();
  let at = 0;
  const positions = new Map(rows.keys.map((name) => [name, at++]));
  for (const name of symbols.keys()) {
    const key = compactName(name);
    const list = folded.get(key);
    const position = positions.get(name) ?? 0;
    if (list) list.push(position);
    else folded.set(key, [position]);
  }
  return KeyedRows.from(folded);
}

/** The technologies a file's imports bring in, each once, with the first import that showed it. */
function techUses(imports: readonly string[]): TechUse[] {
  const out: TechUse[] = [];
  for (const specifier of imports) {
    const found = techsOfImport(specifier);
    if (!found) continue;
    for (const tech of found.techs)
      if (!out.some((use) => use.tech === tech.id)) out.push({ tech: tech.id, via: found.name });
  }
  return out;
}
