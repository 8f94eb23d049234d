// What several assistants share: the reason an always-on rule of a `paths:`-aware folder loads for every task.
import type { RuleSource } from '../rules/model.js';

/** Claude Code, Cline and Kilo load a rules-folder file without `paths` for every task. */
export function pathsRuleWhy(source: RuleSource): string {
  return source.path.includes('/') ? 'no `paths`, loaded for every task' : 'loaded for every task';
}
