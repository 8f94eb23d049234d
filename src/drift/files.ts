// Relevant Files against git: what each listed path became between the spec's baseline and the working tree.
import { type PathIndex } from '../workspace/paths.js';
import { basename, isFileName, isGlob, normalizePath } from '../text/paths.js';
import { listedPaths, type ListedPath } from '../spec/facts/relevant-files.js';
import type { SpecDocument } from '../spec/model.js';
import type { Change } from './git.js';
import type { FileState, FileStatus } from './model.js';
import type { DriftFinding } from './rules.js';
import { trimEnd } from '../text/scan.js';

/** What the repository held at a baseline commit: its files, relative to the root, as listed and as an index. */
export interface BaselineData {
  list: readonly string[];
  files: PathIndex;
  /** The files added since the commit (asked once, when a listed file was deleted). */
  added: () => Promise<readonly string[]>;
}

/** The baseline side of one spec's comparison: its label for messages, and what changed of the listed paths. */
export interface BaselineFiles extends BaselineData {
  label: string;
  changes: readonly Change[];
  counts: ReadonlyMap<string, [number, number]>;
}

/** A listed path as the repository knows it. */
export interface Target {
  listed: ListedPath;
  path: string;
  folder: boolean;
  /** The end of several paths (`module.go`): it exists, but which one the spec means cannot be told. */
  ambiguous: boolean;
}

export interface FilesInput {
  current: PathIndex;
  /** Whether git ignores a path: an ignored file (`.env`) may exist without being listed. */
  ignored: (path: string) => boolean;
  baseline?: BaselineFiles;
}

export interface FilesOutcome {
  findings: DriftFinding[];
  states: FileState[];
}

/**
 * The paths Relevant Files lists (globs and paths mentioned in descriptions aside), each resolved once: from the
 * root, else from the spec's folder, else as the end of exactly one path, now or at the baseline.
 */
export function listedTargets(doc: SpecDocument, spec: string, indexes: readonly PathIndex[]): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  for (const listed of listedPaths(doc)) {
    if (listed.mention || isGlob(listed.path)) continue;
    const written = listed.path.endsWith('/');
    const { path, ambiguous } = resolve(listed, spec, indexes, written);
    if (seen.has(path)) continue;
    seen.add(path);
    // `internal/budgets` names a folder as well as `internal/budgets/` does, when no file has that path.
    const folder = written || (!indexes.some((i) => i.hasFile(path)) && indexes.some((i) => i.hasDir(path)));
    targets.push({ listed, path, folder, ambiguous });
  }
  return targets;
}

/** What became of each target since the baseline (or, without one, whether it exists). */
export function fileDrift(input: FilesInput, targets: readonly Target[]): FilesOutcome {
  const findings: DriftFinding[] = [];
  const states: FileState[] = [];
  for (const { listed, path, folder, ambiguous } of targets) {
    const state = ambiguous
      ? { status: listed.isNew ? ('done' as const) : ('present' as const) }
      : stateOf(path, folder, listed, input);
    if (!state) continue;
    const shown = folder ? `${path}/` : path;
    states.push({
      path: shown,
      status: state.status,
      ...(state.to ? { to: state.to } : {}),
      line: listed.line,
    });
    const finding = findingOf(state, shown, folder, input);
    if (finding) {
      findings.push({
        ...finding,
        at: { line: listed.line, column: listed.column, endColumn: listed.endColumn },
      });
    }
  }
  return { findings, states };
}

interface Compared {
  status: FileStatus;
  to?: string;
  stat?: string;
}

/** The path's state; undefined for an absent path that git ignores (`.env`: its absence says nothing). */
function stateOf(path: string, folder: boolean, listed: ListedPath, input: FilesInput): Compared | undefined {
  let state: Compared | 'absent';
  if (input.baseline) state = compare(path, folder, listed, input.current, input.baseline);
  else if (input.current.hasFile(path) || input.current.hasDir(path)) {
    state = { status: listed.isNew ? 'done' : 'present' };
  } else state = 'absent';
  if (state !== 'absent') return state;
  if (listed.isNew) return { status: 'planned' };
  return input.ignored(path) ? undefined : { status: 'missing' };
}

