// Lint benchmark: techspec against the tools a user would otherwise reach for, on the same distinct real specs
// (../shared/bench/specs and specs-more, each laid out once: no copies). Prints wall and CPU times (median of
// several runs), per-spec times, the ratios against markdownlint-cli2 and OpenSpec in the same run, and start-up
// (`--version`, `lint --help`) against bare `node -e 0`.
// With `--repo DIR` (or BENCH_REPO=DIR): instead, `techspec lint <one spec>` on a copy of that real repository (a
// dev-manifest checkout), cold (--no-cache), with the cache warm, and with the lint cache emptied but the rule sources
// kept, against `node -e 0` and the spec's own lint done in-process, all in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloneRepository, manifestSpec, repoArgument } from './repository.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const specDirs = ['specs', 'specs-more'].map((name) => path.resolve(root, '../shared/bench', name));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VERSION_RUNS = Number(process.env.BENCH_VERSION_RUNS ?? 20);
const TIME = '/usr/bin/time';
const quietEnv = {
  ...process.env,
  OPENSPEC_TELEMETRY: '0',
  DO_NOT_TRACK: '1',
  OPENSPEC_NO_UPDATE_CHECK: '1',
  NO_COLOR: '1',
};

const present = specDirs.filter((dir) => existsSync(dir));

