// `techspec doctor`: per assistant, what init set up, what is missing or out of date, and the command that fixes it;
// writes nothing. Exit 1 when something needs a fix (a file you edited is kept and does not count).
import { Option, type Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseAgents, type AgentName } from '../workflow/agents.js';
import { doctorProject, formatDoctor, needsWork } from '../workflow/doctor.js';
import { projectRoot } from '../workflow/init-config.js';
import type { CliRun } from './io.js';

type Format = 'text' | 'json';

export function register(program: Command, run: CliRun): void {
  program
    .command('doctor')
    .summary('report, per assistant, what init set up, what is out of date and the fix')
    .description(
      'For each assistant the repository uses (its folders or files exist) or that techspec init set up: whether ' +
        "init's command files and MCP entries are there and current, which you edited (kept), and the command that " +
        'brings the rest up to date. Writes nothing; exit 1 when something needs a fix.',
    )
    .option('--agents <list>', 'only these assistants (comma-separated, or all)', (value: string) => {
      try {
        return parseAgents(value);
      } catch (error) {
        throw new InvalidArgumentError((error as Error).message);
      }
    })
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { agents?: AgentName[]; format: Format }) => {
      const root = projectRoot(run.io.cwd);
      const reports = doctorProject(root, flags.agents === undefined ? {} : { agents: flags.agents });
      run.io.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ assistants: reports }, null, 2)}\n`
          : formatDoctor(reports),
      );
      run.exitCode = reports.some(needsWork) ? 1 : 0;
    });
}
