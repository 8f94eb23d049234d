// The file graph (who imports or references whom) and a personalised PageRank over it.
import type { EdgeRows, FileGraph } from './model.js';

/** One outgoing edge while the graph is assembled: total weight, and whether an import makes it. */
export interface EdgeDraft {
  weight: number;
  import: boolean;
}

/** Compresses per-file edge maps (`drafts[from]`: to → edge) into forward and backward rows. */
export function buildGraph(drafts: readonly ReadonlyMap<number, EdgeDraft>[]): FileGraph {
  const n = drafts.length;
  const forward = toRows(
    n,
    drafts.map((row) => [...row].sort((a, b) => a[0] - b[0])),
  );
  const transposed: [number, EdgeDraft][][] = Array.from({ length: n }, () => []);
  drafts.forEach((row, from) => {
    for (const [to, edge] of row) transposed[to]?.push([from, edge]);
  });
  return { forward, backward: toRows(n, transposed) };
}

function toRows(n: number, rows: readonly (readonly [number, EdgeDraft][])[]): EdgeRows {
  const total = rows.reduce((sum, row) => sum + row.length, 0);
  const out: EdgeRows = {
    start: new Int32Array(n + 1),
    to: new Int32Array(total),
    weight: new Float64Array(total),
    imports: new Uint8Array(total),
  };
  let k = 0;
  rows.forEach((row, i) => {
    out.start[i] = k;
    for (const [to, edge] of row) {
      out.to[k] = to;
      out.weight[k] = edge.weight;
      out.imports[k] = edge.import ? 1 : 0;
      k++;
    }
  });
  out.start[n] = k;
  return out;
}

export interface WalkOptions {
  /** Probability of following an edge rather than jumping back to the personalisation. */
  damping: number;
  /** Weight of walking an edge backwards (from the defining file to its user) relative to forwards. */
  reverse: number;
  iterations: number;
}

/**
 * What each file's edge weights are divided by: their total in both directions, and at least 1. A step follows a
 * forward edge with probability weight / that and a backward edge with probability reverse × weight / that; what is
 * left restarts the walk. So a file that only defines things hands most of its rank back to the seeds rather than to
 * its users, and a file whose only link is a weak one (into a logger that everything uses) keeps most of its rank.
 */
export function outWeights(graph: FileGraph): Float64Array {
  const n = graph.forward.start.length - 1;
  const out = new Float64Array(n);
  for (let u = 0; u < n; u++) out[u] = Math.max(1, rowSum(graph.forward, u) + rowSum(graph.backward, u));
  return out;
}

function rowSum(rows: EdgeRows, u: number): number {
  let sum = 0;
  for (let k = rows.start[u] ?? 0; k < (rows.start[u + 1] ?? 0); k++) sum += rows.weight[k] ?? 0;
  return sum;
}

/**
 * PageRank personalised by `seed` (non-negative, summing to 1): a walk that follows `from → to` edges (users lead
 * to definitions), walks them backwards at a lower weight, and restarts at the seed files.
 */
export function personalizedPageRank(
  graph: FileGraph,
  seed: Float64Array,
  options: WalkOptions,
): Float64Array {
  const n = seed.length;
  const out = outWeights(graph);
  let rank = Float64Array.from(seed);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const next = new Float64Array(n);
    let spent = 0;
    for (let u = 0; u < n; u++) {
      const mass = rank[u] ?? 0;
      const total = out[u] ?? 1;
      if (mass === 0) continue;
      spent += spread(graph.forward, u, (options.damping * mass) / total, next);
      spent += spread(graph.backward, u, (options.damping * mass * options.reverse) / total, next);
    }
    // Whatever did not walk an edge restarts at the seeds, so the ranks keep summing to 1.
    const restart = 1 - spent;
    let change = 0;
    for (let v = 0; v < n; v++) {
      const value = (next[v] ?? 0) + restart * (seed[v] ?? 0);
      change += Math.abs(value - (rank[v] ?? 0));
      next[v] = value;
    }
    rank = next;
    if (change < 1e-9) break;
  }
  return rank;
}

/** Sends `share` × weight along each edge of file u; returns the mass sent. */
function spread(rows: EdgeRows, u: number, share: number, next: Float64Array): number {
  let sent = 0;
  for (let k = rows.start[u] ?? 0; k < (rows.start[u + 1] ?? 0); k++) {
    const v = rows.to[k] ?? 0;
    const amount = share * (rows.weight[k] ?? 0);
    next[v] = (next[v] ?? 0) + amount;
    sent += amount;
  }
  return sent;
}

/** How rank reached a file from one neighbour: which neighbour, over which relation, and how much. */
export interface Inflow {
  neighbour: number;
  relation: 'imported by' | 'referenced by' | 'imports' | 'references';
  amount: number;
}

/** The neighbour that sent file `v` the most rank in the walk, if any sent some. */
export function strongestInflow(
  graph: FileGraph,
  rank: Float64Array,
  out: Float64Array,
  v: number,
  options: WalkOptions,
): Inflow | undefined {
  let best: Inflow | undefined;
  const consider = (
    rows: EdgeRows,
    factor: number,
    relations: [Inflow['relation'], Inflow['relation']],
  ): void => {
    for (let k = rows.start[v] ?? 0; k < (rows.start[v + 1] ?? 0); k++) {
      const u = rows.to[k] ?? 0;
      const total = out[u] ?? 0;
      if (total === 0 || u === v) continue;
      const amount = (options.damping * (rank[u] ?? 0) * factor * (rows.weight[k] ?? 0)) / total;
      if (amount > 0 && (!best || amount > best.amount || (amount === best.amount && u < best.neighbour))) {
        best = { neighbour: u, relation: rows.imports[k] ? relations[0] : relations[1], amount };
      }
    }
  };
  // Rows of `backward` for v are the files that import or reference v: they send rank forwards.
  consider(graph.backward, 1, ['imported by', 'referenced by']);
  consider(graph.forward, options.reverse, ['imports', 'references']);
  return best;
}
