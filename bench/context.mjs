// Context-engine benchmark at several repository sizes, this tree against a baseline tree in the same run: cold index
// CPU against `git grep -c` for the same terms over the same files, getContext warm (first call of a process, with the
// index on disk; then calls in a long-lived process), a one-file edit, bytes of index per file, and RSS/heap after each
// of 10 calls in one process.
//   npm run bench:context -- [--sizes 1000,5000,20000] [--from DIR ...] [--base DIR] [REPO]
// REPO: one existing repository instead of generated ones. Generated repositories copy the tracked files of the --from
// checkouts (default: three of ../eval-repos, else this package's own sources) round-robin until the size is reached,
// under copies named r<source>c<copy>/, into a git repository in the temp folder (kept between runs).
// --base: a checkout of the baseline sources with node_modules (e.g. `git worktree add /tmp/base main && ln -s …`).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const CALLS = Number(process.env.BENCH_CALLS ?? 10);
const TIMED = existsSync('/usr/bin/time');
const QUERY =
  'Let users set a monthly spending limit on a payment card and get a notification when it is reached';

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]));
else await main();

async function main() {
  const args = process.argv.slice(2);
  const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const many = (flag) => args.flatMap((arg, i) => (args[i - 1] === flag ? [arg] : []));
  const flagged = new Set(['--sizes', '--from', '--base']);
  const repo = args.find((arg, i) => !arg.startsWith('--') && !flagged.has(args[i - 1]));
  const sizes = (value('--sizes') ?? '1000,5000,20000').split(',').map(Number);
  const trees = [{ name: 'this', dir: root }];
  const base = value('--base');
  if (base) trees.unshift({ name: 'base', dir: path.resolve(base) });
  for (const tree of trees) tree.bundle = await bundle(tree.dir, tree.name);
  const from = repo ? [] : sources(many('--from'));
  if (!repo) console.log(`generated from ${from.join(', ')}`);
  const repos = repo ? [path.resolve(repo)] : sizes.map((n) => generate(n, from));
  process.on('exit', () => {
    for (const tree of trees) rmSync(tree.bundle, { recursive: true, force: true });
  });
  for (const dir of repos) {
    // Only a generated repository has a file edited (and put back) by the benchmark.
    const results = trees.map((tree) => ({ tree: tree.name, ...measureTree(tree.bundle, dir, !repo) }));
    report(dir, results);
  }
}

/** The engine's bundle from a tree's sources, beside its node_modules (the workers and tree-sitter are found there). */
async function bundle(dir, name) {
  // Named per tree: a baseline checkout may share this tree's node_modules through a link.
  const out = path.join(dir, `node_modules/.cache/techspec-bench-context-${name}-${process.pid}`);
  const { bundleContext } = await import(pathToFileURL(path.join(dir, 'scripts/bundle.mjs')).href);
  await bundleContext(out, { index: 'src/index.ts', context: 'src/context/index.ts' });
  return out;
}

/** The --from checkouts, else the three largest distinct repositories of ../eval-repos, else this package. */
function sources(given) {
  if (given.length > 0) return given.map((dir) => path.resolve(dir));
  const evalRepos = path.resolve(root, '../eval-repos');
  const largest = new Map();
  for (const name of existsSync(evalRepos) ? readdirSync(evalRepos) : []) {
    const dir = path.join(evalRepos, name);
    if (!existsSync(path.join(dir, '.git'))) continue;
    const count = execFileSync('git', ['ls-files', '-z'], { cwd: dir, maxBuffer: 1 << 28 })
      .toString()
      .split('\0').length;
    const repository = name.split('__').slice(0, 2).join('__');
    if ((largest.get(repository)?.count ?? 0) < count) largest.set(repository, { dir, count });
  }
  const picks = [...largest.values()].sort((a, b) => b.count - a.count).slice(0, 3);
  return picks.length > 0 ? picks.map((pick) => pick.dir) : [root];
}

