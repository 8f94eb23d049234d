// What the file graph is made from, kept compact beside the index (each file's referenced names as positions in one
// sorted name table, its import specifiers), so that the graph can be made again after a change without any file's
// facts: the same edges, in the same order, as from the facts themselves.
import { createImportResolver } from '../code/imports.js';
import { buildGraph, type EdgeDraft } from './graph.js';
import type { FileGraph } from './model.js';
import { compareKeys, findKey, type KeyedRows } from './rows.js';

/** A name defined in more files than this is too common (`render`, `constructor`, `main`) to link files. */
export const MAX_DEFINERS = 5;
/** Each file keeps its strongest edges only, so that the walk stays fast and hubs do not drown the rest. */
export const MAX_EDGES = 16;

/** Per file (in the index's order): the names it uses that it does not define, and its import specifiers. */
export interface Links {
  /** Every referenced name once, sorted (compareKeys). */
  names: readonly string[];
  /** File i's references are `refs[refStart[i] .. refStart[i + 1])`, positions in `names`, in the file's order. */
  refStart: Int32Array;
  refs: Int32Array;
  /** File i's imports are `imports[importStart[i] .. importStart[i + 1])`, as written. */
  importStart: Int32Array;
  imports: readonly string[];
}

/** Links of files given by their references and imports (as names), in order. */
export function linksOf(files: readonly { refs: readonly string[]; imports: readonly string[] }[]): Links {
  // Names numbered as first met (no list of every reference as strings at once), then renumbered in sorted order.
  const met = new Map<string, number>();
  const refs = new Int32Array(files.reduce((sum, file) => sum + file.refs.length, 0));
  let k = 0;
  for (const file of files) {
    for (const name of file.refs) {
      let id = met.get(name);
      if (id === undefined) met.set(name, (id = met.size));
      refs[k++] = id;
    }
  }
  const names = [...met.keys()].sort(compareKeys);
  const sorted = new Int32Array(names.length);
  names.forEach((name, i) => (sorted[met.get(name) ?? 0] = i));
  for (let i = 0; i < refs.length; i++) refs[i] = sorted[refs[i] ?? 0] ?? 0;
  return {
    names,
    refStart: offsets(files.map((file) => file.refs.length)),
    refs,
    importStart: offsets(files.map((file) => file.imports.length)),
    imports: files.flatMap((file) => file.imports),
  };
}

export function offsets(counts: readonly number[]): Int32Array {
  const out = new Int32Array(counts.length + 1);
  counts.forEach((count, i) => (out[i + 1] = (out[i] ?? 0) + count));
  return out;
}

/**
 * The file graph of `paths` (sorted): edges to the files its imports resolve to (weight 1 per import), and to the files
 * defining the names it uses (each name adds 1 / its number of definers; the sum is square-rooted so that a file using
 * thirty names of another does not drown its other links). A file that many others point at (a logger, a barrel of
 * types) says less about each of them: edges into it are divided by the square root of their number. Each file keeps
 * its strongest.
 */
export function graphOf(paths: readonly string[], symbols: KeyedRows, links: Links): FileGraph {
  const rows = rawEdges(paths, symbols, links);
  const users = new Uint32Array(paths.length);
  for (const row of rows) for (const to of row.keys()) users[to] = (users[to] ?? 0) + 1;
  return buildGraph(
    rows.map((row) => {
      const scaled = [...row].map(([to, edge]): [number, EdgeDraft] => [
        to,
        { weight: edge.weight / Math.sqrt(users[to] ?? 1), import: edge.import },
      ]);
      if (scaled.length > MAX_EDGES) scaled.sort((a, b) => b[1].weight - a[1].weight || a[0] - b[0]);
      return new Map(scaled.slice(0, MAX_EDGES));
    }),
  );
}

function rawEdges(paths: readonly string[], symbols: KeyedRows, links: Links): Map<number, EdgeDraft>[] {
  const resolver = createImportResolver(paths);
  // The definers of each referenced name, looked up once (undefined: none, or too many to link files).
  const definers = links.names.map((name) => {
    const at = findKey(symbols.keys, name);
    const row = at < 0 ? undefined : symbols.row(at);
    return row && row.length <= MAX_DEFINERS ? row : undefined;
  });
  // Reference weights of the current file, per target: a dense scratch array and the targets touched.
  const scratch = new Float64Array(paths.length);
  return paths.map((file, from) => {
    const touched: number[] = [];
    for (let k = links.refStart[from] ?? 0; k < (links.refStart[from + 1] ?? 0); k++) {
      const row = definers[links.refs[k] ?? 0];
      if (!row) continue;
      for (const to of row) {
        if (to === from) continue;
        if (scratch[to] === 0) touched.push(to);
        scratch[to] = (scratch[to] ?? 0) + 1 / row.length;
      }
    }
    const edges = new Map<number, EdgeDraft>();
    for (const to of touched) {
      edges.set(to, { weight: Math.sqrt(scratch[to] ?? 0), import: false });
      scratch[to] = 0;
    }
    for (let k = links.importStart[from] ?? 0; k < (links.importStart[from + 1] ?? 0); k++) {
      // A Go import names a whole package: its files share the one edge.
      const targets = resolver.resolve(file, links.imports[k] ?? '').filter((to) => to !== from);
      for (const to of targets) {
        const edge = edges.get(to);
        edges.set(to, { weight: (edge?.weight ?? 0) + 1 / targets.length, import: true });
      }
    }
    return edges;
  });
}
