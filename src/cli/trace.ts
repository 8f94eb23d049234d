// `techspec trace <feature>`: traceFeature → table or JSON; exit 1 when a requirement has no task citing it.
import { Option, type Command } from 'commander';
import { TechspecError } from '../errors.js';
import { formatTrace, TRACE_FORMATS, type TraceFormat } from '../workflow/trace-format.js';
import { traceFeature } from '../workflow/trace.js';
import { projectRoot } from '../workflow/init-config.js';
import type { CliRun } from './io.js';
import { specArgument } from './tasks.js';

export function register(program: Command, run: CliRun): void {
  program
    .command('trace')
    .summary('show which spec sections and tasks cite each requirement of a PRD')
    .description(
      'PRD → spec → tasks coverage of a feature: each requirement of its prd.md (ids such as RF-01, FR-1, REQ-12, ' +
        'US-3, or numbered items under Functional Requirements / Goals), the spec sections and tasks citing it, ' +
        'and the tasks citing none. Exits 1 when a requirement is cited by no task.',
    )
    .argument('<feature>', 'a feature name, its folder, or its spec path')
    .addOption(new Option('-f, --format <name>', 'output format').choices(TRACE_FORMATS).default('table'))
    .action((feature: string, flags: { format: TraceFormat }) => {
      const { io } = run;
      const root = projectRoot(io.cwd);
      const report = traceFeature(root, specArgument(root, io.cwd, feature));
      if (report.prd === undefined) {
        throw new TechspecError(
          'NOT_FOUND',
          `Feature ${report.feature} has no prd.md in ${report.dir}, expected the PRD whose requirements to trace`,
        );
      }
      for (const problem of report.problems) io.stderr.write(`techspec: ${problem}\n`);
      io.stdout.write(formatTrace(report, flags.format));
      run.exitCode = report.counts.withoutTask > 0 ? 1 : 0;
    });
}
