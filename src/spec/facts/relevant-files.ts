// The paths Relevant Files lists, with positions and whether each is marked as a file still to create.
import { readWrittenPath, type WrittenPath } from '../../text/paths.js';
import type { SpecDocument } from '../model.js';
import { sectionEntries, sectionIndex, type Entry, type EntryRef } from '../walk.js';

/** Regex sources, matched case-insensitively in an entry's words or in the labels it sits under. */
export const NEW_MARKERS: readonly string[] = [
  String.raw`[(\[]\s*(?:new|novos?|novas?|a criar|criar|to create|to be created|created|criad[oa]s?|added)\b`,
  String.raw`\bnew(?:\s+files?)?\s*(?::|—|–|\s-\s)`,
  String.raw`\bnew files?\b`,
  String.raw`\bto (?:be )?create(?:d)?\b`,
  String.raw`\b(?:a\s+)?criar\b`,
  String.raw`\bnov[oa]s?\b`,
  String.raw`\bcriad[oa]s?\b`,
  String.raw`^\s*(?:new|create)\b`,
  String.raw`\bn[ãa]o existe\b|\bdoes(?:n't| not) exist\b|\bnot (?:yet )?exist`,
  String.raw`\*\*\s*(?:new|nov[oa]s?|criar)\s*\*\*`,
  String.raw`\barquivos? nov[oa]s?\b`,
  // Files the entry places outside this repository: nothing here to find.
  String.raw`\b(?:outside (?:the|this) repo(?:sitory)?|(?:another|other) repo(?:sitory)?|outro reposit[óo]rio|fora do reposit[óo]rio|module cache|cache de m[óo]dulos)\b`,
];

/** Regex sources naming files that exist (to modify or read): they end a new-file label's reach. */
export const EXISTING_MARKERS: readonly string[] = [
  String.raw`\bmodif\w*`,
  String.raw`\balter\w*`,
  String.raw`\bupdat\w*`,
  String.raw`\batualiz\w*`,
  String.raw`\bexist(?:ing|ente?s?)\b`,
  String.raw`\brefer[eê]nc\w*`,
  String.raw`\bchang\w*`,
  String.raw`\bedit\w*`,
  String.raw`\breutiliz\w*`,
  String.raw`\b(?:ler|read|leitura)\b`,
];

export interface ListedPath extends WrittenPath {
  /** Marked as a file still to create. */
  isNew: boolean;
  /** Named in the description of an entry that lists another path first (`- \`a.ts\` — moves code to \`b.ts\``). */
  mention: boolean;
  line: number;
  column: number;
  endColumn: number;
}

/** The paths that the Relevant Files section (subsections included) lists, in document order. */
export function listedPaths(
  doc: SpecDocument,
  options: { newMarkers: readonly string[]; existingMarkers: readonly string[] } = {
    newMarkers: NEW_MARKERS,
    existingMarkers: EXISTING_MARKERS,
  },
): ListedPath[] {
  const index = sectionIndex(doc, 'technical-considerations/relevant-files');
  if (index < 0) return [];
  const markers = markerSearch(options.newMarkers, options.existingMarkers);
  return sectionEntries(doc, index).flatMap((entry) => {
    const found = entry.refs.flatMap((ref) => {
      const written = readWrittenPath(ref.value, ref.source);
      return written ? [{ ref, written }] : [];
    });
    const description = descriptionStart(entry, found[0]?.ref);
    return found.map(({ ref, written }) => ({
      ...written,
      isNew: isMarkedNew(entry, ref, markers),
      mention: ref.offset >= description,
      line: ref.line,
      column: ref.column,
      endColumn: ref.endColumn,
    }));
  });
}

