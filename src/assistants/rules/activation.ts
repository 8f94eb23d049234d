// Decides when an assistant loads a rule file, from its front matter and its location's default.
import type { RuleFields } from './front-matter.js';
import type { RuleActivation, RuleProblem } from './model.js';

export interface Activation {
  activation: RuleActivation;
  globs: string[];
}

// Windsurf's triggers, also used by tools derived from it.
const TRIGGERS: ReadonlyMap<string, RuleActivation> = new Map([
  ['always_on', 'always'],
  ['glob', 'globs'],
  ['model_decision', 'description'],
  ['manual', 'manual'],
]);

// Kiro's `inclusion` values.
const INCLUSIONS: ReadonlyMap<string, RuleActivation> = new Map([
  ['always', 'always'],
  ['fileMatch', 'globs'],
  ['manual', 'manual'],
  ['auto', 'description'],
]);

// Augment's rule `type` values; other `type` values (a key many front matters use) are not about activation.
const RULE_TYPES: ReadonlyMap<string, RuleActivation> = new Map([
  ['always_apply', 'always'],
  ['agent_requested', 'description'],
  ['manual', 'manual'],
]);

// Globs that match every file say "always", whatever key carries them.
const EVERYTHING = new Set(['**', '**/*', '*', './**', '/**']);

/**
 * One reading for every tool: an explicit `trigger`, then `alwaysApply: true`, then globs (`globs`, `paths`,
 * `applyTo`), then `alwaysApply: false` (description-decided, or manual without a description), then the
 * location's default, where a description turns a manual rule (Cursor, Copilot) into a description-decided one.
 */
export function activationOf(
  fields: RuleFields,
  fallback: RuleActivation,
  path: string,
  problems: RuleProblem[],
): Activation {
  const globs = fields.globs.filter((glob) => !EVERYTHING.has(glob));
  const matchesAll = globs.length === 0 && fields.globs.length > 0;
  if (fields.trigger !== undefined) {
    const activation = TRIGGERS.get(fields.trigger);
    if (activation === 'globs' && globs.length === 0) {
      const expected = matchesAll ? 'a glob narrower than `**`' : 'a `globs` key';
      problems.push({ path, message: `Unexpected \`trigger: glob\` without globs, expected ${expected}` });
      return { activation: matchesAll ? 'always' : 'manual', globs };
    }
    if (activation !== undefined) return { activation, globs };
    problems.push({
      path,
      message: `Unexpected trigger \`${fields.trigger}\`, expected always_on, glob, model_decision or manual`,
    });
  }
  const declared = declaredMode(fields, path, problems);
  if (declared === 'globs' && globs.length === 0) {
    problems.push({
      path,
      message: 'Unexpected `inclusion: fileMatch` without `fileMatchPattern`, expected a glob',
    });
    return { activation: 'manual', globs };
  }
  if (declared !== undefined) return { activation: declared, globs };
  if (fields.alwaysApply === true || matchesAll) return { activation: 'always', globs };
  if (globs.length > 0) return { activation: 'globs', globs };
  if (fields.alwaysApply === false) {
    return { activation: fields.description === undefined ? 'manual' : 'description', globs };
  }
  if (fallback === 'manual' && fields.description !== undefined) return { activation: 'description', globs };
  return { activation: fallback, globs };
}

/** Kiro's `inclusion` or Augment's `type`, when the file declares one. */
function declaredMode(fields: RuleFields, path: string, problems: RuleProblem[]): RuleActivation | undefined {
  if (fields.inclusion !== undefined) {
    const activation = INCLUSIONS.get(fields.inclusion);
    if (activation !== undefined) return activation;
    problems.push({
      path,
      message: `Unexpected inclusion \`${fields.inclusion}\`, expected always, fileMatch, manual or auto`,
    });
  }
  return fields.ruleType === undefined ? undefined : RULE_TYPES.get(fields.ruleType);
}
