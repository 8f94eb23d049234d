// Decides which of a repository's rules fit a spec, a PRD or a text, each verdict with the reason that decided it.
import { isSkillEntry, type RuleCategory, type RuleSource, type RuleTool } from '../rules/model.js';
import { toolRank } from '../registry.js';
import {
  INSTRUCTIONS,
  isSkillReference,
  judge,
  type JudgeContext,
  type Judgement,
  type Verdict,
} from './judge.js';
export type { Judgement } from './judge.js';
import { RuleNames, Text } from './names.js';
import { RuleTopics, techsNamedIn, textTerms, type TextTerms } from './topic.js';
import type { TechUse } from '../../text/techs.js';
import type { StackFacts } from './stack.js';
import { techsOfFile } from '../../text/techs.js';
import { parseQuery, type Query } from '../../text/query.js';
import { primaryTool, RuleTexts, sameRuleKey, termPrefixes, type RuleFeatures } from './features.js';
import { DEFAULT_RULE_MODEL, ruleScore, type RuleModel } from './score.js';

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
  /** How likely the rule is to be cited (0–1): the verdict is this score against the model's thresholds. */
  score: number;
}

/** A rule before scoring: the judge's verdict and every feature of its score. */
export interface RuleCandidate {
  path: string;
  copies: string[];
  tool: RuleTool;
  category: RuleCategory;
  judgement: Judgement;
  features: RuleFeatures;
}

/** What the repository's earlier specs cite, by rule path: similarity-weighted share, plain share, closest spec. */
export interface PriorCitations {
  weighted: ReadonlyMap<string, number>;
  share: ReadonlyMap<string, number>;
  best: ReadonlyMap<string, number>;
}

export interface MatchInput {
  text: string;
  /** The text already parsed (`parseQuery(text)`), when the caller has it: the text is then not parsed again. */
  query?: Query;
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
  /** What earlier specs of the repository cite; absent or empty when it has none. */
  prior?: PriorCitations;
}

const ORDER: Record<Verdict, number> = { applies: 0, likely: 1, no: 2 };

/**
 * A verdict for every rule that may shape a tech spec (`appliesToTechSpec`): process rules, skill assets and the
 * assistant's instructions files are left out; then a rule applies when the text names it, when its globs or scope
 * lines match a listed file, or when it is always on; it is likely when they match a suggested file, when it is about
 * a technology of the relevant files or the text, or when its name, title and description meet the text's terms. A
 * skill's reference files follow their SKILL.md. Sorted applies, likely, no; then by strength and path.
 */
export function matchRules(
  sources: readonly RuleSource[],
  input: MatchInput,
  model: RuleModel = DEFAULT_RULE_MODEL,
): RuleVerdict[] {
  return scoreRules(ruleCandidates(sources, input), model);
}

/** Verdicts from candidates: each scored by the model and cut at its thresholds; applies, likely, no, best first. */
export function scoreRules(candidates: readonly RuleCandidate[], model: RuleModel): RuleVerdict[] {
  return candidates
    .map((candidate) => {
      const score = Math.round(ruleScore(model, candidate.features) * 1e4) / 1e4;
      // Above the likely threshold, a rule the checks decide (named, scoped to a listed file, always on) applies, and so
      // does any rule scoring above the applies threshold.
      const decided = candidate.judgement.verdict === 'applies';
      const verdict: Verdict =
        score >= model.likely && (decided || score >= model.applies)
          ? 'applies'
          : score >= model.likely
            ? 'likely'
            : 'no';
      const { path, tool, category, copies } = candidate;
      return { path, verdict, reason: reasonOf(candidate, verdict), tool, category, copies, score };
    })
    .sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || b.score - a.score || compare(a.path, b.path));
}

/** The judge's reason when it agrees; else what the score rests on (earlier specs, the rule's own text). */
function reasonOf(candidate: RuleCandidate, verdict: Verdict): string {
  const { judgement, features } = candidate;
  const prior =
    features.priorShare > 0
      ? `cited by ${Math.round(features.priorShare * 100)}% of the earlier specs (closest at ${features.priorBest.toFixed(2)} similarity)`
      : undefined;
  if ((verdict === 'no') === (judgement.verdict === 'no')) {
    return prior === undefined || verdict === 'no' ? judgement.reason : `${judgement.reason}; ${prior}`;
  }
  if (verdict === 'no') return `${judgement.reason}, yet scored below the threshold`;
  const text =
    features.textCover > 0 ? `its own text meets the text (${features.textCover.toFixed(2)})` : undefined;
  const said = [prior, text].filter((part) => part !== undefined).join('; ');
  return said === '' ? `${judgement.reason}; scored above the threshold` : said;
}

