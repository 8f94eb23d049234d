// `techspec lint [paths...]`: the command's flags and help; the run itself (lint-run.ts) loads only when it runs, so that
// `techspec lint --help` prints the rules from their catalog without loading them, the parser or zod.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_CACHE_FILE } from '../lint/cache.js';
import { FORMAT_NAMES } from '../lint/formatters/names.js';
import type { CliRun } from './io.js';
import type { LintFlags } from './lint-run.js';
import { ruleSummaries, type RuleSummary } from './rule-catalog.js';

export async function register(program: Command, run: CliRun): Promise<void> {
  const rules = await ruleSummaries();
  const command = program
    .command('lint')
    .summary('check tech specs against the template and the rules')
    .description('Check tech specs against the template and the rules.')
    .argument('[paths...]', 'spec files, directories (their spec files) or globs')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .addOption(
      new Option('--max-warnings <n>', 'exit 1 when there are more than n warnings').argParser(parseCount),
    )
    .option('--strict', 'report every warning as an error')
    .option('--quiet', 'report errors only; warnings are neither shown nor counted')
    .option('-c, --config <file>', 'use this config file instead of looking for one')
    .option('--root <dir>', 'the project root: repository checks run under it even outside git')
    .option('--no-color', 'no colours (also NO_COLOR=1, or when the output is not a terminal)')
    .option('--stdin', 'lint the text read from standard input')
    .option('--stdin-filename <name>', 'the path to lint standard input as (for path checks and reports)')
    .option('--fix', 'apply the fixes and write the fixed files back')
    .option(
      '--ignore-pattern <glob>',
      'never lint files this glob matches (relative to the working directory; repeatable; like a `!glob` path)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--cache', `reuse the results of unchanged files, kept in ${DEFAULT_CACHE_FILE} (the default)`)
    .option('--no-cache', 'lint every file again and write no cache')
    .option('--cache-location <file>', 'where the cache keeps its results (rules.json beside it)')
    .addHelpText('after', rulesHelp(rules))
    .action(async (paths: string[], flags: LintFlags) => {
      checkCombinations(command, paths, flags);
      const { lint } = await import('./lint-run.js');
      run.exitCode = await lint(paths, flags, run);
    });
}

function checkCombinations(command: Command, paths: string[], flags: LintFlags): void {
  const fail = (message: string): never => command.error(message, { exitCode: 2, code: 'techspec.usage' });
  if (flags.stdin && paths.length > 0)
    fail(`--stdin was given with paths (${paths.join(' ')}), expected one or the other`);
  if (flags.stdin && flags.fix) fail('--fix was given with --stdin, expected files to write the fixes to');
  if (flags.stdinFilename !== undefined && !flags.stdin)
    fail('--stdin-filename was given without --stdin, expected both');
  if (flags.cacheLocation !== undefined && flags.cache === false)
    fail('--cache-location was given with --no-cache, expected one or the other');
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number of warnings, 0 or more.');
  return Number(value);
}

function rulesHelp(rules: readonly RuleSummary[]): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => `  ${rule.id.padEnd(width)}  ${rule.description}`);
  return [
    '',
    'With no paths, lints the spec files the config names (default **/techspec.md, **/_techspec.md,',
    '**/techspec-*.md, but no template copy: not **/*template*.md, **/assets/**, **/templates/**), skipping',
    'node_modules and .gitignored files. `!glob` paths and --ignore-pattern exclude; a glob or a directory',
    'selects Markdown files only (a file named explicitly is always linted).',
    '',
    'Exit code: 0 clean; 1 findings (errors, or more warnings than --max-warnings);',
    '2 usage, config or input failure (reported after the results of the files that could be linted).',
    '',
    'Rules (configure them under "rules" in techspec.config.json):',
    ...lines,
    '',
  ].join('\n');
}
