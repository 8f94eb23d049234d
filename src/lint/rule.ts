// What a lint rule is: metadata (id, description, messages, options schema) and a pure check function.
import type { z } from 'zod';
import type { SpecDocument } from '../spec/model.js';
import type { SectionIndex, Template } from '../spec/template.js';
import type { Project } from '../workspace/project.js';
import type { Fix, Severity } from './diagnostic.js';

export interface Report<M extends string> {
  messageId: M;
  /** Values for the `{{name}}` placeholders of the message. */
  data?: Record<string, string | number>;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fix?: Fix;
  hint?: string;
}

export interface RuleContext<M extends string, O> {
  options: O;
  template: Template;
  /** Headings to template section ids, with the config's aliases: how the spec's own sections were matched. */
  sections?: SectionIndex;
  /** The repository, when linting files on disk; undefined for text with no project around it. */
  project: Project | undefined;
  /** Repository-relative path of the spec, with `/` separators ('' when unknown). */
  relativePath: string;
  report: (report: Report<M>) => void;
}

export interface Rule<M extends string = string, S extends z.ZodType = z.ZodType> {
  /** Kebab-case id, equal to the rule's file name. */
  id: string;
  /** One line starting with a verb: what the rule checks. */
  description: string;
  severity: Severity;
  /**
   * On only in the `strict` preset (`"extends": "strict"` in the config) or when configured: a check of taste, or
   * one that is not yet nearly always right on real specs (bench/lint-labels.jsonl). Off by default.
   */
  strict?: boolean;
  fixable: boolean;
  messages: Record<M, string>;
  /** zod schema of the options; `parse({})` must give the defaults. */
  options: S;
  check(doc: SpecDocument, ctx: RuleContext<M, z.output<S>>): void;
}

/** Declares a rule; message ids are inferred so that a typo in `report()` fails to compile. */
export function defineRule<M extends string, S extends z.ZodType>(rule: Rule<M, S>): Rule<M, S> {
  return rule;
}

// A rule of any message ids and options, as the registry and engine hold them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the check's context is contravariant in its options; the engine validates options with the rule's own schema before calling it.
export type AnyRule = Rule<string, any>;

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}
