// `techspec rules`: list the repository's assistant rule files per tool, with activation and problems.
import { Option, type Command } from 'commander';
import { listFiles } from '../workspace/project.js';
import { findProjectRoot } from '../workspace/root.js';
import { formatRuleScan, type RuleScanFormat } from '../assistants/rules/format.js';
import type { CliRun } from './io.js';
import { repositoryRules } from '../workspace/rules.js';

const FORMATS: readonly RuleScanFormat[] = ['text', 'json'];

export function register(program: Command, run: CliRun): void {
  program
    .command('rules')
    .summary('list the rule files your assistants load, per tool')
    .description(
      'List the rule files of every assistant found in the repository (Kilo Code, Claude, Cursor, Cline, Roo, ' +
        'Windsurf, Copilot, AGENTS.md, skills…), per tool, with when each is loaded and any problem in it.',
    )
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMATS).default('text'))
    .action((flags: { format: RuleScanFormat }) => {
      const root = findProjectRoot(run.io.cwd).root;
      const scan = repositoryRules(root, listFiles(root));
      run.io.stdout.write(formatRuleScan(scan, flags.format));
      run.exitCode = 0;
    });
}
