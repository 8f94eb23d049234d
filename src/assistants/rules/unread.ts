// The `unread-place` finding of `techspec rules --check`: a rule-like Markdown file that the assistant whose folder
// holds it does not read (`.claude/rule/x.md`, a root-only file below the root), reported only for the assistants the
// project is set up for. An assistant counts as set up when the repository holds something of it besides the unread
// files themselves: a file it reads, any other file in its folder (settings, MCP config), or a marker file. A stray
// `.windsurf/rule/x.md` in a project that uses Claude Code only is nobody's rule, so it is not reported.
import type { Assistant } from '../assistant.js';
import { ASSISTANTS } from '../registry.js';
import type { RuleScan } from './discover.js';
import { locateRuleFile } from './locations.js';

export interface UnreadPlace {
  path: string;
  message: string;
  /** The place the folder's assistant reads it from, when one rules folder of that assistant fits. */
  related?: string[];
}

// Folders whose Markdown files are meant as rules, wherever an assistant keeps them.
const RULE_DIRS = new Set(['rules', 'rule', 'steering', 'instructions', 'guidelines']);
// The places a misplaced file is tried in, to name the one its assistant reads.
const PLACES = ['rules', 'steering', 'instructions', 'guidelines', 'commands', 'workflows'];
const RULE_FILE = /\.(?:md|mdc|mdx|markdown)$/;
const OWNERS = new Map<string, Assistant>(
  ASSISTANTS.flatMap((assistant) => assistant.folders.map((name) => [`.${name}`, assistant] as const)),
);

interface Candidate {
  path: string;
  owner: Assistant;
  /** The index of the owner's dot folder among the path's parts. */
  home: number;
  /** The path where the owner reads a root-only file (`.github/copilot-instructions.md`). */
  rootPlace?: string;
}

/** The unread places of a repository whose files are `files`, for the assistants it is set up for. */
export function unreadPlaces(scan: RuleScan, files: readonly string[]): UnreadPlace[] {
  const set = new Set(files);
  const has = (file: string): boolean => set.has(file);
  const candidates = unreadCandidates(scan, files, has);
  if (candidates.length === 0) return [];
  const unread = new Set(candidates.map((candidate) => candidate.path));
  // Only the candidates' owners are asked (each question walks the file list once).
  const owners = new Set(candidates.map((candidate) => candidate.owner));
  const setUp = new Set(
    [...owners].filter((assistant) => isSetUp(assistant, scan, files, unread)).map((a) => a.id),
  );
  return candidates
    .filter((candidate) => setUp.has(candidate.owner.id))
    .map((candidate) => report(candidate, has));
}

/** Rule-like files in an assistant's dot folder that no assistant reads, and root-only files below the root. */
function unreadCandidates(
  scan: RuleScan,
  files: readonly string[],
  has: (file: string) => boolean,
): Candidate[] {
  const read = new Set(scan.sources.flatMap((source) => [source.path, ...source.copies]));
  for (const problem of scan.problems) read.add(problem.path);
  const out: Candidate[] = [];
  for (const file of files) {
    if (read.has(file) || !RULE_FILE.test(file) || locateRuleFile(file, has) !== undefined) continue;
    const parts = file.split('/');
    const home = parts.findIndex((part) => OWNERS.has(part));
    const owner = OWNERS.get(parts[home] ?? '');
    if (owner === undefined) continue;
    const rootPlace = parts.slice(home).join('/');
    if (home > 0 && locateRuleFile(rootPlace, has) !== undefined) {
      out.push({ path: file, owner, home, rootPlace });
    } else if (parts.slice(home + 1, -1).some((part) => RULE_DIRS.has(part))) {
      out.push({ path: file, owner, home });
    }
  }
  return out;
}

/** Whether the repository holds something of `assistant` besides the unread files: a read file, a marker, a folder file. */
function isSetUp(
  assistant: Assistant,
  scan: RuleScan,
  files: readonly string[],
  unread: Set<string>,
): boolean {
  if (scan.sources.some((source) => source.tool === assistant.id)) return true;
  const markers = new Set(assistant.markers ?? []);
  const folders = assistant.folders.map((name) => `.${name}`);
  return files.some(
    (file) =>
      markers.has(file) ||
      (!unread.has(file) &&
        file.split('/').some((part, i, parts) => i < parts.length - 1 && folders.includes(part))),
  );
}

function report(candidate: Candidate, has: (file: string) => boolean): UnreadPlace {
  const { path, owner, rootPlace } = candidate;
  if (rootPlace !== undefined) {
    return {
      path,
      message: `Rule file below the root where ${owner.label} reads it only at the repository root, expected \`${rootPlace}\``,
      related: [rootPlace],
    };
  }
  const folder = path.slice(0, path.lastIndexOf('/'));
  const place = readPlace(candidate, has);
  const expected =
    place === undefined
      ? `a place ${owner.label} reads (docs/assistants.md; \`techspec rules\` lists what is read)`
      : `\`${place}\`, where ${owner.label} reads it`;
  return {
    path,
    message: `Rule file in \`${folder}/\`, a folder ${owner.label} does not read, expected ${expected}`,
    ...(place === undefined ? {} : { related: [place] }),
  };
}

/** The path the owner reads with the rules-like folder named right (`.claude/rule/x.md` → `.claude/rules/x.md`). */
function readPlace(candidate: Candidate, has: (file: string) => boolean): string | undefined {
  const parts = candidate.path.split('/');
  const dir = parts.findIndex((part, i) => i > candidate.home && RULE_DIRS.has(part));
  for (const place of PLACES) {
    const moved = [...parts.slice(0, dir), place, ...parts.slice(dir + 1)].join('/');
    if (locateRuleFile(moved, has)?.tool === candidate.owner.id) return moved;
  }
  return undefined;
}
