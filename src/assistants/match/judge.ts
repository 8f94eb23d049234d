// The verdict on one rule, from the first reason that decides it: process, asset, named, scope, always on, stack, topic.
import { assistantById } from '../registry.js';
import { isSkillEntry, type RuleSource } from '../rules/model.js';
import type { RuleNames, Text } from './names.js';
import { governsRules, matchScope, moduleLayer, ruleScope, type RuleScope } from './scope.js';
import type { RuleIdentity, RuleTopics, TextTerms, TopicMatch } from './topic.js';
import type { StackFacts } from './stack.js';
import type { Tech } from '../../text/techs.js';
import { tokenize } from '../../text/tokenize.js';

export type Verdict = 'applies' | 'likely' | 'no';

/** What every verdict of one run is judged against, built once by matchRules. */
export interface JudgeContext {
  names: RuleNames;
  topics: RuleTopics;
  text: Text;
  terms: TextTerms;
  listed: readonly string[];
  suggested: readonly string[];
  repoFiles: readonly string[];
  stack: StackFacts;
  /** Technology id → the first relevant (listed or suggested) file written in it. */
  fileTechs: ReadonlyMap<string, string>;
  /** Technologies the text names. */
  textTechs: ReadonlySet<string>;
  /** Skill folders that have a SKILL.md: their other files are its pages (see isSkillReference). */
  skillEntries: ReadonlySet<string>;
}

export interface Judgement {
  verdict: Verdict;
  reason: string;
  /** Orders verdicts of one kind: named before scoped before always on; topics by their score. */
  strength: number;
  /** A `no` for what the rule is (process, another technology), not for how the text reads: it binds its references. */
  final?: boolean;
}

/** A likely topic needs this share of the weight of the rule's name and title terms… */
const MIN_COVERAGE = 0.5;
/** …or, for a rule whose name and title say nothing of its own (`code-standards`), this share of its description's… */
const MIN_DESCRIPTION = 0.3;
/** …over at least this many of its terms. */
const MIN_DESCRIPTION_TERMS = 3;

/** Terms that make a rule about process rather than code: commits, reviews, branches, changelogs, spec writing. */
const PROCESS = new Set(
  tokenize(`commit git branch merge rebase pull review changelog release prd techspec brainstorming triage jira
  epic backlog`),
);
/**
 * Words that make a skill (or rule file) a workflow when they are in its own name: `create-tasks`, `execute-task`, and
 * the ways of working an agent follows rather than standards a spec cites (`writing-plans`,
 * `verification-before-completion`, `systematic-debugging`, `using-git-worktrees`, `subagent-driven-development`).
 */
const WORKFLOW_NAME = new Set(
  tokenize(
    'task create execute bugfix discovery prompt plan completion worktree subagent dispatching debugging',
  ),
);
/** Folders of a skill that hold templates, scripts and samples rather than guidance. */
const SKILL_ASSETS = new Set(
  'assets templates template examples example scripts evals fixtures tests data'.split(' '),
);
/** Files that instruct the assistant about the whole project: loaded always, yet not a standard to cite. */
export const INSTRUCTIONS =
  /(?:^|\/)(?:AGENTS\.md|CLAUDE(?:\.local)?\.md|GEMINI\.md|copilot-instructions\.md)$/;

/**
 * Judges one rule. `skill` is the verdict on the SKILL.md of the skill a reference file belongs to: a reference is
 * read only when its skill is, so a skill that does not fit takes its references with it.
 */
