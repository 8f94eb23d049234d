// `techspec lint` once its flags are parsed: lints, formats, writes the report and decides the exit code. Loaded only when
// the command runs, so that `techspec lint --help` loads neither the rules nor the parser.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../lint/config.js';
import { unmappedNotice } from '../workspace/config.js';
import type { LintFilesReport, LintSourceOptions } from '../lint/files.js';
import { lintFiles, lintSource } from '../lint/files.js';
import { formatReport } from '../lint/formatters/index.js';
import type { FormatName } from '../lint/formatters/names.js';
import { totals, type LintReport } from '../lint/formatters/types.js';
import { RULES } from '../lint/rules/index.js';
import { makeDirs } from '../confine.js';
import { readAll, useColor, type CliRun } from './io.js';
import { progressFor } from './progress.js';

export interface LintFlags {
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

export async function lint(paths: string[], flags: LintFlags, run: CliRun): Promise<number> {
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

/** The cache is on unless --no-cache: in the project's .techspec/cache, or at --cache-location. */
function cacheOption(flags: LintFlags): { cache: string | boolean } {
  if (flags.cache === false) return { cache: false };
  return { cache: flags.cacheLocation ?? true };
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
