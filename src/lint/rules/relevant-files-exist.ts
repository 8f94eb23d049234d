// Every path that Relevant Files lists exists in the repository, unless the spec marks it as a file still to create.
import { z } from 'zod';
import { projectPaths } from '../../project/project.js';
import {
  basename,
  extension,
  isFileName,
  isGlob,
  normalizePath,
  readWrittenPath,
  type PathIndex,
  type WrittenPath,
} from '../../project/paths.js';
import type { SpecDocument } from '../../spec/model.js';
import { sectionEntries, sectionIndex, type Entry, type EntryRef } from '../helpers.js';
import { defineRule } from '../rule.js';
import { trimEnd } from '../../spec/text.js';

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

export const relevantFilesExist = defineRule({
  id: 'relevant-files-exist',
  description:
    'Checks that every path listed under Relevant Files exists in the repository or is marked as new.',
  severity: 'error',
  fixable: false,
  messages: {
    file: 'Missing file `{{path}}`, expected a file of the repository or a marker such as `(new)` for one to create',
    folder:
      'Missing folder `{{path}}`, expected a folder with files in the repository or a marker such as `(new)`',
    path: 'Missing path `{{path}}`, expected a file or folder of the repository or a marker such as `(new)`',
    pattern: 'Unmatched pattern `{{path}}`, expected it to match at least one file of the repository',
  },
  options: z.strictObject({
    /** Marks an entry, or a label over entries, as naming a file still to create: such paths are not checked. */
    newMarkers: z.array(z.string()).default([...NEW_MARKERS]),
    /** Marks an entry or label as naming existing files, overriding a new-file label further out. */
    existingMarkers: z.array(z.string()).default([...EXISTING_MARKERS]),
    /** Also check paths named in the description of an entry, after the path it lists. */
    checkMentions: z.boolean().default(false),
    /** Accept a partial path (`Domain/User.swift`, `engine.go`) when some file's path ends with it. */
    matchSuffix: z.boolean().default(true),
  }),
  check(doc, ctx) {
    const project = ctx.project;
    if (!project) return;
    const paths = projectPaths(project);
    const slash = ctx.relativePath.lastIndexOf('/');
    const specDir = slash < 0 ? '' : ctx.relativePath.slice(0, slash);
    const listedAll = listedPaths(doc, ctx.options);
    const where = {
      paths,
      specDir,
      matchSuffix: ctx.options.matchSuffix,
      absoluteRoot: absoluteRoot(listedAll, paths),
    };
    for (const listed of listedAll) {
      if (listed.isNew || (listed.mention && !ctx.options.checkMentions)) continue;
      if (exists(listed, where)) continue;
      // `.env`, `dist/`: git ignores them, so their absence from the listing says nothing.
      if (!listed.absolute && project.ignores?.(listed.path)) continue;
      const kind = kindOf(listed.path);
      const hint = kind === 'pattern' ? undefined : paths.closest(listed.path);
      ctx.report({
        messageId: kind,
        data: { path: listed.absolute ? `/${listed.path}` : listed.path },
        line: listed.line,
        column: listed.column,
        endColumn: listed.endColumn,
        ...(hint ? { hint: `Closest existing path: \`${hint}\`` } : {}),
      });
    }
  },
});

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
  const markers = { isNew: compile(options.newMarkers), existing: compile(options.existingMarkers) };
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

interface Markers {
  isNew: RegExp[];
  existing: RegExp[];
}

/** An entry's own nearest marker decides (before the path, else after it); then the innermost marked label. */
function isMarkedNew(entry: Entry, ref: EntryRef, markers: Markers): boolean {
  if (statusSaysNew(entry, markers)) return true;
  const found = [
    ...find(entry.prose, markers.isNew).map((at) => ({ at, isNew: true })),
    ...find(entry.prose, markers.existing).map((at) => ({ at, isNew: false })),
  ].sort((a, b) => a.at - b.at);
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
  const firstNew = Math.min(...find(text, markers.isNew), Infinity);
  const firstExisting = Math.min(...find(text, markers.existing), Infinity);
  return firstNew === firstExisting ? undefined : firstNew < firstExisting;
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

function find(text: string, patterns: readonly RegExp[]): number[] {
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match.index));
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

function kindOf(path: string): 'pattern' | 'folder' | 'file' | 'path' {
  if (isGlob(path)) return 'pattern';
  if (path.endsWith('/')) return 'folder';
  return extension(basename(path)) !== '' || isFileName(basename(path)) ? 'file' : 'path';
}

/** Repository-relative first, then from the spec's folder, then (optionally) as the tail of some path. */
function exists(written: WrittenPath, at: Where): boolean {
  const bare = trimEnd(written.path, '/');
  if (written.absolute) {
    if (found(at.paths, bare)) return true;
    if (at.absoluteRoot !== '' && bare.startsWith(`${at.absoluteRoot}/`)) {
      if (found(at.paths, bare.slice(at.absoluteRoot.length + 1))) return true;
    }
  } else {
    if (found(at.paths, bare)) return true;
    const relative = normalizePath(at.specDir === '' ? bare : `${at.specDir}/${bare}`);
    if (relative !== undefined && found(at.paths, relative)) return true;
  }
  if (!at.matchSuffix || bare.startsWith('../')) return false;
  if (isGlob(bare)) return globFinds(at.paths, `**/${bare}`);
  return at.paths.withSuffix(bare).length > 0 || at.paths.dirsWithSuffix(bare).length > 0;
}

interface Where {
  paths: PathIndex;
  specDir: string;
  matchSuffix: boolean;
  /** The folder that absolute paths in this spec take as the repository root (`home/me/repo`; '' for none). */
  absoluteRoot: string;
}

function found(paths: PathIndex, candidate: string): boolean {
  return (
    paths.hasFile(candidate) || paths.hasDir(candidate) || (isGlob(candidate) && globFinds(paths, candidate))
  );
}

/**
 * `/home/me/repo/src/a.ts` names the repository from some folder of the author's machine. Of the folders under
 * which some absolute path of the spec exists, the root is the one holding most of the spec's absolute paths,
 * then the shortest. (`/src/a.ts`, the repository's own `src/a.ts`, is tried before any root.)
 */
function absoluteRoot(listed: readonly ListedPath[], paths: PathIndex): string {
  const absolute = listed.filter((item) => item.absolute).map((item) => trimEnd(item.path, '/'));
  const roots = new Set<string>();
  for (const item of absolute) {
    const segments = item.split('/');
    for (let i = 1; i < segments.length; i++) {
      if (found(paths, segments.slice(i).join('/'))) roots.add(segments.slice(0, i).join('/'));
    }
  }
  const holds = (root: string): number => absolute.filter((item) => item.startsWith(`${root}/`)).length;
  return [...roots].sort((a, b) => holds(b) - holds(a) || a.length - b.length)[0] ?? '';
}

/** A glob finds files, or folders when its last part names no file (`internal/*`, `src/{api,web}`). */
function globFinds(paths: PathIndex, glob: string): boolean {
  if (paths.glob(glob).length > 0) return true;
  return extension(basename(glob)) === '' && paths.glob(`${glob}/**`).length > 0;
}