/** Where a list item's or table row's description of its first path begins (never, for a paragraph). */
function descriptionStart(entry: Entry, first: EntryRef | undefined): number {
  if (!first || entry.kind === 'paragraph') return Infinity;
  if (entry.kind === 'row') {
    // The cells after the first one holding a path describe it.
    let start = 0;
    for (const cell of entry.cells) {
      const end = start + cell.length;
      if (first.offset <= end) return end;
      start = end + 3;
    }
    return Infinity;
  }
  const after = first.offset + first.value.length;
  const separator = /\s[-–—]\s|[—–:(]/.exec(entry.prose.slice(after));
  return separator ? after + separator.index : Infinity;
}

/** The markers of one `listedPaths` call: compiled once per marker list, and each text searched once. */
interface Markers {
  isNew: CompiledMarkers;
  existing: CompiledMarkers;
  /** The marker positions of an entry's prose, by kind, in document order (ties: new before existing). */
  inProse: Map<string, { at: number; isNew: boolean }[]>;
  /** The verdict of a label or status cell (see `firstMarker`). */
  verdicts: Map<string, boolean | undefined>;
}

/** An entry's own nearest marker decides (before the path, else after it); then the innermost marked label. */
function isMarkedNew(entry: Entry, ref: EntryRef, markers: Markers): boolean {
  if (statusSaysNew(entry, markers)) return true;
  // The new name of a rename (`App.jsx` → `App.tsx`).
  if (/(?:→|->|=>)[\s`*_]*$/.test(entry.prose.slice(0, ref.offset))) return true;
  let found = markers.inProse.get(entry.prose);
  if (found === undefined) {
    found = [
      ...find(entry.prose, markers.isNew).map((at) => ({ at, isNew: true })),
      ...find(entry.prose, markers.existing).map((at) => ({ at, isNew: false })),
    ].sort((a, b) => a.at - b.at);
    markers.inProse.set(entry.prose, found);
  }
  // After the path only a marker that opens its description counts (`(new)`, `| Novo —`), not one deep in it.
  const end = ref.offset + ref.value.length;
  const opening = (at: number): boolean => /^[\s`|:;,—–\-([*_]*$/.test(entry.prose.slice(end, at));
  const before = found.filter((m) => m.at < ref.offset).at(-1);
  const nearest = before ?? found.find((m) => m.at >= end && opening(m.at));
  if (nearest?.isNew) return true;
  for (const label of [...entry.labels].reverse()) {
    const verdict = firstMarker(label.replace(/`[^`]*`/g, ' '), markers);
    if (verdict !== undefined) return verdict;
  }
  return false;
}

/** Whether the first marker in a label or status cell is a new-file one; undefined when it has none. */
function firstMarker(text: string, markers: Markers): boolean | undefined {
  if (markers.verdicts.has(text)) return markers.verdicts.get(text);
  const firstNew = Math.min(...find(text, markers.isNew), Infinity);
  const firstExisting = Math.min(...find(text, markers.existing), Infinity);
  const verdict = firstNew === firstExisting ? undefined : firstNew < firstExisting;
  markers.verdicts.set(text, verdict);
  return verdict;
}

const STATUS_HEADER = /^(status|state|estado|action|a[cç][aã]o|change|mudan[cç]a|opera[cç][aã]o|type|tipo)$/i;
const STATUS_NEW = /^\W*(new|create[sd]?|add(?:ed)?|novo|nova|criar|criad[oa]|adicionar|adicionad[oa])\b/i;

/** A table column such as `Status` or `Ação` whose cell says `New`, `Create`, `Novo`. */
function statusSaysNew(entry: Entry, markers: Markers): boolean {
  return entry.header.some((title, i) => {
    const cell = entry.cells[i] ?? '';
    if (!STATUS_HEADER.test(title.replace(/[*_`]/g, '').trim())) return false;
    return STATUS_NEW.test(cell) || firstMarker(cell, markers) === true;
  });
}

/** Start offsets of every match of every pattern; none at all when the one combined pattern finds nothing. */
function find(text: string, markers: CompiledMarkers): number[] {
  if (markers.any !== undefined && !markers.any.test(text)) return [];
  return markers.patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match.index));
}

interface CompiledMarkers {
  patterns: RegExp[];
  /**
   * Every pattern as one alternation: it matches a text exactly when some pattern does, so the usual entry (no
   * marker) costs one search instead of one per pattern. Undefined when the sources cannot be joined safely
   * (back-references or named groups would change meaning).
   */
  any: RegExp | undefined;
}

// Compiled marker lists by the (immutable) list of sources: a config's options, or the defaults.
const compiledLists = new WeakMap<readonly string[], CompiledMarkers>();

function markerSearch(newMarkers: readonly string[], existingMarkers: readonly string[]): Markers {
  return {
    isNew: compiled(newMarkers),
    existing: compiled(existingMarkers),
    inProse: new Map(),
    verdicts: new Map(),
  };
}

function compiled(sources: readonly string[]): CompiledMarkers {
  let known = compiledLists.get(sources);
  if (!known) {
    const patterns = compile(sources);
    known = { patterns, any: combine(patterns) };
    compiledLists.set(sources, known);
  }
  return known;
}

function combine(patterns: readonly RegExp[]): RegExp | undefined {
  if (patterns.length === 0) return /(?!)/;
  if (patterns.some((pattern) => /\\[1-9k]|\(\?</.test(pattern.source.replace(/\(\?<[=!]/g, '')))) {
    return undefined;
  }
  try {
    return new RegExp(patterns.map((pattern) => `(?:${pattern.source})`).join('|'), 'iu');
  } catch {
    return undefined;
  }
}

function compile(sources: readonly string[]): RegExp[] {
  return sources.map((source) => {
    try {
      return new RegExp(source, 'giu');
    } catch {
      // Not a valid regex: take it as literal text.
      return new RegExp(source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    }
  });
}
