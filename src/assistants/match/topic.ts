// What a rule is about (its name, title and description as terms, and the technologies it names) and how well a text meets it.
import type { RuleSource } from '../rules/model.js';
import { parseQuery, type Query } from '../../text/query.js';
import { TECHS, TEXT_PATTERNS, type Tech } from '../../text/techs.js';
import { tokenize, words } from '../../text/tokenize.js';

/** Weights of where a rule's term comes from: its file or skill name says most, its description least. */
const FIELD = { name: 3, title: 2, skill: 1, description: 1 } as const;
type Field = keyof typeof FIELD;

/** A term counts in full once per this many words of the text: a long text must keep coming back to a topic. */
const WORDS_PER_MENTION = 400;

/** Words every rule file uses of itself ("Go coding standards", "Padrões de código"): they say nothing of its topic. */
const NOISE = new Set(
  tokenize(`rule standard guideline guide best practice pattern convention code coding skill use using project
  reference overview general principle instruction canonical canonico padrao regra obrigatorio obrigatoria boa pratica
  diretriz when how write writing implementation implement md mdc file doc documentation agent`),
);

/** One term of a rule's identity: where its heaviest occurrence is and the word as the rule writes it. */
interface IdentityTerm {
  field: Field;
  surface: string;
}

export interface RuleIdentity {
  terms: Map<string, IdentityTerm>;
  /** Technologies the rule's name, title or skill name is about. */
  techs: Tech[];
}

/** The terms of a text, as counts, with its length in words: the other side of a topic match. */
export interface TextTerms {
  counts: ReadonlyMap<string, number>;
  surfaces: ReadonlyMap<string, string>;
  length: number;
}

export function textTerms(text: string, parsed?: Query): TextTerms {
  const query = parsed ?? parseQuery(text);
  const counts = new Map<string, number>();
  const surfaces = new Map<string, string>();
  for (const [term, { weight, surface }] of query.terms) {
    counts.set(term, Math.round(Math.exp(weight - 1)));
    surfaces.set(term, surface);
  }
  return { counts, surfaces, length: words(text).length };
}

export interface TopicMatch {
  /** Matched terms, heaviest first: the rule's word and the text's. */
  terms: { rule: string; text: string }[];
  /** Share (0–1) of the weight of the rule's name and title terms that the text has; undefined when it has none. */
  coverage: number | undefined;
  /** Share (0–1) of the weight of the description's terms that the text has. */
  description: number;
  /** Distinct description terms matched. */
  descriptionTerms: number;
  /** Terms of the rule's own name (not its technologies) that the text does not use, as the rule writes them. */
  nameMissing: string[];
  score: number;
}

/** The identity of every candidate rule and how rare each of its terms is among them. */
export class RuleTopics {
  private readonly identities = new Map<string, RuleIdentity>();
  private readonly df = new Map<string, number>();

  constructor(sources: readonly RuleSource[]) {
    for (const source of sources) {
      const identity = identityOf(source);
      this.identities.set(source.path, identity);
      for (const term of identity.terms.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
  }

  identity(source: RuleSource): RuleIdentity {
    return this.identities.get(source.path) ?? { terms: new Map(), techs: [] };
  }

  /**
   * How the text meets the rule's topic, leaving out the words of technologies (judged on their own). A term counts
   * in full when the text uses it often enough for its length (once in a short text, more in a long one).
   */
  match(source: RuleSource, text: TextTerms): TopicMatch {
    const identity = this.identity(source);
    const techWords = new Set(identity.techs.flatMap((tech) => tech.words));
    const n = this.identities.size;
    const need = Math.max(1, text.length / WORDS_PER_MENTION);
    let total = 0;
    let core = 0;
    let descTotal = 0;
    let desc = 0;
    let descTerms = 0;
    let score = 0;
    const nameMissing: string[] = [];
    const found: { rule: string; text: string; amount: number }[] = [];
    for (const [term, { field, surface }] of identity.terms) {
      if (techWords.has(term)) continue;
      const df = this.df.get(term) ?? 1;
      const weight = FIELD[field] * Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const isCore = field === 'name' || field === 'title';
      if (isCore) total += weight;
      if (field === 'description') descTotal += weight;
      const count = text.counts.get(term) ?? 0;
      if (count === 0 && field === 'name') nameMissing.push(surface);
      if (count === 0) continue;
      const amount = weight * Math.min(1, count / need);
      score += amount;
      if (isCore) core += amount;
      if (field === 'description') {
        desc += amount;
        descTerms++;
      }
      found.push({ rule: surface, text: text.surfaces.get(term) ?? surface, amount });
    }
    found.sort((a, b) => b.amount - a.amount || compare(a.rule, b.rule));
    return {
      terms: found.map(({ rule, text: said }) => ({ rule, text: said })),
      coverage: total > 0 ? core / total : undefined,
      description: descTotal > 0 ? desc / descTotal : 0,
      descriptionTerms: descTerms,
      nameMissing,
      score,
    };
  }
}

/** A rule's name (file stem, or skill folder for SKILL.md), title, skill name and description as terms. */
function identityOf(source: RuleSource): RuleIdentity {
  const terms = new Map<string, IdentityTerm>();
  const add = (text: string | undefined, field: Field): void => {
    if (text === undefined) return;
    for (const [term, { surface }] of parseQuery(text.replace(/[-_.]/g, ' ')).terms) {
      if (NOISE.has(term)) continue;
      const known = terms.get(term);
      if (!known || FIELD[known.field] < FIELD[field]) terms.set(term, { field, surface });
    }
  };
  const file = source.path.slice(source.path.lastIndexOf('/') + 1);
  const skill = source.skill?.slice(source.skill.lastIndexOf('/') + 1);
  const isSkillFile = /^SKILL\.md$/i.test(file);
  const stem = file.replace(/(\.instructions)?\.(md|mdc|mdx|markdown|txt)$/i, '');
  const name = isSkillFile ? skill : /^(?:AGENTS|CLAUDE|GEMINI)$/i.test(stem) ? undefined : stem;
  add(name, 'name');
  add(source.title, 'title');
  if (!isSkillFile) add(skill, 'skill');
  add(source.description, 'description');
  const named = new Set(tokenize([name, source.title, skill].filter(Boolean).join(' ')));
  const techs = TECHS.filter((tech) => tech.words.some((word) => named.has(word)));
  return { terms, techs };
}

/** Technologies a text names in running prose: their distinctive words ("golang", not "go"), or `.NET`, `Go 1.22`. */
export function techsNamedIn(text: TextTerms, raw: string): Tech[] {
  return TECHS.filter(
    (tech) =>
      tech.textWords.some((word) => text.counts.has(word)) ||
      (TEXT_PATTERNS.get(tech.id)?.test(raw) ?? false),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
