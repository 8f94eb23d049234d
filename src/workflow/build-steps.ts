// A spec's Development Sequencing as steps to do: each Build Order step with its sub-steps, the Relevant Files and
// Standards Compliance rules it touches, what it depends on and the requirement ids it mentions.
import path from 'node:path';
import { matchRules, type RuleVerdict } from '../assistants/match/match.js';
import type { StackFacts } from '../assistants/match/stack.js';
import { tokenize } from '../text/tokenize.js';
import { TechspecError } from '../errors.js';
import { sectionIndex, subtreeBlocks } from '../spec/walk.js';
import { listedPaths } from '../spec/facts/relevant-files.js';
import { citedRuleReferences } from '../assistants/match/cited.js';
import type { RuleSource } from '../assistants/rules/model.js';
import type { Block, ListItem, Paragraph, SpecDocument } from '../spec/model.js';
import { childSections } from '../spec/walk.js';
import { findIds } from './requirements.js';
import { trimEnd } from '../text/scan.js';

export const BUILD_ORDER_SECTION = 'development-sequencing/build-order';
export const DEPENDENCIES_SECTION = 'development-sequencing/technical-dependencies';

export interface StepFile {
  path: string;
  isNew: boolean;
}

export interface BuildStep {
  /** 1-based position in the Build Order. */
  number: number;
  /** The step's first line, as written, without a trailing period. */
  title: string;
  /** The step's nested list items, as written (one line each). */
  substeps: string[];
  files: StepFile[];
  rules: string[];
  /** Task numbers (`1.0`) of earlier steps and Technical Dependencies items this step waits for. */
  dependsOn: string[];
  /** Requirement ids the step mentions, as written. */
  requirements: string[];
}

/**
 * What the steps are read against: the rule files (for Rules) and the stack facts matchRules weighs. Read only when
 * the spec cites rules, so a caller may pass getters that read them on first use.
 */
export interface StepContext {
  ruleSources: readonly RuleSource[];
  stack: StackFacts;
}

/** The Build Order's steps; throws TechspecError('USAGE') naming the spec when it has none to derive tasks from. */
export function buildSteps(doc: SpecDocument, context: StepContext): BuildStep[] {
  const raw = rawSteps(doc);
  const files = listedPaths(doc).filter((listed) => !listed.mention);
  const listedRules = new Set(citedRuleReferences(doc).map((rule) => rule.dotted));
  const dependencies = dependencyItems(doc);
  const claimed = new Set<number>();
  const steps = raw.map((step, index): BuildStep => {
    const text = [step.title, ...step.substeps].join('\n');
    const words = new Set(tokenize(text));
    const stepFiles = uniqueFiles(files.filter((file) => mentions(text, words, file.path)));
    const needs = dependencies.filter((dependency, at) => {
      const hit = sharesTerm(words, dependency);
      if (hit) claimed.add(at);
      return hit;
    });
    return {
      number: index + 1,
      title: step.title,
      substeps: step.substeps,
      files: stepFiles,
      rules: stepRules(text, stepFiles, listedRules, context),
      dependsOn: [...(index > 0 ? [`${index}.0`] : []), ...needs],
      requirements: findIds(text).map((id) => id.written),
    };
  });
  // A blocking dependency that no step names blocks the first one.
  const unclaimed = dependencies.filter((_, at) => !claimed.has(at));
  steps[0]?.dependsOn.push(...unclaimed);
  return steps;
}

interface RawStep {
  title: string;
  substeps: string[];
}

function rawSteps(doc: SpecDocument): RawStep[] {
  const index = sectionIndex(doc, BUILD_ORDER_SECTION);
  const where = `${doc.path}: `;
  if (index < 0) {
    throw new TechspecError(
      'USAGE',
      `${where}No Build Order section, expected a numbered list of steps under Development Sequencing > Build Order`,
    );
  }
  const guidance = templateGuidance(subtreeBlocks(doc, index));
  if (guidance) {
    throw new TechspecError(
      'USAGE',
      `${where}The Build Order still holds the template guidance (line ${guidance.line}), expected the steps written`,
    );
  }
  // A list of the section's own, else its sub-headings as steps (each with its list as sub-steps).
  const list = (doc.sections[index]?.blocks ?? []).find((block) => block.kind === 'list');
  if (list) return list.items.map(stepOfItem);
  // Steps written as sub-headings (`#### Phase 1`), each with its own list or paragraphs.
  const children = childSections(doc, index);
  if (children.length > 0) {
    return children.map((section) => ({
      title: cleanLine(section.title),
      substeps: section.blocks.flatMap((block) =>
        block.kind === 'list' ? block.items.map((item) => firstLine(item.text)) : [],
      ),
    }));
  }
  const line = doc.sections[index]?.heading.line ?? 1;
  throw new TechspecError(
    'USAGE',
    `${where}The Build Order (line ${line}) has no list of steps, expected a numbered list such as "1. Data models first, because …"`,
  );
}