export function judge(source: RuleSource, context: JudgeContext, skill?: Judgement): Judgement {
  const say = (verdict: Verdict, reason: string, strength = 0): Judgement => ({ verdict, reason, strength });
  const identity = context.topics.identity(source);
  const process = processWord(source, identity, context);
  if (process !== undefined) {
    return {
      ...say('no', `process rule (${process}): left out of Standards Compliance by default`),
      final: true,
    };
  }
  const asset = skillAsset(source);
  if (asset !== undefined) return say('no', `a skill's ${asset}, not guidance of its own`);
  const named = context.names.namedIn(source, context.text);
  if (named !== undefined) return say('applies', `named in the text (\`${named}\`)`, 100);
  if (INSTRUCTIONS.test(source.path)) {
    return say(
      'no',
      'instructions the assistant loads for every task, not a standard: left out unless named',
    );
  }
  if (skill?.final) return { ...say('no', `its skill is left out (${skill.reason})`), final: true };
  // A rule that says where it applies is judged there, and only there.
  const scope = ruleScope(source);
  if (scope && governsRules(scope)) {
    const shown = scope.globs.slice(0, 2).map((glob) => `\`${glob}\``);
    return say(
      'likely',
      `governs the rule folders (${shown.join(', ')}): it comes with every rule applied`,
      45,
    );
  }
  if (scope) {
    const judged = judgeScope(scope, context);
    // As for topics: a reference that is only likely is left to its SKILL.md.
    if (judged.verdict === 'likely' && isSkillReference(source, context.skillEntries)) {
      return say('no', `${judged.reason}; a reference of its skill, cited through the skill's SKILL.md`);
    }
    return judged;
  }
  if (source.activation === 'always') return say('applies', `always on (${alwaysWhy(source)})`, 50);
  const techs = identity.techs;
  const used = techs.find((tech) => context.fileTechs.has(tech.id) || context.textTechs.has(tech.id));
  // A skill's reference file shares the skill's technology with all its siblings: its own topic decides.
  if (used && !isSkillReference(source, context.skillEntries)) {
    const stack = `stack: ${used.label} (${context.fileTechs.get(used.id) ?? 'named in the text'})`;
    // `golang-patterns` fits any Go spec; `object-calisthenics-go` or `swiftui-view-refactor` only one that asks for it.
    const own = ownTopic(identity);
    if (own.length === 0) return say('likely', stack, 40);
    const missing = own.filter((word) => !context.terms.counts.has(word.term));
    if (missing.length === 0) {
      const words = own.map((word) => ({
        rule: word.surface,
        text: context.terms.surfaces.get(word.term) ?? word.surface,
      }));
      return say('likely', `${stack}; topic: ${topicText(words)}`, 40);
    }
    const named = own.map((word) => word.surface).join(', ');
    const absent = missing.map((word) => word.surface).join(', ');
    return say(
      'no',
      `about ${used.label} with a topic of its own (${named}); the text does not say ${absent}`,
    );
  }
  const general = generalStandard(source, identity);
  if (general !== undefined) {
    return say(
      'likely',
      `a general coding standard of the project (\`${general}\`), for any code a spec plans`,
      30,
    );
  }
  if (techs.length > 0 && !techs.some((tech) => context.stack.techs.includes(tech.id))) {
    return { ...say('no', `about ${labels(techs)}, which the repository does not use`), final: true };
  }
  const topic = context.topics.match(source, context.terms);
  const words = topic.terms.slice(0, 4);
  const fits = topicFits(topic);
  // The assistant reaches a reference file through its SKILL.md, which is the one to cite; a reference alone is no
  // more than a pointer (measured: on the bench specs, references picked by topic were cited one time in six).
  if (words.length > 0 && fits && isSkillReference(source, context.skillEntries)) {
    return say(
      'no',
      `topic: ${topicText(words)}; a reference of its skill, cited through the skill's SKILL.md`,
    );
  }
  if (words.length > 0 && fits) return say('likely', `topic: ${topicText(words)}`, topic.score);
  if (words.length > 0) {
    const missing =
      topic.nameMissing.length > 0 ? `; the text does not say ${topic.nameMissing.join(', ')}` : '';
    return say('no', `weak topic match: ${topicText(words)}${missing}`);
  }
  if (techs.length > 0 && !used)
    return say('no', `about ${labels(techs)}, which neither the text nor its files use`);
  return say('no', 'no match with the text');
}

/**
 * A topic fits when the text uses every word of the rule's own name (`frontend-design` needs "design" as well as
 * "frontend") and enough of the weight of its name and title, or, for a rule whose name says nothing of its own, of
 * its description.
 */
function topicFits(topic: TopicMatch): boolean {
  if (topic.nameMissing.length > 0) return false;
  return topic.coverage === undefined
    ? topic.description >= MIN_DESCRIPTION && topic.descriptionTerms >= MIN_DESCRIPTION_TERMS
    : topic.coverage >= MIN_COVERAGE;
}

/**
 * Words of a technology rule's name that still say nothing of a topic of its own: `ios-development`, `go-lang`, and
 * the vendor whose style it follows (`vercel-react-best-practices`).
 */
const STACK_ONLY = new Set(
  tokenize(
    'development developer dev programming language lang official vercel microsoft google apple meta uber',
  ),
);

/** Words of a skill's name that rank its author, not its topic: `swift-concurrency-expert` is about concurrency. */
const LEVEL = new Set(tokenize('expert experts pro master basics essentials fundamentals tips'));

interface OwnWord {
  term: string;
  surface: string;
}

/**
 * The words of the rule's own name that are neither a technology nor a general word: its own topic. A text asks for
 * that topic when it uses every one of them (`swift-concurrency` needs "concurrency"; `swiftui-view-refactor` needs
 * both "view" and "refactor", since a text about views alone is no refactoring).
 */
function ownTopic(identity: RuleIdentity): OwnWord[] {
  const techWords = new Set(identity.techs.flatMap((tech) => tech.words));
  return [...identity.terms]
    .filter(
      ([term, { field }]) =>
        field === 'name' && !techWords.has(term) && !STACK_ONLY.has(term) && !LEVEL.has(term),
    )
    .map(([term, { surface }]) => ({ term, surface }));
}

