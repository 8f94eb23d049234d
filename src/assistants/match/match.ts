// Decides which of a repository's rules fit a spec, a PRD or a text, each verdict with the reason that decided it.
import { isSkillEntry, type RuleCategory, type RuleSource, type RuleTool } from '../rules/model.js';
import { toolRank } from '../registry.js';
import { isSkillReference, judge, type JudgeContext, type Judgement, type Verdict } from './judge.js';
import { RuleNames, Text } from './names.js';
import { RuleTopics, techsNamedIn, textTerms } from './topic.js';
import type { TechUse } from '../../text/techs.js';
import type { StackFacts } from './stack.js';
import { techsOfFile } from '../../text/techs.js';

export type { Verdict } from './judge.js';

export interface RuleVerdict {
  /** Repository-relative, with `/`. */
  path: string;
  verdict: Verdict;
  /** Why, in a few words: "always on (alwaysApply: true)", "globs `src/api/**` match src/api/users.ts". */
  reason: string;
  tool: RuleTool;
  category: RuleCategory;
  /** The same rule elsewhere: identical copies, and the same skill file under other tools' skill folders. */
  copies: string[];
}

export interface MatchInput {
  text: string;
  /** Files the spec lists (existing or planned): a rule scoped to one of them applies. */
  relevantFiles: readonly string[];
  /** Files found relevant by ranking: a rule scoped to one of them is likely. */
  suggestedFiles?: readonly string[];
  /** Every file of the repository: a rule scoped to a layer of each module (`internal/*\/dtos/**`) is likely when the
   * text touches a module that has that layer. */
  repoFiles?: readonly string[];
  stack: StackFacts;
  /** Technologies the relevant files import (from the index): a PostgreSQL skill fits a text whose files import pgx. */
  fileUses?: ReadonlyMap<string, readonly TechUse[]>;
}

const ORDER: Record<Verdict, number> = { applies: 0, likely: 1, no: 2 };

/**
 * A verdict for every rule that may shape a tech spec (`appliesToTechSpec`): process rules, skill assets and the
 * assistant's instructions files are left out; then a rule applies when the text names it, when its globs or scope
 * lines match a listed file, or when it is always on; it is likely when they match a suggested file, when it is about
 * a technology of the relevant files or the text, or when its name, title and description meet the text's terms. A
 * skill's reference files follow their SKILL.md. Sorted applies, likely, no; then by strength and path.
 */
export function matchRules(sources: readonly RuleSource[], input: MatchInput): RuleVerdict[] {
  const candidates = sources.filter((source) => source.appliesToTechSpec);
  const { primary, variants } = groupVariants(candidates);
  const terms = textTerms(input.text);
  const listed = input.relevantFiles.map(normalize);
  const suggested = (input.suggestedFiles ?? []).map(normalize);
  const context: JudgeContext = {
    names: new RuleNames(primary),
    topics: new RuleTopics(primary),
    text: new Text(input.text),
    terms,
    listed,
    suggested,
    repoFiles: input.repoFiles ?? [],
    stack: input.stack,
    fileTechs: techsOfFiles([...listed, ...suggested], input.fileUses),
    textTechs: new Set(techsNamedIn(terms, input.text).map((tech) => tech.id)),
    skillEntries: new Set(
      sources.flatMap((source) => (isSkillEntry(source) && source.skill !== undefined ? [source.skill] : [])),
    ),
  };
  const isReference = (source: RuleSource): boolean => isSkillReference(source, context.skillEntries);
  const judged = new Map<string, Judgement>();
  // SKILL.md files first: their references are judged knowing whether their skill fits (under whatever tool).
  const skills = new Map<string, Judgement>();
  for (const source of primary.filter((s) => !isReference(s))) {
    const judgement = judge(source, context);
    judged.set(source.path, judgement);
    if (source.skill !== undefined) skills.set(variantKey(source) ?? source.path, judgement);
  }
  for (const source of primary.filter(isReference)) {
    const skill = source.skill ?? '';
    const key = variantKey(source) === undefined ? `${skill}/SKILL.md` : `${basename(skill)}/SKILL.md`;
    judged.set(source.path, judge(source, context, skills.get(key)));
  }
  const out = primary.map((source) => {
    const judgement = judged.get(source.path) ?? { verdict: 'no', reason: '', strength: 0 };
    const others = variants.get(source.path) ?? [];
    const copies = [...source.copies, ...others.flatMap((other) => [other.path, ...other.copies])].sort(
      compare,
    );
    return {
      verdict: verdictOf(source, judgement.verdict, judgement.reason, copies),
      strength: judgement.strength,
    };
  });
  for (const [kept, others] of variants) {
    for (const other of others) {
      const reason = `the same skill file as \`${kept}\`, under another tool's folder`;
      out.push({ verdict: verdictOf(other, 'no', reason, [...other.copies]), strength: 0 });
    }
  }
  return out
    .sort(
      (a, b) =>
        ORDER[a.verdict.verdict] - ORDER[b.verdict.verdict] ||
        b.strength - a.strength ||
        compare(a.verdict.path, b.verdict.path),
    )
    .map(({ verdict }) => verdict);
}

function verdictOf(source: RuleSource, verdict: Verdict, reason: string, copies: string[]): RuleVerdict {
  return { path: source.path, verdict, reason, tool: source.tool, category: source.category, copies };
}

/**
 * One skill installed for several assistants (`.agents/skills/x/`, `.claude/skills/x/`) is one candidate: each file
 * is judged once, under the folder of the tool that comes first, the others being its variants.
 */
function groupVariants(sources: readonly RuleSource[]): {
  primary: RuleSource[];
  variants: Map<string, RuleSource[]>;
} {
  const groups = new Map<string, RuleSource[]>();
  const primary: RuleSource[] = [];
  for (const source of sources) {
    const key = variantKey(source);
    if (key === undefined) primary.push(source);
    else groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  const rank = (source: RuleSource): number => toolRank(source.tool);
  const variants = new Map<string, RuleSource[]>();
  for (const group of groups.values()) {
    const [first, ...rest] = [...group].sort((a, b) => rank(a) - rank(b) || compare(a.path, b.path));
    if (!first) continue;
    primary.push(first);
    if (rest.length > 0) variants.set(first.path, rest);
  }
  return { primary, variants };
}

/** `x/SKILL.md`, `x/references/a.md` for a file of skill `x` (its folder name), whatever tool's folder holds it. */
function variantKey(source: RuleSource): string | undefined {
  if (source.skill === undefined || source.folder !== undefined) return undefined;
  return `${basename(source.skill)}/${source.path.slice(source.skill.length + 1)}`;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Technology id → the first file that shows it, by its extension (`src/a.ts`) or an import (`a.go imports pgx`). */
function techsOfFiles(
  files: readonly string[],
  uses: ReadonlyMap<string, readonly TechUse[]> = new Map(),
): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files) {
    for (const tech of techsOfFile(file)) if (!out.has(tech.id)) out.set(tech.id, file);
    for (const use of uses.get(file) ?? [])
      if (!out.has(use.tech)) out.set(use.tech, `${file} imports ${use.via}`);
  }
  return out;
}

function normalize(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
