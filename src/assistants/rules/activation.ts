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
  if (fields.alwaysApply === true || matchesAll) return { activation: 'always', globs };
  if (globs.length > 0) return { activation: 'globs', globs };
  if (fields.alwaysApply === false) {
    return { activation: fields.description === undefined ? 'manual' : 'description', globs };
  }
  if (fallback === 'manual' && fields.description !== undefined) return { activation: 'description', globs };
  return { activation: fallback, globs };
}
