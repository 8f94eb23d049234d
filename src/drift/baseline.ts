// A spec's `baseline:`: where it is written, which commit it names, and what the repository held at that commit.
import { createPathIndex } from '../workspace/paths.js';
import type { SpecDocument } from '../spec/model.js';
import type { BaselineData, BaselineFiles, Target } from './files.js';
import { addedSince, changesOf, filesAt, lineCounts } from './git.js';
import type { SpecPosition } from './model.js';

export interface WrittenBaseline {
  /** The value as written (quotes removed); undefined when the key is absent or empty. */
  value?: string;
  /** Where the key is, or the front matter's first line (line 1) when there is none. */
  at: SpecPosition;
}

const KEY = /^baseline\s*:(.*)$/;

/**
 * Reads `baseline:` from the front matter's lines rather than its parsed YAML, where an all-digit or `1e5`-like
 * short sha would turn into a number.
 */
export function readBaseline(doc: SpecDocument): WrittenBaseline {
  const front = doc.frontMatter;
  if (!front) return { at: { line: 1, column: 1 } };
  for (let line = front.line + 1; line < front.endLine; line++) {
    const match = KEY.exec(doc.lines[line - 1] ?? '');
    if (!match) continue;
    // The value up to a ` #` comment, without quotes.
    const value = withoutComment(match[1] ?? '')
      .replace(/^(['"])(.*)\1$/, '$2')
      .trim();
    const at = { line, column: 1 };
    return value === '' ? { at } : { value, at };
  }
  return { at: { line: front.line, column: 1 } };
}

/** What the drift of files needs of one baseline commit; read once per commit and run. */
export async function baselineData(root: string, commit: string): Promise<BaselineData> {
  const files = await filesAt(root, commit);
  let added: Promise<string[]> | undefined;
  return {
    list: files,
    files: createPathIndex(files),
    added: () => (added ??= addedSince(root, commit)),
  };
}

/** The changes of the listed paths since the baseline, and their line counts. */
export async function targetChanges(
  root: string,
  commit: string,
  targets: readonly Target[],
  added: () => Promise<readonly string[]>,
): Promise<Pick<BaselineFiles, 'changes' | 'counts'>> {
  const paths = targets.map((t) => t.path);
  const changes = await changesOf(root, commit, paths, added);
  // Counted over the listed paths themselves: a folder's counts take in the files added and deleted in it.
  const counts = changes.some((c) => c.status !== 'renamed')
    ? await lineCounts(root, commit, paths)
    : new Map<string, [number, number]>();
  return { changes, counts };
}

/** How a baseline is shown in messages: a sha shortened to 7 characters, a ref as written. */
export function baselineLabel(value: string, commit: string): string {
  return /^[0-9a-f]{7,64}$/i.test(value) ? commit.slice(0, 7) : value;
}

/** `abc123  # reviewed` → `abc123`: a YAML comment starts at a `#` after whitespace. */
function withoutComment(value: string): string {
  const at = value.search(/\s#/);
  return (at === -1 ? value : value.slice(0, at)).trim();
}