function ensurePeers() {
  if (existsSync(path.join(here, 'node_modules/.bin/openspec'))) return;
  console.log('Installing the benchmark peers (markdownlint-cli2, OpenSpec) under bench/ …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}

/** Each distinct spec once, as techspec finds specs and as OpenSpec specs; `one` holds only the first spec. */
function makeCorpus() {
  const sources = present.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => path.join(dir, f)),
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-'));
  const plain = path.join(work, 'repo');
  const one = path.join(work, 'one');
  const openspec = path.join(work, 'openspec-project');
  mkdirSync(path.join(openspec, 'openspec/specs'), { recursive: true });
  mkdirSync(path.join(openspec, 'openspec/changes'), { recursive: true });
  let bytes = 0;
  sources.forEach((source, i) => {
    const name = `feature-${String(i).padStart(4, '0')}`;
    for (const base of i === 0 ? [plain, one] : [plain]) {
      const dir = path.join(base, 'tasks', `prd-${name}`);
      mkdirSync(dir, { recursive: true });
      cpSync(source, path.join(dir, 'techspec.md'));
    }
    mkdirSync(path.join(openspec, 'openspec/specs', name), { recursive: true });
    cpSync(source, path.join(openspec, 'openspec/specs', name, 'spec.md'));
    bytes += readFileSync(source).length;
  });
  writeFileSync(path.join(openspec, 'openspec/config.yaml'), 'schema: spec-driven\n');
  return { work, plain, one, openspec, count: sources.length, bytes };
}

const hasTime = existsSync(TIME);

/** Wall time, and CPU time (user + system, children included) when /usr/bin/time is there. */
function time(command, args, cwd) {
  const cpuFile = path.join(os.tmpdir(), `techspec-bench-time-${process.pid}`);
  const [bin, argv] = hasTime ? [TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(bin, argv, { cwd, env: quietEnv, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  let cpu = NaN;
  if (hasTime) {
    const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    cpu = (user + sys) * 1000;
    rmSync(cpuFile, { force: true });
  }
  return { ms, cpu, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, command, args, cwd, runs) {
  const walls = [];
  const cpus = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = time(command, args, cwd);
    walls.push(last.ms);
    cpus.push(last.cpu);
  }
  return { label, ms: median(walls), cpu: median(cpus), status: last.status, stdout: last.stdout };
}

/**
 * CPU per spec of markdown-it's block parse alone (the package's published build, with the options of
 * src/spec/markdown.ts: inline parsing off) over every spec under `dir`, cold, in a fresh process; the loop only,
 * without start-up.
 */
function markdownItFloor(dir) {
  const script = `
    import { readFileSync } from 'node:fs';
    import MarkdownIt from 'markdown-it';
    const md = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
    md.core.ruler.disable(['inline', 'text_join']);
    const files = JSON.parse(process.argv[1]);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const start = process.cpuUsage();
    for (const text of texts) md.parse(text, {});
    const used = process.cpuUsage(start);
    console.log((used.user + used.system) / 1000 / texts.length);`;
  const files = readdirSync(path.join(dir, 'tasks')).map((name) =>
    path.join(dir, 'tasks', name, 'techspec.md'),
  );
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files)], {
    cwd: root,
    encoding: 'utf8',
  });
  return Number(out.trim());
}

ensurePeers();
const REPO = repoArgument('bench:lint');
if (REPO) {
  await benchRepository(REPO);
  process.exit(0);
}
if (present.length === 0) {
  console.log(`bench:lint skipped: no real specs at ${specDirs.join(' or ')} (the shared evaluation data)`);
  process.exit(0);
}
const corpus = makeCorpus();
const bin = path.join(root, 'bin/techspec.js');
const peers = path.join(here, 'node_modules/.bin');
const n = corpus.count;
console.log(
  `Corpus: ${n} distinct real specs (${(corpus.bytes / 1024).toFixed(0)} KiB) from ${present.join(', ')}; each once, no copies; median of ${RUNS} runs each.`,
);
if (!hasTime) console.log(`(${TIME} is absent: CPU times are not measured, wall times only)`);

const fmt = (value) => (Number.isNaN(value) ? 'n/a' : value.toFixed(0));
try {
  const lintArgs = [bin, 'lint', '--format', 'json', '--no-cache'];
  const techspec = measure('techspec lint (default rules)', process.execPath, lintArgs, corpus.plain, RUNS);
  const findings = JSON.parse(techspec.stdout);
  const single = measure('techspec lint, one spec', process.execPath, lintArgs, corpus.one, RUNS);
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

  console.log('\n| tool | wall (ms) | CPU (ms) | wall per spec (ms) | CPU ÷ techspec (cold) | exit |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const row of [techspec, single, cached, markdownlint, openspec]) {
    const per = row === single ? row.ms : row.ms / n;
    console.log(
      `| ${row.label} | ${fmt(row.ms)} | ${fmt(row.cpu)} | ${per.toFixed(2)} | ${(row.cpu / techspec.cpu).toFixed(2)}x | ${row.status} |`,
    );
  }
  console.log(
    `\ntechspec linted ${findings.results.length} files (${findings.errorCount} errors, ${findings.warningCount} warnings); OpenSpec validated ${openspecItems} items.`,
  );
  // Beyond start-up: what each further spec costs, from the run over all of them less the run over one.
  const marginalWall = (techspec.ms - single.ms) / (n - 1);
  const marginalCpu = (techspec.cpu - single.cpu) / (n - 1);
  console.log(
    `techspec per spec beyond start-up: ${marginalWall.toFixed(2)} ms wall, ${marginalCpu.toFixed(2)} ms CPU (goal ≤ 2 ms: ${marginalCpu <= 2 ? 'met' : 'NOT met'}); start-up ${fmt(single.ms)} ms wall`,
  );
  const floor = median(Array.from({ length: RUNS }, () => markdownItFloor(corpus.plain)));
  console.log(
    `markdown-it's block parse alone, cold, in a fresh process over the same specs: ${floor.toFixed(2)} ms CPU per spec (${((100 * floor) / marginalCpu).toFixed(0)} % of techspec's per-spec cost; a floor under it)`,
  );
  const ratio = (a, b) => (Number.isNaN(a.cpu) ? a.ms / b.ms : a.cpu / b.cpu).toFixed(2);
  console.log(
    `techspec ÷ OpenSpec: ${ratio(techspec, openspec)} CPU, ${(techspec.ms / openspec.ms).toFixed(2)} wall (goal ≤ 1)`,
  );
  console.log(
    `techspec ÷ markdownlint-cli2: ${ratio(techspec, markdownlint)} CPU, ${(techspec.ms / markdownlint.ms).toFixed(2)} wall`,
  );
  console.log(`techspec --cache (warm) ÷ OpenSpec: ${ratio(cached, openspec)} CPU`);

  const bare = measure('node -e 0', process.execPath, ['-e', '0'], root, VERSION_RUNS);
  const version = measure('techspec --version', process.execPath, [bin, '--version'], root, VERSION_RUNS);
  const help = measure('techspec lint --help', process.execPath, [bin, 'lint', '--help'], root, VERSION_RUNS);
  const osVersion = measure(
    'openspec --version',
    path.join(peers, 'openspec'),
    ['--version'],
    root,
    Math.min(VERSION_RUNS, 10),
  );
  console.log(`\nStart-up (median of ${VERSION_RUNS}):`);
  for (const row of [bare, version, help, osVersion]) {
    console.log(
      `  ${row.label.padEnd(22)} ${row.ms.toFixed(1)} ms wall, ${fmt(row.cpu)} ms CPU  (${(row.ms / bare.ms).toFixed(2)}x bare node)`,
    );
  }
  const helpRatio = help.ms / bare.ms;
  console.log(
    `techspec lint --help ÷ node -e 0: ${helpRatio.toFixed(2)} (goal ≤ 1.3: ${helpRatio <= 1.3 ? 'met' : 'NOT met'})`,
  );
  const overhead = version.ms - bare.ms;
  console.log(
    `techspec --version overhead: ${overhead.toFixed(1)} ms (goal < 50 ms: ${overhead < 50 ? 'met' : 'NOT met'})`,
  );
} finally {
  rmSync(corpus.work, { recursive: true, force: true });
}

/** The manifest's spec of the checkout, else the first techspec.md listed. */
function repositorySpec(dir, repo) {
  const named = manifestSpec(dir, repo);
  if (named) return named;
  const listed = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' }).split('\n');
  const spec = listed.find((file) => /(?:^|\/)_?techspec\.md$/.test(file));
  if (!spec) throw new Error(`bench:lint: ${dir} has no techspec.md`);
  return spec;
}

/**
 * One spec linted by the CLI in a copy of a real repository: cold (--no-cache: the rules' discovery, the listing and
 * the lint itself), warm (the result and rule sources kept in .techspec/cache), and with only the rule sources kept
 * (the spec edited since the last run); with the default rules and with the strict set (whose
 * standards-compliance-coverage reads every rule file). Against `node -e 0` and the spec's own lint in-process.
 */
async function benchRepository(dir) {
  execFileSync(
    process.execPath,
    [path.join(root, 'scripts/build.mjs'), '--no-types', '--quiet', '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
  const { work, repo } = cloneRepository(dir, 'techspec-bench-lint-repo-');
  try {
    const spec = repositorySpec(dir, repo);
    const bin = path.join(root, 'bin/techspec.js');
    const library = await import(path.join(root, 'dist/index.js'));
    // The strict set through the repository's own config file (a config elsewhere would make its folder the root).
    const strictConfig = path.join(repo, 'techspec.config.json');
    const files = library.listFiles(repo).length;
    const runs = Number(process.env.BENCH_RUNS ?? 5);
    const bare = measure('node -e 0', process.execPath, ['-e', '0'], root, runs * 2);
    console.log(`${path.basename(dir)}: ${files} files, spec ${spec}; median of ${runs} runs each`);
    console.log('');
    console.log(
      '| config | run | wall ms | CPU ms | CPU ÷ node -e 0 | goal (2 × node -e 0 + own lint) | exit |',
    );
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const name of ['default', 'strict']) {
      if (name === 'strict') writeFileSync(strictConfig, '{"extends":"strict"}\n');
      // The spec's own lint: the same file through the library in this process, its Workspace (listing, rule sources)
      // kept, once warm: what no start-up or discovery is part of.
      const workspace = library.createWorkspace(repo, { root: repo });
      const options = { cwd: repo, workspace };
      await library.lintFiles([spec], options);
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < runs; i++) await library.lintFiles([spec], options);
      const used = process.cpuUsage(cpuBefore);
      const own = (used.user + used.system) / 1000 / runs;
      const goal = 2 * bare.cpu + own;
      const args = [bin, 'lint', '--format', 'json', spec];
      // A build from before the cache was on by default has no --no-cache: it never kept one.
      const noCache = time(process.execPath, [bin, 'lint', '--help'], repo).stdout.includes('--no-cache')
        ? ['--no-cache']
        : [];
      const cache = path.join(repo, '.techspec');
      rmSync(cache, { recursive: true, force: true });
      const cold = measure('cold (--no-cache)', process.execPath, [...args, ...noCache], repo, runs);
      time(process.execPath, args, repo);
      const warm = measure('warm cache', process.execPath, args, repo, runs);
      const rulesOnly = {
        label: 'rule sources kept, lint cache emptied',
        ...measureEach(runs, () => {
          rmSync(path.join(cache, 'cache/lint.json'), { force: true });
          return time(process.execPath, args, repo);
        }),
      };
      console.log(
        `| ${name} | spec's own lint, in-process | — | ${own.toFixed(0)} | ${(own / bare.cpu).toFixed(2)}x | — | — |`,
      );
      for (const row of [cold, warm, rulesOnly]) {
        console.log(
          `| ${name} | ${row.label} | ${row.ms.toFixed(0)} | ${row.cpu.toFixed(0)} | ${(row.cpu / bare.cpu).toFixed(2)}x | ` +
            `${goal.toFixed(0)}: ${row.cpu <= goal ? 'met' : 'NOT met'} | ${row.status} |`,
        );
      }
    }
    console.log('');
    console.log(
      `node -e 0: ${bare.ms.toFixed(0)} ms wall, ${bare.cpu.toFixed(0)} ms CPU (median of ${runs * 2})`,
    );
    console.log(`Load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function measureEach(runs, once) {
  const walls = [];
  const cpus = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = once();
    walls.push(last.ms);
    cpus.push(last.cpu);
  }
  return { ms: median(walls), cpu: median(cpus), status: last.status };
}
