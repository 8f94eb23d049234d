// `techspec new <feature>`: resolve the arguments from the working directory → newSpec → say what was written.
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { NEW_SPEC_FILES, newSpec } from '../workflow/new.js';
import { projectRoot } from '../workflow/init-config.js';
import type { CliRun } from './io.js';

interface NewFlags {
  prd?: string;
  dir?: string;
  k: number;
}

export function register(program: Command, run: CliRun): void {
  program
    .command('new')
    .summary('create a draft spec for a feature from the template')
    .description(
      'Create <dir>/prd-<feature>/techspec.md from the template: front matter (feature, status, template version, ' +
        'baseline commit, date), Standards Compliance and Relevant Files filled in by the context engine (from the ' +
        'PRD when there is one), every other section left as the template guidance for `techspec lint` to list. ' +
        'Never overwrites a spec.',
    )
    .argument('<feature>', 'the feature name, e.g. "Payment webhooks" (its slug names the folder)')
    .option(
      '--prd <file>',
      'the PRD inside the repository (default <dir>/prd-<feature>/prd.md when it exists)',
    )
    .option(
      '--dir <dir>',
      "the folder of the feature folders, inside the repository (default: the config's featureDir, else where the existing specs are, else tasks)",
    )
    .addOption(
      new Option('--k <n>', 'how many Relevant Files to list').argParser(parseK).default(NEW_SPEC_FILES),
    )
    .action(async (feature: string, flags: NewFlags) => {
      const { io } = run;
      const root = projectRoot(io.cwd);
      const result = await newSpec(root, {
        name: feature,
        ...(flags.dir === undefined ? {} : { dir: path.resolve(io.cwd, flags.dir) }),
        k: flags.k,
        ...(flags.prd === undefined ? {} : { prd: path.resolve(io.cwd, flags.prd) }),
      });
      for (const problem of result.problems) io.stderr.write(`techspec: ${problem}\n`);
      const shown = path.relative(io.cwd, path.join(root, result.path)) || result.path;
      io.stdout.write(
        `Created ${shown}: Standards Compliance and Relevant Files are filled in; ` +
          `write the other sections, then run \`techspec lint ${shown}\` until it is clean.\n`,
      );
      run.exitCode = 0;
    });
}

function parseK(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('Expected a whole number of files, 1 or more.');
  }
  return Number(value);
}
