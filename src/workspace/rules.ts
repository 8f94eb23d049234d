// The repository's rule files as every surface reads them: each assistant's folders (the registry) plus the folders
// the config's `ruleFiles` adds.
import { discoverRuleSources, type RuleScan } from '../assistants/rules/discover.js';
import type { RuleSourceMemo } from '../assistants/rules/memo.js';
import { readConfig, type WorkspaceConfig } from './config.js';

/**
 * Rule sources of the repository at `root` (files as `listFiles(root)` gives them), with the config's `ruleFiles`;
 * with `memo`, rule files unchanged since an earlier scan are not read again.
 */
export function repositoryRules(
  root: string,
  files: readonly string[],
  config: Pick<WorkspaceConfig, 'ruleFiles'> = readConfig({ cwd: root }),
  memo?: RuleSourceMemo,
): RuleScan {
  return discoverRuleSources(root, files, { extraGlobs: config.ruleFiles, ...(memo ? { memo } : {}) });
}
