// The one record every assistant's rule file becomes, whatever tool wrote it.

/** An assistant's id in the registry (`kilo`, `claude`, `agents`…; see src/assistants/registry.ts). */
export type RuleTool = string;

/** standard: coding rules; context: memory banks; workflow: commands run on demand; meta: about the rules; skill. */
export type RuleCategory = 'standard' | 'context' | 'workflow' | 'meta' | 'skill';

/** When the tool loads the file: always, for matching files, when its description fits the task, or on request. */
export type RuleActivation = 'always' | 'globs' | 'description' | 'manual';

/** Something wrong with a rule file, in one voice: what is wrong, what was expected. */
export interface RuleProblem {
  path: string;
  line?: number;
  message: string;
}

export interface RuleSource {
  tool: RuleTool;
  /** Repository-relative, with `/`. */
  path: string;
  /** The mode of a Kilo or Roo `rules-<mode>` folder or `.kilocoderules-<mode>` file. */
  mode?: string;
  category: RuleCategory;
  activation: RuleActivation;
  /**
   * When the tool loads the file otherwise than its front matter says: Kilo Code 7.x loads a `paths:` rule of its
   * rules folders always (`activation: 'always'`, the globs kept as what the rule is about).
   */
  activationNote?: string;
  /** Repository-relative globs (a source under a nested folder gets that folder as prefix). */
  globs: string[];
  description?: string;
  title?: string;
  headings: string[];
  /** `R-HTTP-001` style ids in the prose of the body, first occurrence order. */
  ruleIds: string[];
  /** Values of "Scope:", "Applies to:", "Escopo:", "Aplica-se a:" lines in the body. */
  scopes: string[];
  /** Size of the file on disk. */
  bytes: number;
  /** The text without front matter, capped (64 KB by default). */
  body: string;
  /** False for modes other than code/architect, for context, workflow and meta, and for review-only rules. */
  appliesToTechSpec: boolean;
  problems: RuleProblem[];
  /** Other paths whose body is identical; they are not reported as sources of their own. */
  copies: string[];
  /** For an AGENTS.md, CLAUDE.md or GEMINI.md below the root, or a tool folder below it: the folder it scopes. */
  folder?: string;
  /** For a skill's files: the skill's folder (its SKILL.md is there). */
  skill?: string;
  /** Copilot's `excludeAgent` (`code-review` or `coding-agent`). */
  excludeAgent?: string;
}

/** Modes whose rules shape a tech spec; other modes (ask, debug, orchestrator, custom) do not by default. */
export const SPEC_MODES: readonly string[] = ['code', 'architect'];

/** Whether the source is a skill's SKILL.md, the entry the assistant reads first (its other files are pages). */
export function isSkillEntry(source: RuleSource): boolean {
  return source.skill !== undefined && /(?:^|\/)SKILL\.md$/i.test(source.path);
}
