// The repository's rule files as every surface reads them: each assistant's folders (the registry) plus the folders
// the config's `ruleFiles` adds.
import { discoverRuleSources, type RuleScan } from '../assistants/rules/discover.js';
import { readConfig, type WorkspaceConfig } from './config.js';

/** Rule sources of the repository at `root` (files as `listFiles(root)` gives them), with the config's `ruleFiles`. */
export function repositoryRules(
  root: string,
  files: readonly string[],
  config: Pick<WorkspaceConfig, 'ruleFiles'> = readConfig({ cwd: root }),
): RuleScan {
  return discoverRuleSources(root, files, { extraGlobs: config.ruleFiles });
}
