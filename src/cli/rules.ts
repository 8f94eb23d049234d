// `techspec rules`: list the repository's assistant rule files per tool, with activation and problems.
import { Option, type Command } from 'commander';
import { createWorkspace } from '../workspace/workspace.js';
import { formatRuleScan, type RuleScanFormat } from '../assistants/rules/format.js';
import type { CliRun } from './io.js';

const FORMATS: readonly RuleScanFormat[] = ['text', 'json'];

export function register(program: Command, run: CliRun): void {
  program
    .command('rules')
    .summary('list the rule files your assistants load, per tool')
    .description(
      'List the rule files of every assistant found in the repository (Kilo Code, Claude, Cursor, Cline, Roo, ' +
        "Windsurf, Copilot, OpenCode, Codex, AGENTS.md, skills…) and the config's ruleFiles, per tool, with when each is loaded and any problem in it.",
    )
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMATS).default('text'))
    .action((flags: { format: RuleScanFormat }) => {
      run.io.stdout.write(formatRuleScan(createWorkspace(run.io.cwd).rules(), flags.format));
      run.exitCode = 0;
    });
}
