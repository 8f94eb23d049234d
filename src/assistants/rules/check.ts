// `techspec rules --check`: what is wrong with a repository's rule files as the assistants read them — copies of one
// rule kept for several assistants that drifted apart, front matter an assistant will not read, globs that match no
// file, rule files where no assistant looks, and legacy layouts with the move to make. Pure: a scan and a file list in,
// findings out (the CLI and the language server call it the same way).
import type { RuleScan } from './discover.js';
import { isSkillEntry, type RuleSource } from './model.js';
import { ASSISTANTS, toolRank } from '../registry.js';
import { unreadPlaces } from './unread.js';
import { safeGlob } from '../../text/glob.js';

export type RuleFindingKind =
  'drifted-copy' | 'front-matter' | 'unmatched-glob' | 'unread-place' | 'legacy-layout';

export interface RuleFinding {
  kind: RuleFindingKind;
  /** Repository-relative path of the file the finding is about. */
  path: string;
  line?: number;
  message: string;
  /** drifted-copy: the other copies; legacy-layout, unread-place: the path to move the file to. */
  related?: string[];
}

/** Every finding for the scan of a repository whose files are `files` (repository-relative, `/`). */
export function checkRules(scan: RuleScan, files: readonly string[]): RuleFinding[] {
  const findings: RuleFinding[] = [
    ...frontMatterFindings(scan),
    ...unmatchedGlobs(scan.sources, files),
    ...driftedCopies(scan.sources),
    ...unreadPlaces(scan, files).map((place) => ({ kind: 'unread-place' as const, ...place })),
    ...legacyLayouts(files),
  ];
  return findings.sort(
    (a, b) => compare(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compare(a.message, b.message),
  );
}

/** The findings about one file (the language server's diagnostics for an open rule file). */
export function findingsFor(findings: readonly RuleFinding[], path: string): RuleFinding[] {
  return findings.filter((finding) => finding.path === path);
}

// Assistants that read their front matter line by line, so YAML they would reject is not a problem for them: Cursor
// writes `globs: *.tsx` unquoted itself.
const LINE_READERS = new Set(['cursor']);
const YAML_ERROR = 'Invalid YAML in front matter';

function frontMatterFindings(scan: RuleScan): RuleFinding[] {
  return scan.sources.flatMap((source) => {
    // A skill's other files (templates, references) are read as text: their front matter is no assistant's business.
    if (source.skill !== undefined && !isSkillEntry(source)) return [];
    return source.problems
      .filter((problem) => !(LINE_READERS.has(source.tool) && problem.message.startsWith(YAML_ERROR)))
      .map((problem) => ({
        kind: 'front-matter' as const,
        path: problem.path,
        ...(problem.line === undefined ? {} : { line: problem.line }),
        message: problem.message,
      }));
  });
}

function unmatchedGlobs(sources: readonly RuleSource[], files: readonly string[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const source of sources) {
    // A folder's own AGENTS.md scope (`pkg/**`) is made by us, not written by the author.
    if (source.folder !== undefined && source.globs.length === 1 && source.globs[0] === `${source.folder}/**`)
      continue;
    if (source.globs.length === 0) continue;
    // A glob without a slash matches a file name at any depth, as the assistants read it (`*.tsx`).
    const matches = (glob: string): boolean => {
      const isMatch = safeGlob(glob, { dot: true, basename: !glob.includes('/') });
      return files.some((file) => isMatch(file));
    };
    // One glob of several that matches nothing is harmless: the rule still activates through the others.
    if (source.globs.some(matches)) continue;
    const globs = source.globs.map((glob) => `\`${glob}\``).join(', ');
    out.push({
      kind: 'unmatched-glob',
      path: source.path,
      message: `${source.globs.length === 1 ? 'Glob' : 'Globs'} ${globs} match${source.globs.length === 1 ? 'es' : ''} no file of the repository, expected a pattern of files that exist (the rule never activates)`,
    });
  }
  return out;
}

// Names that say what a file is, not which rule it holds.
const GENERIC = new Set(['readme', 'index', 'agents', 'claude', 'gemini', 'qwen', 'crush', 'skill']);

/** Sources under different tool folders with one rule name and different texts (identical ones are merged copies). */
function driftedCopies(sources: readonly RuleSource[]): RuleFinding[] {
  const groups = new Map<string, RuleSource[]>();
  for (const source of sources) {
    const key = copyKey(source);
    if (key === undefined) continue;
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  const out: RuleFinding[] = [];
  for (const [key, group] of groups) {
    const homes = new Set(group.map((source) => source.path.split('/')[0]));
    if (group.length < 2 || homes.size < 2) continue;
    const ordered = [...group].sort((a, b) => toolRank(a.tool) - toolRank(b.tool) || compare(a.path, b.path));
    const [first, ...others] = ordered;
    if (first === undefined) continue;
    const differing = others.map((other) => `${other.path} (${lineDifference(first.body, other.body)})`);
    out.push({
      kind: 'drifted-copy',
      path: first.path,
      message: `Rule \`${key}\` differs in ${differing.join(', ')}, expected the same text in every assistant's copy`,
      related: others.map((other) => other.path),
    });
  }
  return out;
}

/** The rule's name across tool folders (`typescript` for `.cursor/rules/typescript.mdc`), for rules in folders only. */
function copyKey(source: RuleSource): string | undefined {
  if (source.folder !== undefined || !source.path.includes('/')) return undefined;
  if (source.category !== 'standard' && source.category !== 'skill') return undefined;
  if (source.skill !== undefined) {
    const name = source.skill.slice(source.skill.lastIndexOf('/') + 1);
    return `${name}/${source.path.slice(source.skill.length + 1)}`.toLowerCase();
  }
  const base = source.path.slice(source.path.lastIndexOf('/') + 1).toLowerCase();
  const stem = base.replace(/\.instructions\.md$/, '').replace(/\.(?:md|mdc|mdx|markdown|txt)$/, '');
  return GENERIC.has(stem) ? undefined : stem;
}

function lineDifference(a: string, b: string): string {
  const left = new Set(a.split('\n').map((line) => line.trim()));
  const right = b.split('\n').map((line) => line.trim());
  const changed = right.filter((line) => line !== '' && !left.has(line)).length;
  const removed = [...left].filter((line) => line !== '' && !right.includes(line)).length;
  return `${changed} line${changed === 1 ? '' : 's'} not in the first, ${removed} missing`;
}

/** A file in a layout its assistant has moved away from, and where it goes. */
export interface LegacyFile {
  /** The assistant's id. */
  assistant: string;
  label: string;
  path: string;
  to: string;
  /** Whether the assistant's current release still reads the old place. */
  read: boolean;
}

/** The files of `files` in a legacy layout of any assistant (`techspec rules --check`, `doctor` and `init` say so). */
export function legacyFiles(files: readonly string[]): LegacyFile[] {
  return ASSISTANTS.flatMap((assistant) =>
    (assistant.legacy ?? []).flatMap((layout) =>
      files
        .filter((file) => layout.pattern.test(file))
        .map((file) => ({
          assistant: assistant.id,
          label: assistant.label,
          path: file,
          to: file.replace(layout.pattern, layout.to),
          read: layout.read,
        })),
    ),
  );
}

/** How a legacy file stands: still read or dead. */
export function legacyState(file: LegacyFile): string {
  return file.read
    ? `${file.label} still reads it but has moved to the new place`
    : `${file.label} no longer reads it`;
}

function legacyLayouts(files: readonly string[]): RuleFinding[] {
  return legacyFiles(files).map((file) => ({
    kind: 'legacy-layout',
    path: file.path,
    message: `Legacy ${file.label} layout \`${file.path}\` (${legacyState(file)}), expected \`${file.to}\`: move it there`,
    related: [file.to],
  }));
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
