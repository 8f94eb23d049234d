// Finds every assistant's rule files in a repository and reads each into one RuleSource, mirrored copies once.
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { KILO_CONFIG_FILES, parseJsonc, readKiloInstructions } from '../kilo-config.js';
import {
  configRuleLocation,
  kiloInstructionLocation,
  locateRuleFile,
  type RuleLocation,
} from './locations.js';
import { type RuleProblem, type RuleSource } from './model.js';
import { toolRank } from '../registry.js';
import type { SpecDocument } from '../../spec/model.js';
import { TechspecError } from '../../errors.js';
import { MAX_TEXT_BYTES } from '../../limits.js';
import { readInside } from '../../confine.js';
import { safeGlob } from '../../text/glob.js';
import { linkedFolders, readRuleFile } from './read.js';
import { buildRuleSource, type BuiltSource } from './source.js';
import type { RuleSourceMemo } from './memo.js';

export interface RuleScan {
  /** Sorted by path. */
  sources: RuleSource[];
  /** Files that could not be rules (binary, too big, unreadable) and broken configs, sorted by path. */
  problems: RuleProblem[];
}

export interface DiscoverOptions {
  /** Larger rule files are skipped with a problem (default 1 MB). */
  maxBytes?: number;
  /** Bodies are cut to this many bytes (default 64 KB). */
  maxBodyBytes?: number;
  /** Globs of rule files kept where no assistant looks (the config's `ruleFiles`, e.g. every `.md` under `rules/`). */
  extraGlobs?: readonly string[];
  /** Records kept from earlier scans (see memo.ts): a rule file whose stamp is unchanged is not read again. */
  memo?: RuleSourceMemo;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** `files` is the repository's file list (repository-relative, `/`), as `listFiles(root)` gives it. */
export function discoverRuleSources(
  root: string,
  files: readonly string[],
  options: DiscoverOptions = {},
): RuleScan {
  const problems: RuleProblem[] = [];
  const all = withLinkedFolders(root, [...new Set(files)].sort(), problems);
  const set = new Set(all);
  const located = new Map<string, RuleLocation>();
  for (const file of all) {
    const location = locateRuleFile(file, (candidate) => set.has(candidate));
    if (location) located.set(file, location);
  }
  for (const file of kiloInstructionFiles(root, all, problems)) {
    if (!located.has(file)) located.set(file, kiloInstructionLocation(file));
  }
  if (options.extraGlobs !== undefined && options.extraGlobs.length > 0) {
    const isExtra = picomatch([...options.extraGlobs], { dot: true });
    for (const file of all)
      if (!located.has(file) && isExtra(file)) located.set(file, configRuleLocation(file));
  }
  const built: BuiltSource[] = [];
  // Mirrored files are common (one skill under three tool folders): each distinct text is parsed once.
  const parsed = new Map<string, SpecDocument>();
  const { memo } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const [file, location] of located) {
    const stats = memo ? statOf(path.join(root, file)) : undefined;
    const kept = stats && stats.size <= maxBytes ? memo?.get(file, stats, location, maxBodyBytes) : undefined;
    if (kept) {
      built.push(kept);
      continue;
    }
    const reading = readRuleFile(root, file, maxBytes);
    if (!reading.ok) {
      problems.push(reading.problem);
      continue;
    }
    const source = buildRuleSource(file, location, reading, maxBodyBytes, parsed);
    if (stats) memo?.set(file, stats, location, maxBodyBytes, source);
    built.push(source);
  }
  memo?.save();
  return { sources: mergeCopies(built), problems: problems.sort(byPlace) };
}

function statOf(absolute: string): Stats | undefined {
  try {
    return statSync(absolute, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The file list with each linked rule folder replaced by its files seen through the link, sorted. */
function withLinkedFolders(root: string, files: readonly string[], problems: RuleProblem[]): string[] {
  const set = new Set(files);
  const has = (candidate: string): boolean => set.has(candidate);
  // Only a path where a rule location would accept files below it can be a linked rule folder.
  const candidates = files.filter((file) => locateRuleFile(`${file}/rule.md`, has) !== undefined);
  const linked = linkedFolders(root, candidates, files, problems);
  if (linked.links.size === 0) return [...files];
  return [...files.filter((file) => !linked.links.has(file)), ...linked.files].sort();
}

/** The files named by the `instructions` of Kilo's config files; a broken config or an empty entry is a problem. */
function kiloInstructionFiles(root: string, files: readonly string[], problems: RuleProblem[]): string[] {
  const out: string[] = [];
  for (const config of KILO_CONFIG_FILES.filter((file) => files.includes(file))) {
    let text: string;
    try {
      text = readInside(root, config, 'Kilo config', MAX_TEXT_BYTES).bytes.toString('utf8');
    } catch (error) {
      const why = error instanceof TechspecError ? error.message : String(error);
      problems.push({ path: config, message: `Kilo config cannot be read: ${why}; skipped` });
      continue;
    }
    const parsed = parseJsonc(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push({
        path: config,
        message:
          'Kilo config is not a JSON object, expected JSON with comments and trailing commas allowed; its instructions are ignored',
      });
      continue;
    }
    for (const glob of readKiloInstructions(root, config)) {
      const isMatch = safeGlob(glob, { dot: true });
      const matched = files.filter((file) => isMatch(file));
      if (matched.length === 0) {
        problems.push({
          path: config,
          message: `Kilo instructions entry \`${glob}\` matches no file, expected a path or glob of repository files`,
        });
      }
      out.push(...matched);
    }
  }
  return out;
}

/**
 * Keeps one record per distinct body: the first by tool priority, then path; the others are listed in its `copies`.
 */
function mergeCopies(built: readonly BuiltSource[]): RuleSource[] {
  const rank = (source: RuleSource): number => toolRank(source.tool);
  const ordered = [...built].sort(
    (a, b) => rank(a.source) - rank(b.source) || compareText(a.source.path, b.source.path),
  );
  const firstByContent = new Map<string, RuleSource>();
  const out: RuleSource[] = [];
  for (const { source, contentKey } of ordered) {
    const first = contentKey === undefined ? undefined : firstByContent.get(contentKey);
    if (first) {
      first.copies.push(source.path);
      continue;
    }
    if (contentKey !== undefined) firstByContent.set(contentKey, source);
    out.push(source);
  }
  for (const source of out) source.copies.sort();
  return out.sort((a, b) => compareText(a.path, b.path));
}

function byPlace(a: RuleProblem, b: RuleProblem): number {
  return compareText(a.path, b.path) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
