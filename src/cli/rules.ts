// `techspec rules`: list the repository's assistant rule files per tool, with activation and problems.
import { Option, type Command } from 'commander';
import { createWorkspace } from '../workspace/workspace.js';
import { formatRuleFindings, formatRuleScan, type RuleScanFormat } from '../assistants/rules/format.js';
import { checkRules } from '../assistants/rules/check.js';
import type { CliRun } from './io.js';

const FORMATS: readonly RuleScanFormat[] = ['text', 'json'];

export function register(program: Command, run: CliRun): void {
  program
    .command('rules')
    .summary('list the rule files your assistants load, per tool')
    .description(
      'List the rule files of every assistant found in the repository (Kilo Code, Claude, Cursor, Cline, Roo, ' +
        'Windsurf, Copilot, OpenCode, Codex, Qwen, Kiro, Augment, Amazon Q, Junie, Zed, goose, Crush, Trae, AGENTS.md, ' +
        "skills…) and the config's ruleFiles, per tool, with when each is loaded and any problem in it; --check " +
        'reports what the assistants would get wrong.',
    )
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMATS).default('text'))
    .option(
      '--check',
      'report drifted copies, front matter an assistant ignores, globs matching no file, unread places and legacy layouts (exit 1 on findings)',
    )
    .action((flags: { format: RuleScanFormat; check?: boolean }) => {
      const workspace = createWorkspace(run.io.cwd);
      if (flags.check !== true) {
        run.io.stdout.write(formatRuleScan(workspace.rules(), flags.format));
        run.exitCode = 0;
        return;
      }
      const findings = checkRules(workspace.rules(), workspace.files);
      run.io.stdout.write(formatRuleFindings(findings, flags.format));
      run.exitCode = findings.length > 0 ? 1 : 0;
    });
}
