// eval:lint: lints every spec of a manifest inside its repository at the commit that added it, with the default config
// (or --config), writes every finding, and scores them against bench/lint-labels.jsonl: precision per rule, findings
// not labelled yet, and what appeared or disappeared against the labels.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../src/lint/config.js';
import { lintSource } from '../../src/lint/files.js';
import { readManifest } from './manifest.js';
import {
  describeFinding,
  describeLabel,
  flaggedText,
  formatScores,
  hashText,
  matchLabels,
  parseLabels,
  scoreRules,
  subjectOf,
  tokenOf,
  type EvalFinding,
} from './lint-score.js';

const USAGE =
  'usage: npm run eval:lint -- --manifest FILE --repos DIR [--labels FILE] [--out FILE] [--todo FILE] [--only TEXT] [--config JSON] [--quiet]';

// npm run starts scripts at the package root; the bundle itself lives under node_modules/.cache.
const ROOT = process.cwd();

interface Options {
  manifest: string;
  repos: string;
  labels: string;
  out: string;
  todo: string | undefined;
  only: string | undefined;
  config: unknown;
  quiet: boolean;
}

function options(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      manifest: { type: 'string' },
      repos: { type: 'string' },
      labels: { type: 'string' },
      out: { type: 'string' },
      todo: { type: 'string' },
      only: { type: 'string' },
      config: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  if (values.manifest === undefined || values.repos === undefined) throw new Error(USAGE);
  let config: unknown = {};
  if (values.config !== undefined) {
    try {
      config = JSON.parse(values.config);
    } catch {
      throw new Error(`--config ${values.config}: expected a JSON object such as {"extends":"strict"}`);
    }
  }
  return {
    manifest: path.resolve(values.manifest),
    repos: path.resolve(values.repos),
    labels: path.resolve(values.labels ?? path.join(ROOT, 'bench/lint-labels.jsonl')),
    out: path.resolve(values.out ?? path.join(os.tmpdir(), 'techspec-eval-lint', 'findings.json')),
    todo: values.todo === undefined ? undefined : path.resolve(values.todo),
    only: values.only,
    config,
    quiet: values.quiet === true,
  };
}

function main(): void {
  const opts = options(process.argv.slice(2));
  const cases = readManifest(opts.manifest).filter(
    (entry) => opts.only === undefined || entry.id.includes(opts.only),
  );
  const findings: EvalFinding[] = [];
  const skipped: string[] = [];
  let linted = 0;
  for (const entry of cases) {
    // --repos DIR holds one checkout per spec, DIR/<id>, made by checkout.sh at spec_added_commit.
    const root = path.join(opts.repos, entry.id);
    const file = path.join(root, entry.spec_path);
    if (!existsSync(file)) {
      skipped.push(`${entry.id} (${entry.repo}): no ${entry.spec_path} under ${root}`);
      continue;
    }
    const config = resolveConfig(opts.config, { root, file: undefined, strict: false });
    const text = readFileSync(file, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    const report = lintSource(text, { cwd: root, config, filename: entry.spec_path });
    for (const problem of report.problems) skipped.push(`${entry.id}: ${problem.message}`);
    for (const d of report.results.flatMap((result) => result.diagnostics)) {
      const subject = subjectOf(d.message);
      const flagged = flaggedText(lines, d, subject);
      findings.push({
        spec: entry.id,
        rule: d.ruleId,
        messageId: d.messageId,
        line: d.line,
        hash: hashText(flagged),
        token: tokenOf(flagged),
        message: d.message,
        severity: d.severity,
        ...(subject === undefined ? {} : { subject }),
      });
    }
    linted++;
  }
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(findings, null, 1)}\n`);

  const { labels, missed } = existsSync(opts.labels)
    ? parseLabels(readFileSync(opts.labels, 'utf8'), opts.labels)
    : { labels: [], missed: [] };
  const specs = new Set(cases.map((entry) => entry.id));
  const inScope = labels.filter((label) => specs.has(label.spec));
  const matching = matchLabels(findings, inScope);
  console.log(
    `Linted ${linted} of ${cases.length} specs: ${findings.length} findings (written to ${opts.out}); ${inScope.length} labels`,
  );
  console.log('');
  console.log(
    formatScores(
      scoreRules(
        matching,
        missed.filter((gap) => specs.has(gap.spec)),
      ),
    ),
  );
  console.log('');
  console.log(`Appeared (no label yet): ${matching.unlabelled.length}`);
  if (!opts.quiet) for (const finding of matching.unlabelled) console.log(`  + ${describeFinding(finding)}`);
  console.log(`Disappeared (label with no finding): ${matching.disappeared.length}`);
  if (!opts.quiet) for (const label of matching.disappeared) console.log(`  - ${describeLabel(label)}`);
  if (skipped.length > 0) {
    console.log(`Not linted: ${skipped.length}`);
    for (const reason of skipped) console.log(`  ${reason}`);
  }
  if (opts.todo !== undefined) {
    // Skeleton label lines for the findings not labelled yet: fill in verdict and reason, append to the labels.
    const rows = matching.unlabelled.map((f) =>
      JSON.stringify({
        spec: f.spec,
        rule: f.rule,
        line: f.line,
        messageId: f.messageId,
        hash: f.hash,
        token: f.token,
        ...(f.subject === undefined ? {} : { subject: f.subject }),
        verdict: '',
        reason: '',
        message: f.message,
      }),
    );
    writeFileSync(opts.todo, rows.length === 0 ? '' : `${rows.join('\n')}\n`);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
