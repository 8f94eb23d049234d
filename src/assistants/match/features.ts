// The signals a rule's score is made of, besides the verdict of judge(): its own text against the text asked about,
// which assistant's copy it is, and what the repository's earlier specs cite.
import { isSkillEntry, type RuleSource } from '../rules/model.js';
import type { Query } from '../../text/query.js';
import { tokenize } from '../../text/tokenize.js';

/** The features of one rule, each in [0, 1], in the order of RULE_FEATURES. */
export const RULE_FEATURES = [
  'applies',
  'likely',
  'named',
  'scoped',
  'always',
  'nameCover',
  'textCover',
  'priorWeighted',
  'priorShare',
  'priorBest',
  'noPrior',
  'likelyNoPrior',
  'ownTool',
  'otherCopy',
  'instructions',
  'reference',
  'skillPrior',
] as const;

export type RuleFeature = (typeof RULE_FEATURES)[number];
export type RuleFeatures = Record<RuleFeature, number>;

/** Characters a partial match needs in common at the start of two words (`component` and `componentes`). */
const PREFIX = 5;

/** A rule's own words: its name, title, description, headings and the first paragraph of its body. */
function ruleText(source: RuleSource): string {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const skill = source.skill?.slice(source.skill.lastIndexOf('/') + 1) ?? '';
  const paragraph =
    source.body
      .split(/\n\s*\n/)
      .map((block) => block.trim())
      .find((block) => block !== '' && !block.startsWith('#')) ?? '';
  return [
    name.replace(/[-_.]/g, ' '),
    skill.replace(/[-_.]/g, ' '),
    source.title ?? '',
    source.description ?? '',
    ...source.headings,
    paragraph.slice(0, 600),
  ].join('\n');
}

/** Each candidate rule's terms, and how rare each is among them: the other side of textCover. */
export class RuleTexts {
  private readonly terms = new Map<string, ReadonlySet<string>>();
  private readonly df = new Map<string, number>();

  constructor(sources: readonly RuleSource[]) {
    for (const source of sources) {
      // Plain tokens: the text's side carries the glossary's English words, and parsing every rule as a query is slow.
      const terms = new Set(tokenize(ruleText(source)));
      this.terms.set(source.path, terms);
      for (const term of terms) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
  }

  /**
   * The share of the rule's term weight (each term by its rarity among rules) that the text has: in full for the same
   * term, half for a word of the same first five letters.
   */
  cover(source: RuleSource, query: Query, prefixes: ReadonlySet<string>): number {
    const n = this.terms.size;
    let total = 0;
    let met = 0;
    for (const term of this.terms.get(source.path) ?? []) {
      const df = this.df.get(term) ?? 1;
      const weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      total += weight;
      if (query.terms.has(term)) met += weight;
      else if (term.length >= PREFIX && prefixes.has(term.slice(0, PREFIX))) met += weight / 2;
    }
    return total === 0 ? 0 : met / total;
  }
}

/** The five-letter starts of a query's terms, for partial matches. */
export function termPrefixes(query: Query): Set<string> {
  const out = new Set<string>();
  for (const term of query.terms.keys()) if (term.length >= PREFIX) out.add(term.slice(0, PREFIX));
  return out;
}

/**
 * The assistant the repository is set up for: the tool with the most rule, command and instruction files (ties by
 * the registry's order, through `rank`), or undefined with none.
 */
export function primaryTool(
  sources: readonly RuleSource[],
  rank: (tool: string) => number,
): string | undefined {
  const counts = new Map<string, number>();
  for (const source of sources)
    counts.set(source.tool, (counts.get(source.tool) ?? 0) + 1 + source.copies.length);
  return [...counts].sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]))[0]?.[0];
}

/** The name one rule goes by under any assistant: a skill's folder and file, else the file stem without `.instructions`. */
export function sameRuleKey(source: RuleSource): string {
  const file = source.path.slice(source.path.lastIndexOf('/') + 1).toLowerCase();
  if (source.skill !== undefined) {
    const skill = source.skill.slice(source.skill.lastIndexOf('/') + 1).toLowerCase();
    return isSkillEntry(source) ? skill : `${skill}/${file}`;
  }
  return file.replace(/(\.instructions)?\.(md|mdc|mdx|markdown|txt)$/i, '');
}
