// The data of the context engine: what one file contributes to the index, the index itself, and a ranked file.
import type { FileKind, SkipReason } from '../code/classify.js';
import type { TechUse } from '../text/techs.js';
import type { FoldedNames, KeyedRows, PathPositions } from './rows.js';

export { SKIP_REASONS, type FileKind, type SkipReason } from '../code/classify.js';
export type { TechUse } from '../text/techs.js';

/** What one readable text file contributes; the unit of the on-disk cache. */
export interface FileFacts {
  kind: FileKind;
  /** Language whose definitions were read (a tree-sitter grammar or a pattern fallback), if any. */
  lang?: string;
  /** Symbol names the file defines (classes, functions, methods, interfaces, types, structs, enums). */
  defs: string[];
  /** Distinct identifiers the file uses that it does not define itself: candidate references. */
  refs: string[];
  /** Module specifiers of its imports, as written. */
  imports: string[];
  /** Content terms (tokenized), each once, and how often each occurs (`counts[i]` for `terms[i]`). */
  terms: string[];
  counts: number[];
}

/** The outcome of looking at one listed file. */
export type FileOutcome = { path: string; skip: SkipReason } | { path: string; facts: FileFacts };

export interface IndexStats {
  /** Files listed (git tracked and untracked-not-ignored, or a walk outside git). */
  files: number;
  /** Files in the index. */
  indexed: number;
  /** Files left out, by reason; every reason is present. */
  skipped: Record<SkipReason, number>;
  /** Files parsed with a tree-sitter grammar in this run. */
  parsed: number;
  /** Indexed files whose facts came from the cache, unread or unchanged. */
  fromCache: number;
  /** Wall time of buildIndex in milliseconds. */
  ms: number;
}

/** One indexed file as the ranking sees it. */
export interface IndexedFile {
  path: string;
  kind: FileKind;
  defs: readonly string[];
  pathLength: number;
  defLength: number;
  bodyLength: number;
  /** Technologies its imports bring in (`postgres` for an import of `github.com/jackc/pgx/v5`), each with that import. */
  uses: readonly TechUse[];
}

/** How file `from` relates to file `to`: it imports it, or it uses a symbol that `to` defines. */
export type EdgeKind = 'import' | 'reference';

/**
 * Edges in compressed rows: the edges of file i are `[start[i], start[i + 1])` of `to`, `weight` and `imports`
 * (1 when the edge is an import, 0 when only references make it). `forward` holds `from → to` rows per `from`,
 * `backward` the same edges as rows per `to`.
 */
export interface EdgeRows {
  start: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  imports: Uint8Array;
}

export interface FileGraph {
  forward: EdgeRows;
  backward: EdgeRows;
}

/** Postings of one field: term → flat [fileIndex, termFrequency, fileIndex, termFrequency, …]. */
export type Postings = KeyedRows;

export interface RelevanceIndex {
  root: string;
  stats: IndexStats;
  files: readonly IndexedFile[];
  /** Repository-relative path → index into `files`. */
  byPath: PathPositions;
  /** Each folder or file name → the files whose path has it as a segment: where a path named in a text can be. */
  segments: KeyedRows;
  path: Postings;
  def: Postings;
  body: Postings;
  averages: { path: number; def: number; body: number };
  /** Symbol name (as written) → indexes of the files that define it. */
  symbols: KeyedRows;
  /** Symbol name without case or separators (see compactName) → the names as written. */
  symbolsFolded: FoldedNames;
  /** Forward edges: who imports or references whom. */
  graph: FileGraph;
}

export interface RankedFile {
  path: string;
  score: number;
  /** E.g. "defines `CardService`; matches card, payment; referenced by src/a.ts". */
  reason: string;
}
