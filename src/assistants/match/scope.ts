// Where a rule says it applies, as globs: its activation globs, and the paths of its body's "Scope:" lines.
import { locateRuleFile } from '../rules/locations.js';
import type { RuleSource } from '../rules/model.js';
import { trimEnd } from '../../text/scan.js';
import { safeGlob } from '../../text/glob.js';

export interface RuleScope {
  /** Where the globs come from: the front matter's activation, or the body's scope lines. */
  from: 'globs' | 'scope';
  globs: string[];
}

/** A path or glob inside a scope line: code spans first, else words with a `/`, a `*` or a `*.ext` shape. */
const CODE_SPAN = /`([^`\n]+)`/g;
const PATH_WORD =
  /(?:^|[\s,;(])((?:\.{0,2}\/)?[\w.<>{}*@-]*(?:\/[\w.<>{}*@-]*)+|\*\*?(?:\/[\w.*-]+)*|\*\.[\w]+)/g;

/** The rule's scope: activation globs when it has them, else the globs its body's scope lines name, else undefined. */
export function ruleScope(source: RuleSource): RuleScope | undefined {
  // A Kilo rule loaded always despite its `paths:` is still about the files its globs name.
  const globbed = source.activation === 'globs' || source.activationNote !== undefined;
  if (globbed && source.globs.length > 0) return { from: 'globs', globs: source.globs };
  const globs = [...new Set(source.scopes.flatMap(scopeGlobs))];
  if (globs.length === 0) return undefined;
  const prefix = source.folder === undefined ? '' : `${source.folder}/`;
  return { from: 'scope', globs: globs.map((glob) => prefix + glob) };
}

/**
 * The globs one scope line names: `internal/<module>/handlers/` → `internal/*\/handlers/**`; prose ("all services")
 * gives none.
 */
export function scopeGlobs(line: string): string[] {
  const codes = [...line.matchAll(CODE_SPAN)].map((match) => match[1] ?? '');
  // Without code spans, `logs/traces/metrics` is prose: only words shaped like paths count.
  const candidates =
    codes.length > 0
      ? codes
      : [...line.matchAll(PATH_WORD)].map((match) => match[1] ?? '').filter(looksLikePath);
  return candidates.flatMap((candidate) => {
    const glob = toGlob(candidate);
    return glob === undefined ? [] : [glob];
  });
}

function toGlob(written: string): string | undefined {
  const trimmed = written.trim();
  const value = trimEnd(trimmed, '.,;:')
    .replace(/^\.?\/+/, '')
    // Placeholders: `<module>`, `{module}` (a brace list `{a,b}` stays one).
    .replace(/<[^<>/]+>|\{[^{},/]+\}/g, '*');
  if (value === '' || /\s/.test(value) || !/[/*]/.test(value) || /^[a-z]+:/i.test(value)) return undefined;
  return value.endsWith('/') ? `${value}**` : value;
}

/** A word of prose is a path only when it looks like one: a glob, a folder with its `/`, or a file name. */
function looksLikePath(word: string): boolean {
  return /[*]|\/$|\.[A-Za-z0-9]{1,6}$/.test(trimEnd(word, '.,;:'));
}

export interface ScopeMatch {
  glob: string;
  file: string;
}

/** The first (glob, file) pair where a glob of the scope matches one of `files`; a glob without `/` matches names. */
export function matchScope(scope: RuleScope, files: readonly string[]): ScopeMatch | undefined {
  for (const glob of scope.globs) {
    const isMatch = safeGlob(glob, { dot: true, basename: !glob.includes('/') });
    // A folder glob (`src/api/**`) also matches the folder named as such in a spec (`src/api/`).
    const file = files.find((candidate) => isMatch(candidate.endsWith('/') ? `${candidate}x` : candidate));
    if (file !== undefined) return { glob, file };
  }
  return undefined;
}

/** A rule location of any assistant, or anywhere in the Kilo and `.agents` folders (their modes, memory banks). */
function isRuleFolder(path: string): boolean {
  return /^\.(?:agents|kilo|kilocode)\//.test(path) || locateRuleFile(path, () => false) !== undefined;
}

/** A scope made only of the assistants' own rule and skill folders: the rule is about applying the other rules. */
export function governsRules(scope: RuleScope): boolean {
  return (
    scope.from === 'scope' && scope.globs.every((glob) => isRuleFolder(glob.replace(/\/?\*\*$/, '/x.md')))
  );
}

/**
 * For a glob with a whole-segment `*` after a literal prefix (`internal/*\/application/dtos/input/**`: one layer of
 * every module), the first module that a relevant file lies in and whose own files the glob, with that module put
 * in, matches: the text touches that module, so the rule for its layer is likely to matter.
 */
export function moduleLayer(
  scope: RuleScope,
  relevant: readonly string[],
  repoFiles: readonly string[],
): { glob: string; module: string; file: string } | undefined {
  for (const glob of scope.globs) {
    const segments = glob.split('/');
    const star = segments.indexOf('*');
    if (star < 1 || segments.slice(0, star).some((segment) => /[*?[{]/.test(segment))) continue;
    const prefix = `${segments.slice(0, star).join('/')}/`;
    const modules = new Set(
      relevant
        .filter((file) => file.startsWith(prefix))
        .map((file) =>
          file
            .split('/')
            .slice(0, star + 1)
            .join('/'),
        ),
    );
    for (const module of modules) {
      const concrete = [module, ...segments.slice(star + 1)].join('/');
      const isMatch = safeGlob(concrete, { dot: true });
      const file = repoFiles.find((candidate) => isMatch(candidate));
      if (file !== undefined) return { glob, module, file };
    }
  }
  return undefined;
}
