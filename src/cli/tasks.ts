// `techspec tasks <spec>`: generateTasks → write (or print) tasks.md → say what changed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { generateTasks } from '../workflow/tasks.js';
import { projectRoot } from '../workflow/init-config.js';
import type { CliRun } from './io.js';

interface TasksFlags {
  force?: boolean;
  stdout?: boolean;
}

export function register(program: Command, run: CliRun): void {
  program
    .command('tasks')
    .summary('derive tasks.md beside a spec from its Build Order')
    .description(
      'Derive tasks.md beside a spec from its Development Sequencing: parent tasks 1.0, 2.0… in Build Order with ' +
        'subtasks, each citing its section, the Relevant Files and rules it touches, what it depends on and the ' +
        'requirement ids it mentions. Running it again updates the block between the techspec markers and keeps ' +
        'checked boxes and notes under each task.',
    )
    .argument('<spec>', 'a spec path, or a feature name or folder')
    .option('--force', 'replace a tasks.md whose techspec markers are missing or broken')
    .option('--stdout', 'print the tasks.md it would write instead of writing it')
    .action((spec: string, flags: TasksFlags) => {
      const { io } = run;
      const root = projectRoot(io.cwd);
      const result = generateTasks(root, specArgument(root, io.cwd, spec), {
        write: flags.stdout !== true,
        force: flags.force === true,
      });
      for (const gone of result.removed) {
        io.stderr.write(
          `techspec: ${result.path}: task ${gone} is no longer in the spec; its notes were kept\n`,
        );
      }
      if (flags.stdout === true) io.stdout.write(result.content);
      else {
        const verb = result.changed ? 'Wrote' : 'Unchanged:';
        io.stdout.write(`${verb} ${result.path} (${result.tasks} tasks)\n`);
      }
      run.exitCode = 0;
    });
}

/** A path (one that exists, or looks like one) relative to the repository root; a feature name as it is. */
export function specArgument(root: string, cwd: string, spec: string): string {
  const abs = path.resolve(cwd, spec);
  const looksLikePath = existsSync(abs) || /[/\\]/.test(spec) || spec.endsWith('.md');
  return looksLikePath ? path.relative(root, abs) || '.' : spec;
}
