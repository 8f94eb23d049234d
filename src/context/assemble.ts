// Turns the facts of every indexed file into the searchable index: field postings, a symbol table, the file graph.
import { buildGraph, type EdgeDraft } from './graph.js';
import { createImportResolver } from '../code/imports.js';
import type { FileFacts, IndexedFile, IndexStats, Postings, RelevanceIndex, TechUse } from './model.js';
import { compactName } from '../text/query.js';
import { techsOfImport } from '../text/techs.js';
import { wordTokens, words } from '../text/tokenize.js';

/** A name defined in more files than this is too common (`render`, `constructor`, `main`) to link files. */
export const MAX_DEFINERS = 5;
/** Each file keeps its strongest edges only, so that the walk stays fast and hubs do not drown the rest. */
export const MAX_EDGES = 16;

export interface FactsOf {
  path: string;
  facts: FileFacts;
}

/** Builds the index over `records` (any order; the index lists files by path). */
export function assembleIndex(root: string, records: readonly FactsOf[], stats: IndexStats): RelevanceIndex {
  const sorted = [...records].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const memo = new Map<string, readonly string[]>();
  const postings: Record<'path' | 'def' | 'body', Postings> = {
    path: new Map(),
    def: new Map(),
    body: new Map(),
  };
  const totals = { path: 0, def: 0, body: 0 };
  const files: IndexedFile[] = sorted.map(({ path, facts }, i) => {
    const pathLength = addTokens(postings.path, i, pathWords(path), memo);
    const defLength = addTokens(postings.def, i, facts.defs, memo);
    let bodyLength = 0;
    facts.terms.forEach((term, k) => {
      const count = facts.counts[k] ?? 0;
      addPosting(postings.body, term, i, count);
      bodyLength += count;
    });
    totals.path += pathLength;
    totals.def += defLength;
    totals.body += bodyLength;
    const uses = techUses(facts.imports);
    return { path, kind: facts.kind, defs: facts.defs, pathLength, defLength, bodyLength, uses };
  });
  const n = Math.max(1, files.length);
  const symbols = symbolTable(sorted);
  return {
    root,
    stats,
    files,
    byPath: new Map(files.map((file, i) => [file.path, i])),
    segments: segmentIndex(files),
    ...postings,
    averages: { path: totals.path / n, def: totals.def / n, body: totals.body / n },
    symbols,
    symbolsFolded: foldedNames(symbols),
    graph: buildGraph(edgeDrafts(sorted, symbols)),
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
  postings: Postings,
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

function addPosting(postings: Postings, term: string, file: number, count: number): void {
  const list = postings.get(term);
  if (list) list.push(file, count);
  else postings.set(term, [file, count]);
}

function symbolTable(records: readonly FactsOf[]): Map<string, number[]> {
  const symbols = new Map<string, number[]>();
  records.forEach(({ facts }, i) => {
    for (const name of facts.defs) {
      const list = symbols.get(name);
      if (list) list.push(i);
      else symbols.set(name, [i]);
    }
  });
  return symbols;
}

function foldedNames(symbols: ReadonlyMap<string, readonly number[]>): Map<string, string[]> {
  const folded = new Map<string, string[]>();
  for (const name of symbols.keys()) {
    const key = compactName(name);
    folded.set(key, [...(folded.get(key) ?? []), name]);
  }
  return folded;
}

/**
 * Edges of each file: to the files its imports resolve to (weight 1 per import), and to the files defining the names it
 * uses (each name adds 1 / its number of definers; the sum is square-rooted so that a file using thirty names of
 * another does not drown its other links). A file that many others point at (a logger, a barrel of types) says less
 * about each of them: edges into it are divided by the square root of their number. Each file keeps its strongest.
 */
function edgeDrafts(
  records: readonly FactsOf[],
  symbols: ReadonlyMap<string, readonly number[]>,
): Map<number, EdgeDraft>[] {
  const rows = rawEdges(records, symbols);
  const users = new Uint32Array(records.length);
  for (const row of rows) for (const to of row.keys()) users[to] = (users[to] ?? 0) + 1;
  return rows.map((row) => {
    const scaled = [...row].map(([to, edge]): [number, EdgeDraft] => [
      to,
      { weight: edge.weight / Math.sqrt(users[to] ?? 1), import: edge.import },
    ]);
    if (scaled.length > MAX_EDGES) scaled.sort((a, b) => b[1].weight - a[1].weight || a[0] - b[0]);
    return new Map(scaled.slice(0, MAX_EDGES));
  });
}

function rawEdges(
  records: readonly FactsOf[],
  symbols: ReadonlyMap<string, readonly number[]>,
): Map<number, EdgeDraft>[] {
  const resolver = createImportResolver(records.map((record) => record.path));
  // Reference weights of the current file, per target: a dense scratch array and the targets touched.
  const scratch = new Float64Array(records.length);
  return records.map(({ path, facts }, from) => {
    const touched: number[] = [];
    for (const name of facts.refs) {
      const definers = symbols.get(name);
      if (!definers || definers.length > MAX_DEFINERS) continue;
      for (const to of definers) {
        if (to === from) continue;
        if (scratch[to] === 0) touched.push(to);
        scratch[to] = (scratch[to] ?? 0) + 1 / definers.length;
      }
    }
    const row = new Map<number, EdgeDraft>();
    for (const to of touched) {
      row.set(to, { weight: Math.sqrt(scratch[to] ?? 0), import: false });
      scratch[to] = 0;
    }
    for (const specifier of facts.imports) {
      // A Go import names a whole package: its files share the one edge.
      const targets = resolver.resolve(path, specifier).filter((to) => to !== from);
      for (const to of targets) {
        const edge = row.get(to);
        row.set(to, { weight: (edge?.weight ?? 0) + 1 / targets.length, import: true });
      }
    }
    return row;
  });
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