function findingOf(
  state: Compared,
  shown: string,
  folder: boolean,
  input: FilesInput,
): Omit<DriftFinding, 'at'> | undefined {
  const kind = folder ? 'folder' : isFileName(basename(shown)) ? 'file' : 'path';
  const baseline = input.baseline?.label ?? '';
  switch (state.status) {
    case 'deleted':
      return {
        ruleId: 'drift/file-deleted',
        data: { kind, path: shown, baseline },
        hint: 'Remove it from Relevant Files, or list the file that took its place',
      };
    case 'renamed':
      return {
        ruleId: 'drift/file-renamed',
        data: { kind, path: shown, to: state.to ?? '', baseline },
        hint: `Replace \`${shown}\` with \`${state.to ?? ''}\``,
      };
    case 'changed':
      return {
        ruleId: 'drift/file-changed',
        data: { kind, path: shown, baseline, stat: state.stat ?? '' },
        hint: `Review it with \`git diff ${baseline} -- ${shown}\``,
      };
    case 'missing': {
      const near = input.current.closest(shown);
      return {
        ruleId: 'drift/file-missing',
        data: { kind, path: shown },
        ...(near ? { hint: `Closest existing path: \`${near}\`` } : {}),
      };
    }
    default:
      return undefined;
  }
}

function compare(
  path: string,
  folder: boolean,
  listed: ListedPath,
  current: PathIndex,
  baseline: BaselineFiles,
): Compared | 'absent' {
  const under = (file: string): boolean => (folder ? file.startsWith(`${path}/`) : file === path);
  const now = folder ? current.hasDir(path) : current.hasFile(path);
  const then = folder ? baseline.files.hasDir(path) : baseline.files.hasFile(path);
  if (!then) return now ? { status: listed.isNew ? 'done' : 'added' } : 'absent';
  const changes = baseline.changes.filter((c) => under(c.path) || (c.to !== undefined && under(c.to)));
  if (!now) {
    const to = renamedTo(path, folder, changes);
    return to ? { status: 'renamed', to } : { status: 'deleted' };
  }
  if (changes.length === 0) return { status: 'unchanged' };
  return { status: 'changed', stat: stat(changes, baseline.counts, folder) };
}

/** Where a file went, or where every file of a folder went when they all moved to one new folder. */
function renamedTo(path: string, folder: boolean, changes: readonly Change[]): string | undefined {
  if (!folder) return changes.find((c) => c.status === 'renamed' && c.path === path)?.to;
  const targets = new Set<string>();
  for (const change of changes) {
    if (!change.path.startsWith(`${path}/`)) continue;
    const tail = change.path.slice(path.length);
    if (change.status !== 'renamed' || !change.to?.endsWith(tail)) return undefined;
    targets.add(change.to.slice(0, change.to.length - tail.length));
  }
  const [only] = targets;
  return targets.size === 1 && only !== undefined ? `${only}/` : undefined;
}

function stat(
  changes: readonly Change[],
  counts: ReadonlyMap<string, [number, number]>,
  folder: boolean,
): string {
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    const [plus, minus] = counts.get(change.to ?? change.path) ?? [0, 0];
    added += plus;
    removed += minus;
  }
  const lines = `+${added} -${removed} lines`;
  return folder ? `${changes.length} file${changes.length === 1 ? '' : 's'}, ${lines}` : lines;
}

/** The repository path a listed path means; unresolved, it stays as written. */
function resolve(
  listed: ListedPath,
  spec: string,
  indexes: readonly PathIndex[],
  folder: boolean,
): { path: string; ambiguous: boolean } {
  const bare = trimEnd(listed.path, '/');
  const known = (p: string): boolean =>
    indexes.some((index) => (folder ? index.hasDir(p) : index.hasFile(p) || index.hasDir(p)));
  if (known(bare)) return { path: bare, ambiguous: false };
  const slash = spec.lastIndexOf('/');
  if (slash > 0 && !listed.absolute) {
    const relative = normalizePath(`${spec.slice(0, slash)}/${bare}`);
    if (relative !== undefined && known(relative)) return { path: relative, ambiguous: false };
  }
  if (bare.startsWith('../')) return { path: bare, ambiguous: false };
  const tails = new Set(
    indexes.flatMap((index) => (folder ? index.dirsWithSuffix(bare) : index.withSuffix(bare))),
  );
  const [only] = tails;
  if (tails.size === 1 && only !== undefined) return { path: only, ambiguous: false };
  return { path: bare, ambiguous: tails.size > 1 };
}
