// Lint benchmark: techspec against the tools a user would otherwise reach for, on the same 1,000 real specs.
// Prints wall times (median of several runs), the ratios, and `--version` start-up against bare Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const specsDir = path.resolve(root, '../shared/bench/specs');
const COPIES = Number(process.env.BENCH_FILES ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const VERSION_RUNS = Number(process.env.BENCH_VERSION_RUNS ?? 20);
const quietEnv = {
  ...process.env,
  OPENSPEC_TELEMETRY: '0',
  DO_NOT_TRACK: '1',
  OPENSPEC_NO_UPDATE_CHECK: '1',
  NO_COLOR: '1',
};

function ensurePeers() {
  if (existsSync(path.join(here, 'node_modules/.bin/openspec'))) return;
  console.log('Installing the benchmark peers (markdownlint-cli2, OpenSpec) under bench/ …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}

/** Lays the real specs out three ways: as techspec finds them, and as OpenSpec specs. */
function makeCorpus() {
  const sources = readdirSync(specsDir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  if (sources.length === 0) throw new Error(`No specs in ${specsDir}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-'));
  const plain = path.join(work, 'repo');
  const openspec = path.join(work, 'openspec-project');
  mkdirSync(path.join(openspec, 'openspec/specs'), { recursive: true });
  mkdirSync(path.join(openspec, 'openspec/changes'), { recursive: true });
  for (let i = 0; i < COPIES; i++) {
    const source = path.join(specsDir, sources[i % sources.length]);
    const name = `feature-${String(i).padStart(4, '0')}`;
    const dir = path.join(plain, 'tasks', `prd-${name}`);
    mkdirSync(dir, { recursive: true });
    cpSync(source, path.join(dir, 'techspec.md'));
    mkdirSync(path.join(openspec, 'openspec/specs', name), { recursive: true });
    cpSync(source, path.join(openspec, 'openspec/specs', name, 'spec.md'));
  }
  writeFileSync(path.join(openspec, 'openspec/config.yaml'), 'schema: spec-driven\n');
  return { work, plain, openspec, sources: sources.length };
}

function time(command, args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    env: quietEnv,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, command, args, cwd, runs) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = time(command, args, cwd);
    samples.push(last.ms);
  }
  return { label, ms: median(samples), status: last.status, stdout: last.stdout, stderr: last.stderr };
}

ensurePeers();
const corpus = makeCorpus();
const bin = path.join(root, 'bin/techspec.js');
const peers = path.join(here, 'node_modules/.bin');
console.log(
  `Corpus: ${COPIES} specs replicated from ${corpus.sources} real specs; median of ${RUNS} runs each.\n`,
);

try {
  const techspec = measure(
    'techspec lint (all rules)',
    process.execPath,
    [bin, 'lint', '--format', 'json'],
    corpus.plain,
    RUNS,
  );
  const findings = JSON.parse(techspec.stdout);
  // Warm: the same run with --cache after one run that filled it (nothing changed, so nothing is re-linted).
  const cacheFile = path.join(corpus.work, 'lint-cache.json');
  const cacheArgs = [bin, 'lint', '--format', 'json', '--cache', '--cache-location', cacheFile];
  time(process.execPath, cacheArgs, corpus.plain);
  const cached = measure('techspec lint --cache (warm)', process.execPath, cacheArgs, corpus.plain, RUNS);
  const markdownlint = measure(
    'markdownlint-cli2 (default rules)',
    path.join(peers, 'markdownlint-cli2'),
    ['**/*.md'],
    corpus.plain,
    RUNS,
  );
  const openspec = measure(
    'openspec validate --all --json',
    path.join(peers, 'openspec'),
    ['validate', '--all', '--json'],
    corpus.openspec,
    RUNS,
  );
  const openspecItems = JSON.parse(openspec.stdout).summary?.totals?.items;

  console.log('| tool | wall time (ms) | time ÷ techspec (cold) | exit |');
  console.log('| --- | --- | --- | --- |');
  for (const row of [techspec, cached, markdownlint, openspec]) {
    console.log(
      `| ${row.label} | ${row.ms.toFixed(0)} | ${(row.ms / techspec.ms).toFixed(1)}x | ${row.status} |`,
    );
  }
  console.log(
    `\ntechspec linted ${findings.results.length} files (${findings.errorCount} errors, ${findings.warningCount} warnings); OpenSpec validated ${openspecItems} items.`,
  );
  const ratio = techspec.ms / openspec.ms;
  console.log(
    `techspec / OpenSpec time: ${ratio.toFixed(2)} (goal ≤ 0.50: ${ratio <= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(`techspec --cache (warm) / OpenSpec time: ${(cached.ms / openspec.ms).toFixed(2)}`);

  const bare = measure('node -e 0', process.execPath, ['-e', '0'], root, VERSION_RUNS);
  const version = measure('techspec --version', process.execPath, [bin, '--version'], root, VERSION_RUNS);
  const osVersion = measure(
    'openspec --version',
    path.join(peers, 'openspec'),
    ['--version'],
    root,
    Math.min(VERSION_RUNS, 10),
  );
  const help = measure('techspec lint --help', process.execPath, [bin, 'lint', '--help'], root, VERSION_RUNS);
  console.log(`\nStart-up (median of ${VERSION_RUNS}):`);
  for (const row of [bare, version, help, osVersion]) {
    console.log(
      `  ${row.label.padEnd(22)} ${row.ms.toFixed(1)} ms  (+${(row.ms - bare.ms).toFixed(1)} ms over bare node)`,
    );
  }
  const overhead = version.ms - bare.ms;
  console.log(
    `techspec --version overhead: ${overhead.toFixed(1)} ms (goal < 50 ms: ${overhead < 50 ? 'met' : 'NOT met'})`,
  );
} finally {
  rmSync(corpus.work, { recursive: true, force: true });
}
