// Whether a text names a rule: by its path (or a copy's), a distinctive path suffix, file name or stem, or skill name.
import { isSkillEntry, type RuleSource } from '../rules/model.js';

/** A way of naming one rule, lower case, and whether it counts only in code or next to the word "skill". */
interface Name {
  text: string;
  guarded: boolean;
}

/** Characters that continue a name: a match must not touch one on either side. */
const NAME_CHAR = /[\p{L}\p{N}_-]/u;
const SKILL_WORD = /\bskills?\b/i;

/** Finds the rules a text names; one index serves every text asked about the same rule set. */
export class RuleNames {
  private readonly names = new Map<string, Name[]>();

  constructor(sources: readonly RuleSource[]) {
    const suffixCount = countSuffixes(sources);
    for (const source of sources) this.names.set(source.path, namesOf(source, suffixCount));
  }

  /** The name of `source` that `text` uses, as found, or undefined. */
  namedIn(source: RuleSource, text: Text): string | undefined {
    for (const name of this.names.get(source.path) ?? []) {
      const found = text.find(name.text, name.guarded);
      if (found) return name.text;
    }
    return undefined;
  }
}

const namesByScan = new WeakMap<readonly RuleSource[], RuleNames>();

/** The names of a scan's rules, built once per scan array (a workspace keeps one until its rules change). */
export function ruleNamesOf(sources: readonly RuleSource[]): RuleNames {
  let names = namesByScan.get(sources);
  if (!names) {
    names = new RuleNames(sources);
    namesByScan.set(sources, names);
  }
  return names;
}

/** A text prepared for name lookups: lower-cased once, with its code spans. */
export class Text {
  readonly lower: string;
  private readonly codes: Set<string>;

  constructor(text: string) {
    this.lower = text.toLowerCase();
    this.codes = new Set([...this.lower.matchAll(/`([^`\n]+)`/g)].map((match) => (match[1] ?? '').trim()));
  }

  /** Whether `name` occurs as a whole (not inside a longer word or path segment); a guarded name needs code or "skill". */
  find(name: string, guarded: boolean): boolean {
    if (guarded && this.codes.has(name)) return true;
    for (let at = this.lower.indexOf(name); at >= 0; at = this.lower.indexOf(name, at + 1)) {
      const before = this.lower[at - 1] ?? ' ';
      const after = this.lower[at + name.length] ?? ' ';
      if (NAME_CHAR.test(before) || NAME_CHAR.test(after)) continue;
      // A bare name is not a segment of a path: `agents` is not named by `.agents/skills/`.
      if (!name.includes('/') && (/[./]/.test(before) || after === '/')) continue;
      // A path suffix must start at a path's start: `rules/a.md` is not named by `other-rules/a.md`, `/` aside.
      if (name.includes('/') && before !== ' ' && !/[`'"(@./\s[*]/.test(before)) continue;
      if (!guarded) return true;
      const around = this.lower.slice(Math.max(0, at - 24), at + name.length + 24);
      if (SKILL_WORD.test(around)) return true;
    }
    return false;
  }
}

/**
 * The names of one rule: each of its paths with and without the leading dot of the tool folder; the shortest path
 * suffix (two segments or more) no other rule shares; its file name and a distinctive stem when no other rule has
 * them; and a skill's folder name for its SKILL.md.
 */
function namesOf(source: RuleSource, suffixCount: ReadonlyMap<string, number>): Name[] {
  const out: Name[] = [];
  const add = (text: string, guarded = false): void => {
    const lower = text.toLowerCase();
    if (lower !== '' && !out.some((name) => name.text === lower)) out.push({ text: lower, guarded });
  };
  for (const path of [source.path, ...source.copies]) {
    add(path);
    add(path.replace(/^\./, ''));
    const segments = path.split('/');
    for (let size = 2; size < segments.length; size++) {
      const suffix = segments.slice(-size).join('/');
      if ((suffixCount.get(suffix) ?? 0) === 1) {
        add(suffix);
        break;
      }
    }
  }
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  const generic = /^(?:skill|readme|index)\.mdx?$/i.test(name);
  // A bare file name names a rule when no other rule has it, or when the rule is a root file such as AGENTS.md.
  if (!generic && ((suffixCount.get(name) ?? 0) === 1 || !source.path.includes('/'))) {
    add(name);
    const stem = name.replace(/(\.instructions)?\.(md|mdc|mdx|markdown|txt)$/i, '');
    // `go-adapters` names a rule anywhere; `testing` only in code or next to "skill". So does the stem of a skill's
    // page (`references/state-as-type.md`): in running text, `state-as-type` is the idea the page explains.
    const page = source.skill !== undefined && !isSkillEntry(source);
    if (stem !== name && stem.length >= 3) add(stem, page || !/[-_.]/.test(stem) || stem.length < 6);
  }
  if (isSkillEntry(source) && source.skill !== undefined) {
    const skill = source.skill.slice(source.skill.lastIndexOf('/') + 1);
    add(skill, !/[-_]/.test(skill) || skill.length < 6);
  }
  return out;
}

/** How many rules have a path (their own or a copy's) ending with each suffix of whole segments. */
function countSuffixes(sources: readonly RuleSource[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const source of sources) {
    const suffixes = new Set<string>();
    for (const path of [source.path, ...source.copies]) {
      const segments = path.split('/');
      for (let size = 1; size <= segments.length; size++) suffixes.add(segments.slice(-size).join('/'));
    }
    for (const suffix of suffixes) counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
  }
  return counts;
}