/** A git repository of `n` files copied round-robin from the tracked files of `from` (made once, then reused). */
function generate(n, from) {
  const key = `${n}-${from.map((dir) => path.basename(dir)).join('+')}`
    .replace(/[^\w+.-]/g, '_')
    .slice(0, 180);
  const dir = path.join(os.tmpdir(), 'techspec-bench-context-gen', key);
  if (existsSync(path.join(dir, '.git', 'bench-complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const lists = from.map((src) =>
    execFileSync('git', ['ls-files', '-z'], { cwd: src, maxBuffer: 1 << 28 })
      .toString()
      .split('\0')
      .filter(Boolean),
  );
  let made = 0;
  for (let i = 0; made < n && i < n * 4; i++) {
    const s = i % from.length;
    const list = lists[s];
    if (list.length === 0) continue;
    const k = Math.floor(i / from.length);
    const file = list[k % list.length];
    const to = path.join(dir, `r${s}c${Math.floor(k / list.length)}`, file);
    try {
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(path.join(from[s], file), to);
      made++;
    } catch {
      // A submodule, a link to a folder or a vanished file: the next one serves.
    }
  }
  const git = (...args) => execFileSync('git', args, { cwd: dir, maxBuffer: 1 << 28, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git(
    '-c',
    'user.name=bench',
    '-c',
    'user.email=bench@example.com',
    'commit',
    '-qm',
    'generated',
    '--no-verify',
  );
  writeFileSync(path.join(dir, '.git', 'bench-complete'), '');
  return dir;
}

/** Runs `node` under /usr/bin/time when present, for CPU seconds and peak RSS (threads included). */
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

function run(job) {
  const script = path.join(here, 'context.mjs');
  const result = timed(process.execPath, ['--expose-gc', script, '--child', JSON.stringify(job)], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.out.status !== 0) throw new Error(`child failed: ${result.out.stderr}`);
  return { ...JSON.parse(result.out.stdout), cpu: result.cpu, peakRssMb: result.peakRssMb };
}

function measureTree(bundleDir, repo, edit) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-context-'));
  const cacheDir = path.join(work, 'cache');
  try {
    const cold = run({ mode: 'cold', bundleDir, repo, cacheDir });
    const grep = gitGrep(repo, cold.terms, cold.indexedFiles);
    const warm = run({ mode: 'warm', bundleDir, repo, cacheDir, edit });
    return { cold, grep, warm };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function child({ mode, bundleDir, repo, cacheDir, edit }) {
  const load = (name) => import(pathToFileURL(path.join(bundleDir, `${name}.js`)).href);
  const { buildIndex, parseQuery, rankFiles } = await load('context');
  const { createWorkspace, getContext } = await load('index');
  const memory = () => {
    globalThis.gc?.();
    const usage = process.memoryUsage();
    return {
      rssMb: usage.rss / 2 ** 20,
      heapMb: usage.heapUsed / 2 ** 20,
      bytes: usage.heapUsed + usage.arrayBuffers,
    };
  };
  if (mode === 'cold') {
    const started = performance.now();
    const index = await buildIndex(repo, { cacheDir });
    const out = {
      indexMs: performance.now() - started,
      stats: index.stats,
      terms: [...parseQuery(QUERY).terms.values()].map((term) => term.surface),
      indexedFiles: index.files.map((file) => file.path),
    };
    process.stdout.write(JSON.stringify(out));
    return;
  }
  // The index alone: what holding it costs, per indexed file; and a query over it (BM25F, the walk, the reasons).
  const before = memory().bytes;
  const index = await buildIndex(repo, { cacheDir });
  const loadMs = index.stats.ms;
  const bytesPerFile = (memory().bytes - before) / Math.max(1, index.stats.indexed);
  const rankMs = median(
    Array.from({ length: 5 }, () => {
      const started = performance.now();
      rankFiles(index, { text: QUERY });
      return performance.now() - started;
    }),
  );
  // A long-lived process: one workspace, CALLS calls; the first reads the index from disk.
  const workspace = createWorkspace(repo, { root: repo });
  const calls = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    let indexMs = 0;
    const onIndexed = (stats) => (indexMs = stats.ms);
    await getContext(workspace, { text: QUERY, kind: 'text' }, { cacheDir, onIndexed });
    calls.push({ ms: performance.now() - started, indexMs, ...memory() });
  }
  // One file edited, then put back: the index is updated for it (or rebuilt, where nothing is kept).
  if (!edit) {
    process.stdout.write(JSON.stringify({ bytesPerFile, loadMs, rankMs, calls }));
    return;
  }
  const edited = path.join(
    repo,
    workspace.files.find((file) => /\.(ts|go|py)$/.test(file)) ?? workspace.files[0],
  );
  const original = readFileSync(edited);
  writeFileSync(edited, `${original.toString('utf8')}\nconst benchEditedSpendingLimit = 1;\n`);
  let editMs;
  let editIndexMs;
  try {
    const started = performance.now();
    const onIndexed = (stats) => (editIndexMs = stats.ms);
    await getContext(workspace, { text: QUERY, kind: 'text' }, { cacheDir, onIndexed });
    editMs = performance.now() - started;
  } finally {
    writeFileSync(edited, original);
  }
  process.stdout.write(JSON.stringify({ bytesPerFile, loadMs, rankMs, calls, editMs, editIndexMs }));
}

/** `git grep -c` for the query's words over the files the index read, the way a person would look for them. */
function gitGrep(repo, terms, files) {
  const patterns = terms.flatMap((term) => ['-e', term]);
  let cpu = 0;
  // Literal pathspecs, in chunks that stay below the argument-size limit.
  for (let i = 0; i < files.length; i += 2000) {
    const result = timed(
      'git',
      ['grep', '-c', '-I', '-i', '-F', ...patterns, '--', ...files.slice(i, i + 2000)],
      {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, GIT_LITERAL_PATHSPECS: '1' },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    cpu += result.cpu ?? 0;
  }
  return { cpu };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function report(repo, results) {
  const stats = results.at(-1).cold.stats;
  console.log(`\nrepository  ${repo}`);
  console.log(
    `files       ${stats.files} listed, ${stats.indexed} indexed, ${stats.parsed} parsed by tree-sitter`,
  );
  console.log(`machine     ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(2)}`);
  const rows = [
    ['cold index CPU s', (r) => r.cold.cpu, 2],
    ['cold ÷ git grep -c CPU (goal ≤ 2)', (r) => r.cold.cpu / r.grep.cpu, 2],
    ['cold peak RSS MB', (r) => r.cold.peakRssMb, 0],
    ['warm index from disk (new process), ms', (r) => r.warm.loadMs, 0],
    ['query over a built index (rankFiles, median of 5), ms', (r) => r.warm.rankMs, 0],
    ['getContext call 1 of a process: index part, ms', (r) => r.warm.calls[0].indexMs, 0],
    [
      'getContext calls 2…: index part (median), ms',
      (r) => median(r.warm.calls.slice(1).map((c) => c.indexMs)),
      0,
    ],
    ['getContext call 1 of a process, total ms', (r) => r.warm.calls[0].ms, 0],
    [
      'getContext calls 2… (median), total ms (goal < 200)',
      (r) => median(r.warm.calls.slice(1).map((c) => c.ms)),
      0,
    ],
    ['after a one-file edit: index part, ms', (r) => r.warm.editIndexMs, 0],
    ['after a one-file edit: getContext total, ms', (r) => r.warm.editMs, 0],
    ['index bytes per file', (r) => r.warm.bytesPerFile, 0],
    ['RSS after call 1, MB', (r) => r.warm.calls[0].rssMb, 0],
    [`RSS after call ${CALLS}, MB`, (r) => r.warm.calls.at(-1).rssMb, 0],
    ['heap after call 1, MB', (r) => r.warm.calls[0].heapMb, 0],
    [`heap after call ${CALLS}, MB`, (r) => r.warm.calls.at(-1).heapMb, 0],
  ];
  const head = ['', ...results.map((r) => r.tree), ...(results.length > 1 ? ['this ÷ base'] : [])];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`| ${head.map(() => '---').join(' | ')} |`);
  for (const [label, get, digits] of rows) {
    const values = results.map(get);
    const cells = values.map((v) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits)));
    if (values.length > 1) cells.push((values.at(-1) / values[0]).toFixed(2));
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  const rss = results.map((r) => r.warm.calls.map((c) => c.rssMb.toFixed(0)).join(' '));
  results.forEach((r, i) => console.log(`RSS per call (${r.tree}): ${rss[i]}`));
}