function stepOfItem(item: ListItem): RawStep {
  return {
    title: firstLine(item.text),
    substeps: item.lists.flatMap((list) => list.items.map((sub) => firstLine(sub.text))),
  };
}

function firstLine(text: string): string {
  return cleanLine(text.split('\n')[0] ?? '');
}

function cleanLine(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim()
    .replace(/\.$/, '');
}

/** The section's first block when it is still the template's `[…]` guidance paragraph, not the user's text. */
function templateGuidance(blocks: readonly Block[]): Paragraph | undefined {
  const first = blocks[0];
  return first?.kind === 'paragraph' && first.text.trimStart().startsWith('[') ? first : undefined;
}

/** Technical Dependencies items, one line each. */
function dependencyItems(doc: SpecDocument): string[] {
  const index = sectionIndex(doc, DEPENDENCIES_SECTION);
  if (index < 0) return [];
  const blocks = subtreeBlocks(doc, index);
  if (templateGuidance(blocks)) return [];
  return blocks.flatMap((block) =>
    block.kind === 'list' ? block.items.map((item) => firstLine(item.text)) : [],
  );
}

/**
 * A step touches a listed file when it writes the path or the file name, or when every word of the file's name
 * (`dispatcher` of `src/webhooks/dispatcher.ts`, `order service` of `order-service.ts`) is among the step's words.
 * A generic name (`index`, `main`, `mod`) counts with its folder's name.
 */
function mentions(text: string, words: ReadonlySet<string>, file: string): boolean {
  const bare = trimEnd(file, '/');
  const base = path.posix.basename(bare);
  if (text.includes(bare) || text.includes(`\`${base}\``)) return true;
  const stem = base.replace(/\.[^.]+$/, '');
  const generic = /^(index|main|mod|init|__init__|lib|app|types?|utils?|helpers?)$/i.test(stem);
  const name = generic ? `${path.posix.basename(path.posix.dirname(bare))} ${stem}` : stem;
  const wanted = tokenize(name);
  if (wanted.length === 0) return false;
  return wanted.every((token) => words.has(token));
}

/** A dependency item concerns a step when they share a word of four letters or more (`words`: the step's tokens). */
function sharesTerm(words: ReadonlySet<string>, dependency: string): boolean {
  return tokenize(dependency).some((token) => token.length >= 4 && words.has(token));
}

function uniqueFiles(files: readonly { path: string; isNew: boolean }[]): StepFile[] {
  const seen = new Set<string>();
  return files
    .filter((file) => !seen.has(file.path) && seen.add(file.path))
    .map((file) => ({ path: file.path, isNew: file.isNew }));
}

/**
 * The Standards Compliance rules that fit this step: by its files' globs or scope lines, by name, or by topic. A rule
 * that is always on fits every step and is left out: the spec lists it once.
 */
function stepRules(
  text: string,
  files: readonly StepFile[],
  listed: ReadonlySet<string>,
  context: StepContext,
): string[] {
  if (listed.size === 0) return [];
  const verdicts = matchRules(context.ruleSources, {
    text,
    relevantFiles: files.map((file) => file.path),
    stack: context.stack,
  });
  const fits = (verdict: RuleVerdict): boolean =>
    (verdict.verdict === 'applies' && !verdict.reason.startsWith('always on')) ||
    (verdict.verdict === 'likely' && verdict.reason.startsWith('topic:'));
  return verdicts
    .filter((verdict) => listed.has(verdict.path) && fits(verdict))
    .map((verdict) => verdict.path);
}
