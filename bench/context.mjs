// Context-engine benchmark on one repository: cold index time and peak memory, warm index and query times, against
// `git grep -c` for the same terms over the same files. Usage: npm run bench:context -- REPO [--query TEXT]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { bundleContext } from '../scripts/bundle.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const bundleDir = path.join(root, 'node_modules/.cache/techspec-bench-context');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 15);
const TIMED = existsSync('/usr/bin/time');
const DEFAULT_QUERY =
  'Let users set a monthly spending limit on a payment card and get a notification when it is reached';

if (process.argv[2] === '--child') await child(...process.argv.slice(3, 7));
else await main();

async function main() {
  const args = process.argv.slice(2);
  const repo = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--query');
  if (!repo) throw new Error('usage: npm run bench:context -- REPO [--query TEXT]');
  const query = args.includes('--query') ? args[args.indexOf('--query') + 1] : DEFAULT_QUERY;
  // The engine's bundle, as the real build lays it out, so that worker threads are used.
  await bundleContext(bundleDir);
  const work = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-context-'));
  const cacheDir = path.join(work, 'cache');
  const cold = [];
  const grep = [];
  let terms = [];
  for (let run = 0; run < RUNS; run++) {
    rmSync(cacheDir, { recursive: true, force: true });
    const result = measure(['cold', path.resolve(repo), cacheDir, query]);
    cold.push(result);
    terms = result.terms;
    grep.push(gitGrep(path.resolve(repo), terms, result.indexedFiles));
  }
  const warm = measure(['warm', path.resolve(repo), cacheDir, query]);
  rmSync(work, { recursive: true, force: true });
  report({ repo, query, terms, cold, grep, warm });
}

/**
 * Runs a command under /usr/bin/time when present, for its peak RSS (threads included) and CPU seconds: on a shared
 * machine, CPU time says what wall time cannot.
 */
function timed(command, args, options) {
  const out = TIMED
    ? spawnSync('/usr/bin/time', ['-f', 'timed %M %U %S', command, ...args], options)
    : spawnSync(command, args, options);
  const match = /timed (\d+) ([\d.]+) ([\d.]+)/.exec(out.stderr ?? '');
  return {
    out,
    peakRssMb: match ? Number(match[1]) / 1024 : undefined,
    cpu: match ? Number(match[2]) + Number(match[3]) : undefined,
  };
}

function measure(childArgs) {
  const script = path.join(here, 'context.mjs');
  const run = timed(process.execPath, [script, '--child', ...childArgs], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.out.status !== 0) throw new Error(`child failed: ${run.out.stderr}`);
  const result = JSON.parse(run.out.stdout);
  result.peakRssMb = run.peakRssMb ?? result.sampledRssMb;
  result.cpu = run.cpu;
  return result;
}

async function child(mode, repo, cacheDir, query) {
  const { buildIndex, rankFiles, parseQuery } = await import(
    pathToFileURL(path.join(bundleDir, 'index.js')).href
  );
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const index = await buildIndex(repo, { cacheDir });
  const indexMs = performance.now() - started;
  const out = { mode, indexMs, stats: index.stats, sampledRssMb: 0 };
  if (mode === 'cold') {
    out.terms = [...parseQuery(query).terms.values()].map((term) => term.surface);
    out.indexedFiles = index.files.map((file) => file.path);
  } else {
    const time = (text) => {
      const t0 = performance.now();
      const top = rankFiles(index, { text });
      return { ms: performance.now() - t0, top };
    };
    const runs = Array.from({ length: QUERY_RUNS }, () => time(query));
    out.short = { medianMs: median(runs.map((run) => run.ms)), top: runs[0].top.slice(0, 5) };
    // Real specs as queries: a long text, hundreds of terms, Portuguese or English.
    const specs = benchSpecs().map((text) => ({ words: text.split(/\s+/).length, ms: time(text).ms }));
    if (specs.length > 0) {
      out.specs = {
        count: specs.length,
        medianWords: median(specs.map((spec) => spec.words)),
        medianMs: median(specs.map((spec) => spec.ms)),
        maxMs: Math.max(...specs.map((spec) => spec.ms)),
      };
    }
  }
  clearInterval(timer);
  out.sampledRssMb = Math.max(sampled, process.memoryUsage().rss) / 1024 / 1024;
  process.stdout.write(JSON.stringify(out));
}

/** `git grep -c` for the query's words over the files the index read, the way a person would look for them. */
function gitGrep(repo, terms, files) {
  const patterns = terms.flatMap((term) => ['-e', term]);
  const started = performance.now();
  let cpu = 0;
  // Literal pathspecs, in chunks that stay below the argument-size limit.
  for (let i = 0; i < files.length; i += 2000) {
    const run = timed(
      'git',
      ['grep', '-c', '-I', '-i', '-F', ...patterns, '--', ...files.slice(i, i + 2000)],
      {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, GIT_LITERAL_PATHSPECS: '1' },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    cpu += run.cpu ?? 0;
  }
  return { ms: performance.now() - started, cpu };
}

/** The real specs beside the project (read in place, never copied), used as long queries. */
function benchSpecs() {
  const dir = path.resolve(root, '../shared/bench/specs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function report({ repo, query, terms, cold, grep, warm }) {
  const stats = cold[0].stats;
  const coldMs = median(cold.map((run) => run.indexMs));
  const grepMs = median(grep.map((run) => run.ms));
  const coldCpu = median(cold.map((run) => run.cpu ?? 0));
  const grepCpu = median(grep.map((run) => run.cpu));
  const peak = Math.max(...cold.map((run) => run.peakRssMb), warm.peakRssMb);
  const { short, specs } = warm;
  const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`repository      ${repo}`);
  console.log(
    `files           ${stats.files} listed, ${stats.indexed} indexed, ${stats.parsed} parsed by tree-sitter`,
  );
  console.log(`skipped         ${JSON.stringify(stats.skipped)}`);
  console.log(`query           "${query}" → git grep terms: ${terms.join(', ')}`);
  console.log(`cold index      ${cold.map((run) => fmt(run.indexMs)).join(', ')} (median ${fmt(coldMs)})`);
  console.log(`git grep -c     ${grep.map((run) => fmt(run.ms)).join(', ')} (median ${fmt(grepMs)})`);
  console.log(`ratio           cold index / git grep = ${(coldMs / grepMs).toFixed(2)}× wall (goal ≤ 3×)`);
  if (TIMED) {
    const cpuRatio = (coldCpu / grepCpu).toFixed(2);
    console.log(
      `cpu time        index ${coldCpu.toFixed(2)} s, git grep ${grepCpu.toFixed(2)} s: ${cpuRatio}×`,
    );
  }
  console.log(
    `machine         ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  console.log(`peak memory     ${peak.toFixed(0)} MB (goal < 1024 MB)`);
  console.log(
    `warm index      ${fmt(warm.indexMs)} from cache (${warm.stats.fromCache} of ${warm.stats.indexed})`,
  );
  console.log(`warm query      ${short.medianMs.toFixed(1)} ms median of ${QUERY_RUNS} (goal < 200 ms)`);
  if (specs) {
    const { count, medianWords, medianMs, maxMs } = specs;
    console.log(
      `warm query      ${count} real specs as queries (median ${medianWords} words): median ${medianMs.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms`,
    );
  }
  console.log(`top 5           ${short.top.map((file) => file.path).join(', ')}`);
}
