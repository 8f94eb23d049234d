// `techspec lint [paths...]`: parse flags → lintFiles / lintSource → format → print; the exit code says how it went.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { loadConfig } from '../lint/config.js';
import { unmappedNotice } from '../workspace/config.js';
import type { LintFilesReport, LintSourceOptions } from '../lint/files.js';
import { DEFAULT_CACHE_FILE } from '../lint/cache.js';
import { lintFiles, lintSource } from '../lint/files.js';
import { FORMAT_NAMES, formatReport, type FormatName } from '../lint/formatters/index.js';
import { totals, type LintReport } from '../lint/formatters/types.js';
import { RULES } from '../lint/rules/index.js';
import { makeDirs } from '../confine.js';
import { readAll, useColor, type CliRun } from './io.js';
import { progressFor } from './progress.js';

interface LintFlags {
  format: FormatName;
  output?: string;
  root?: string;
  maxWarnings?: number;
  strict?: boolean;
  quiet?: boolean;
  config?: string;
  color: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  fix?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  ignorePattern?: string[];
}

export function register(program: Command, run: CliRun): void {
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
    .option('--cache', `reuse the results of unchanged files (stored in ${DEFAULT_CACHE_FILE})`)
    .option('--cache-location <file>', 'where --cache keeps its results')
    .addHelpText('after', rulesHelp())
    .action(async (paths: string[], flags: LintFlags) => {
      checkCombinations(command, paths, flags);
      run.exitCode = await lint(paths, flags, run);
    });
}

async function lint(paths: string[], flags: LintFlags, run: CliRun): Promise<number> {
  const { io } = run;
  const options: LintSourceOptions = {
    cwd: io.cwd,
    strict: flags.strict ?? false,
    fix: flags.fix ?? false,
    ...(flags.config ? { configFile: flags.config } : {}),
    ...(flags.root ? { root: flags.root } : {}),
  };
  const report = flags.stdin
    ? lintSource(await readAll(io.stdin), {
        ...options,
        ...(flags.stdinFilename ? { filename: flags.stdinFilename } : {}),
      })
    : await lintWithProgress(paths, flags, run, {
        ...options,
        ...cacheOption(flags),
        ...(flags.ignorePattern ? { ignorePatterns: flags.ignorePattern } : {}),
      });
  noticeUnmapped(options, run);
  const shown = flags.quiet ? errorsOnly(report) : report;
  const target = flags.output ? undefined : io.stdout;
  const text = formatReport(flags.format, shown, {
    cwd: io.cwd,
    color: target ? useColor(flags.color, io.env, target) : false,
    version: run.version,
    rules: RULES,
  });
  if (!flags.output) io.stdout.write(text);
  else if (!writeReport(flags.output, text, shown, run)) return 2;
  return exitCode(shown, flags.maxWarnings, run);
}

/** lintFiles with a progress bar on a terminal's stderr (never for JSON or SARIF output). */
async function lintWithProgress(
  paths: readonly string[],
  flags: LintFlags,
  run: CliRun,
  options: Parameters<typeof lintFiles>[1],
): Promise<LintFilesReport> {
  const bar = progressFor(run.io.stderr, flags.format, 'techspec lint');
  try {
    return await lintFiles(paths, {
      ...options,
      ...(bar
        ? {
            onProgress: (done: number, total: number) => {
              bar.update(done, total);
            },
          }
        : {}),
    });
  } finally {
    bar?.end();
  }
}

/** Says on stderr which headings of a project template no content rule reads (never in the report itself). */
function noticeUnmapped(options: LintSourceOptions, run: CliRun): void {
  try {
    const notice = unmappedNotice(
      loadConfig({ cwd: run.io.cwd, ...(options.configFile ? { configFile: options.configFile } : {}) }),
    );
    if (notice !== undefined) run.io.stderr.write(`techspec: ${notice}\n`);
  } catch {
    // A config that does not load was already reported by the lint itself.
  }
}

function cacheOption(flags: LintFlags): { cache?: string } {
  if (!flags.cache) return {};
  return { cache: flags.cacheLocation ?? DEFAULT_CACHE_FILE };
}

/** Writes the report to `--output`, saying on stderr why when it cannot. */
function writeReport(output: string, text: string, report: LintReport, run: CliRun): boolean {
  const file = path.resolve(run.io.cwd, output);
  try {
    makeDirs(path.dirname(file));
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    run.io.stderr.write(`techspec: ${output}: Cannot write the report (${code}), expected a writable path\n`);
    return false;
  }
  // The report went to a file: input problems still deserve a line on the terminal.
  for (const problem of report.problems)
    run.io.stderr.write(`techspec: ${problem.file}: ${problem.message}\n`);
  return true;
}

function exitCode(report: LintReport, maxWarnings: number | undefined, run: CliRun): number {
  if (report.problems.length > 0) return 2;
  const { errorCount, warningCount } = totals(report.results);
  if (errorCount > 0) return 1;
  if (maxWarnings !== undefined && warningCount > maxWarnings) {
    run.io.stderr.write(
      `techspec: Too many warnings (${warningCount}), expected at most ${maxWarnings} (--max-warnings)\n`,
    );
    return 1;
  }
  return 0;
}

function errorsOnly(report: LintFilesReport): LintFilesReport {
  const results = report.results.map((result) => {
    const diagnostics = result.diagnostics.filter((d) => d.severity === 'error');
    const fixableCount = diagnostics.filter((d) => d.fix !== undefined).length;
    return { ...result, diagnostics, warningCount: 0, fixableCount };
  });
  return { results, problems: report.problems };
}

function checkCombinations(command: Command, paths: string[], flags: LintFlags): void {
  const fail = (message: string): never => command.error(message, { exitCode: 2, code: 'techspec.usage' });
  if (flags.stdin && paths.length > 0)
    fail(`--stdin was given with paths (${paths.join(' ')}), expected one or the other`);
  if (flags.stdin && flags.fix) fail('--fix was given with --stdin, expected files to write the fixes to');
  if (flags.stdinFilename !== undefined && !flags.stdin)
    fail('--stdin-filename was given without --stdin, expected both');
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('Expected a whole number of warnings, 0 or more.');
  return Number(value);
}

function rulesHelp(): string {
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  const lines = RULES.map((rule) => `  ${rule.id.padEnd(width)}  ${rule.description}`);
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
