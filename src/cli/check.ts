// `techspec check [spec…]`: parse flags → checkDrift → format with the lint formatters → exit 0 clean, 1 drift, 2 failure.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { checkDrift, driftJson } from '../drift/check.js';
import type { DriftReport, DriftSpecSummary } from '../drift/model.js';
import { DRIFT_RULES } from '../drift/rules.js';
import { FORMAT_NAMES, formatReport, type FormatName } from '../lint/formatters/index.js';
import { findProjectRoot } from '../workspace/root.js';
import { useColor, type CliRun } from './io.js';

interface CheckFlags {
  format: FormatName;
  all?: boolean;
  accept?: boolean;
  color: boolean;
}

export function register(program: Command, run: CliRun): void {
  program
    .command('check')
    .summary('report where specs and the code drifted apart since each spec’s baseline')
    .description(
      'Compare specs with the code: Relevant Files deleted, renamed or changed since the spec’s baseline commit, ' +
        'API endpoints no route declares and routes the spec does not list, types and metrics the code lacks.',
    )
    .argument('[specs...]', 'spec files or feature names (default: every spec of the repository)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('--all', 'also list every listed path with its state, unchanged ones included')
    .option('--accept', 'move the baseline of the named specs to HEAD (after review), then check them')
    .option('--no-color', 'no colours (also NO_COLOR=1, or when the output is not a terminal)')
    .addHelpText('after', helpText())
    .action(async (specs: string[], flags: CheckFlags) => {
      run.exitCode = await check(specs, flags, run);
    });
}

async function check(specs: readonly string[], flags: CheckFlags, run: CliRun): Promise<number> {
  const { io } = run;
  const root = findProjectRoot(io.cwd).root;
  // Paths are the user's, relative to where they stand; anything else is a feature name.
  const named = specs.map((spec) =>
    existsSync(path.resolve(io.cwd, spec)) ? path.resolve(io.cwd, spec) : spec,
  );
  const report = shown(
    await checkDrift(root, named, { all: flags.all ?? false, accept: flags.accept ?? false }),
    root,
    io.cwd,
  );
  const context = {
    cwd: io.cwd,
    color: useColor(flags.color, io.env, io.stdout),
    version: run.version,
    rules: DRIFT_RULES,
    verb: 'checked',
  };
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(driftJson(report), null, 2)}\n`);
  } else {
    io.stdout.write(formatReport(flags.format, report, context));
    if (flags.format === 'stylish') io.stdout.write(extras(report.specs, flags.all ?? false));
  }
  for (const summary of report.specs) {
    for (const note of summary.notes) io.stderr.write(`techspec: ${summary.spec}: ${note}\n`);
  }
  if (report.problems.length > 0) return 2;
  return report.results.some((result) => result.diagnostics.length > 0) ? 1 : 0;
}

/** Paths shown relative to the working directory, as the linter shows them. */
function shown(report: DriftReport, root: string, cwd: string): DriftReport {
  const rel = (file: string): string =>
    path.relative(cwd, path.join(root, file)).split(path.sep).join('/') || file;
  return {
    results: report.results.map((result) => ({
      ...result,
      file: rel(result.file),
      diagnostics: result.diagnostics.map((d) => ({ ...d, file: rel(d.file) })),
    })),
    problems: report.problems,
    specs: report.specs.map((summary) => ({ ...summary, spec: rel(summary.spec) })),
  };
}

/** What the findings do not say: files done, baselines moved, and with --all every spec's state and files. */
function extras(specs: readonly DriftSpecSummary[], all: boolean): string {
  const lines: string[] = [];
  for (const summary of specs) {
    if (all) {
      const baseline = summary.baselineCommit ? ` baseline ${summary.baselineCommit.slice(0, 7)}` : '';
      lines.push('', `${summary.spec}  ${summary.state}${baseline}`);
      const rows = [
        ...(summary.files ?? []).map((f) => [f.status, `${f.path}${f.to ? ` → ${f.to}` : ''}`]),
        ...(summary.endpoints ?? []).map((e) => [
          e.status,
          `${e.endpoint}${e.route ? `  (${e.route})` : ''}`,
        ]),
      ];
      const width = Math.max(0, ...rows.map(([status = '']) => status.length));
      for (const [status = '', what = ''] of rows) lines.push(`  ${status.padEnd(width)}  ${what}`);
    } else if (summary.done.length > 0) {
      lines.push(`${summary.spec}: done: ${summary.done.join(', ')}`);
    }
    if (summary.accepted) {
      const from = summary.accepted.from === undefined ? 'none' : summary.accepted.from.slice(0, 12);
      const what = summary.accepted.written
        ? `moved to ${summary.accepted.to.slice(0, 7)} (was ${from})`
        : `already at ${summary.accepted.to.slice(0, 7)}`;
      lines.push(`${summary.spec}: baseline ${what}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function helpText(): string {
  const width = Math.max(...DRIFT_RULES.map((rule) => rule.id.length));
  return [
    '',
    'Findings (docs/check.md):',
    ...DRIFT_RULES.map((rule) => `  ${rule.id.padEnd(width)}  ${rule.description}`),
    '',
    'Exit code: 0 no drift; 1 drift (any finding); 2 usage, git or input failure.',
    '',
  ].join('\n');
}