/** Every candidate rule with the judge's verdict and the features of its score. */
export function ruleCandidates(sources: readonly RuleSource[], input: MatchInput): RuleCandidate[] {
  const candidates = sources.filter((source) => source.appliesToTechSpec);
  const tool = primaryTool(sources, toolRank);
  const { primary, variants } = groupVariants(candidates, tool);
  const terms = textTerms(input.text, input.query);
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
  const signals = new Signals(primary, variants, input, { tool, topics: context.topics, terms });
  const out: RuleCandidate[] = primary.map((source) => {
    const judgement = judged.get(source.path) ?? { verdict: 'no', reason: '', strength: 0 };
    const others = variants.get(source.path) ?? [];
    const copies = [...source.copies, ...others.flatMap((other) => [other.path, ...other.copies])].sort(
      compare,
    );
    const features = signals.of(source, judgement, isReference(source));
    return { path: source.path, copies, tool: source.tool, category: source.category, judgement, features };
  });
  for (const [kept, others] of variants) {
    for (const other of others) {
      const reason = `the same skill file as \`${kept}\`, under another tool's folder`;
      const judgement: Judgement = { verdict: 'no', reason, strength: 0 };
      out.push({
        path: other.path,
        copies: [...other.copies],
        tool: other.tool,
        category: other.category,
        judgement,
        features: { ...NO_FEATURES, otherCopy: 1 },
      });
    }
  }
  return out;
}

const NO_FEATURES: RuleFeatures = {
  applies: 0,
  likely: 0,
  named: 0,
  scoped: 0,
  always: 0,
  nameCover: 0,
  textCover: 0,
  priorWeighted: 0,
  priorShare: 0,
  priorBest: 0,
  noPrior: 0,
  likelyNoPrior: 0,
  ownTool: 0,
  otherCopy: 0,
  instructions: 0,
  reference: 0,
  skillPrior: 0,
};

/** Builds each primary rule's features from what one run shares: rule texts, same-name groups, earlier citations. */
class Signals {
  private readonly texts: RuleTexts;
  private readonly topics: RuleTopics;
  private readonly query;
  private readonly prefixes: Set<string>;
  private readonly ownTools = new Map<string, boolean>();
  private readonly noPrior: boolean;
  private readonly terms: TextTerms;
  private readonly tool: string | undefined;

  constructor(
    primary: readonly RuleSource[],
    private readonly variants: ReadonlyMap<string, readonly RuleSource[]>,
    private readonly input: MatchInput,
    shared: { tool: string | undefined; topics: RuleTopics; terms: TextTerms },
  ) {
    this.tool = shared.tool;
    this.texts = new RuleTexts(primary);
    this.topics = shared.topics;
    this.query = input.query ?? parseQuery(input.text);
    this.terms = shared.terms;
    this.prefixes = termPrefixes(this.query);
    this.noPrior = (input.prior?.share.size ?? 0) === 0;
    // One rule written for several assistants: the repository's own assistant's copy is the one its authors cite.
    for (const source of primary) {
      const key = sameRuleKey(source);
      const own = source.tool === this.tool;
      this.ownTools.set(key, (this.ownTools.get(key) ?? false) || own);
    }
  }

  of(source: RuleSource, judgement: Judgement, reference: boolean): RuleFeatures {
    const paths = [source.path, ...(this.variants.get(source.path) ?? []).map((other) => other.path)];
    const prior = (map: ReadonlyMap<string, number> | undefined): number =>
      Math.max(0, ...paths.map((path) => map?.get(path) ?? 0));
    const skillEntry = source.skill === undefined ? undefined : `${source.skill}/SKILL.md`;
    const topic = this.topics.match(source, this.terms);
    const likely = judgement.verdict === 'likely' ? 1 : 0;
    const own = source.tool === this.tool;
    return {
      applies: judgement.verdict === 'applies' ? 1 : 0,
      likely,
      named: judgement.verdict === 'applies' && judgement.strength === 100 ? 1 : 0,
      scoped: judgement.verdict !== 'no' && [55, 60, 80].includes(judgement.strength) ? 1 : 0,
      always: judgement.verdict === 'applies' && judgement.strength === 50 ? 1 : 0,
      nameCover: topic.coverage ?? topic.description,
      textCover: this.texts.cover(source, this.query, this.prefixes),
      priorWeighted: prior(this.input.prior?.weighted),
      priorShare: prior(this.input.prior?.share),
      priorBest: prior(this.input.prior?.best),
      noPrior: this.noPrior ? 1 : 0,
      likelyNoPrior: this.noPrior ? likely : 0,
      ownTool: own ? 1 : 0,
      otherCopy: !own && this.ownTools.get(sameRuleKey(source)) === true ? 1 : 0,
      instructions: INSTRUCTIONS.test(source.path) ? 1 : 0,
      reference: reference ? 1 : 0,
      skillPrior:
        reference && skillEntry !== undefined ? (this.input.prior?.weighted.get(skillEntry) ?? 0) : 0,
    };
  }
}

/**
 * One skill installed for several assistants (`.agents/skills/x/`, `.claude/skills/x/`) is one candidate: each file
 * is judged once, under the folder of the tool that comes first, the others being its variants.
 */
function groupVariants(
  sources: readonly RuleSource[],
  tool: string | undefined,
): {
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
  // The repository's own assistant's copy first, then the registry's order.
  const rank = (source: RuleSource): number => (source.tool === tool ? -1 : toolRank(source.tool));
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