/** A glob or scope line that matches a listed file (applies), a suggested file (likely), or none (no). */
function judgeScope(scope: RuleScope, context: JudgeContext): Judgement {
  const what = scope.from === 'globs' ? 'globs' : 'scope';
  const listed = matchScope(scope, context.listed);
  if (listed)
    return { verdict: 'applies', reason: `${what} \`${listed.glob}\` match ${listed.file}`, strength: 80 };
  const suggested = matchScope(scope, context.suggested);
  if (suggested) {
    const reason = `${what} \`${suggested.glob}\` match ${suggested.file} (a suggested relevant file)`;
    return { verdict: 'likely', reason, strength: 60 };
  }
  const layer = moduleLayer(scope, [...context.listed, ...context.suggested], context.repoFiles);
  if (layer) {
    const reason = `${what} \`${layer.glob}\` cover ${layer.module}, which the text touches (${layer.file})`;
    return { verdict: 'likely', reason, strength: 55 };
  }
  const shown = scope.globs.slice(0, 3).map((glob) => `\`${glob}\``);
  const more = scope.globs.length > 3 ? ` and ${scope.globs.length - 3} more` : '';
  return {
    verdict: 'no',
    reason: `${what} ${shown.join(', ')}${more} match none of the relevant files`,
    strength: 0,
  };
}

/** The process word of the rule's title or name (a skill's name for its files), if it is about process. */
/**
 * Pairs of words that, together in a rule's name or title, make it about how the agent works on the machine
 * (`command-safety`, `process-cleanup`, `terminal-safety`) rather than about the code: `commands` alone is CQRS.
 */
const AGENT_PROCESS: readonly [Set<string>, Set<string>][] = [
  [
    new Set(tokenize('command commands shell terminal')),
    new Set(tokenize('safety safe dangerous destructive')),
  ],
  [new Set(tokenize('process processes')), new Set(tokenize('cleanup clean kill lifecycle'))],
];

function processWord(source: RuleSource, identity: RuleIdentity, context: JudgeContext): string | undefined {
  const own = [...identity.terms].filter(([, { field }]) => field !== 'description');
  for (const [first, second] of AGENT_PROCESS) {
    const a = own.find(([term]) => first.has(term));
    const b = own.find(([term]) => second.has(term));
    if (a && b) return `${a[1].surface} ${b[1].surface}`;
  }
  for (const [term, { field, surface }] of identity.terms) {
    if (field === 'description') continue;
    if (PROCESS.has(term)) return surface;
    const ownName =
      field === 'skill' || (field === 'name' && !isSkillReference(source, context.skillEntries));
    if (ownName && WORKFLOW_NAME.has(term)) return surface;
  }
  return undefined;
}

/** Words of a rule's own name that say it is the project's general standard: `code-standards`, `style-guide`. */
const GENERAL_NAME = new Set(
  tokenize('code coding standards style guide guidelines conventions best practices principles clean'),
);
/** …of which the name needs one of these. */
const GENERAL_HEAD = new Set(tokenize('standards style guidelines conventions practices principles'));

/**
 * The file name of a standard rule file (not a skill, no globs, no scope) whose name is made only of general words:
 * the project's catch-all coding standard, which fits every spec that plans code.
 */
function generalStandard(source: RuleSource, identity: RuleIdentity): string | undefined {
  if (source.skill !== undefined || source.category !== 'standard' || identity.techs.length > 0)
    return undefined;
  const stem = (source.path.split('/').pop() ?? '').replace(/\.[^.]+$/, '');
  const words = tokenize(stem);
  if (words.length === 0 || !words.every((word) => GENERAL_NAME.has(word))) return undefined;
  return words.some((word) => GENERAL_HEAD.has(word)) ? stem : undefined;
}

/** For a file in a skill's templates or scripts folder (`assets/`…), that folder's name. */
function skillAsset(source: RuleSource): string | undefined {
  if (source.skill === undefined) return undefined;
  const below = source.path
    .slice(source.skill.length + 1)
    .split('/')
    .slice(0, -1);
  return below.find((folder) => SKILL_ASSETS.has(folder.toLowerCase()));
}

/**
 * A file of a skill other than its SKILL.md: read when the skill points to it. In a skill folder without a SKILL.md, a
 * file with a `description` of its own (`skill-ios.md`) is the skill's entry instead; beside a SKILL.md, a described
 * file (`rules/maps.md` with its own front matter) is still one of its pages. `withEntry` holds the skill folders that
 * have a SKILL.md.
 */
export function isSkillReference(source: RuleSource, withEntry: ReadonlySet<string>): boolean {
  if (source.skill === undefined || isSkillEntry(source)) return false;
  return source.description === undefined || withEntry.has(source.skill);
}

/** Why the tool loads the rule for every task, as its own setting or convention says (the registry's `alwaysWhy`). */
function alwaysWhy(source: RuleSource): string {
  return assistantById(source.tool)?.alwaysWhy?.(source) ?? 'loaded for every task';
}

function topicText(words: readonly { rule: string; text: string }[]): string {
  const rule = words.map((word) => word.rule);
  const differs = words.some((word, i) => word.text !== rule[i]);
  return differs
    ? `${rule.join(', ')} (the text says ${words.map((word) => word.text).join(', ')})`
    : `${rule.join(', ')} (in the text)`;
}

function labels(techs: readonly Tech[]): string {
  return techs.map((tech) => tech.label).join(', ');
}
