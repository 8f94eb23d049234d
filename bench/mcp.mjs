// MCP benchmark: lint_spec on a ~2,000-word spec, 1,000 calls sequentially over stdio and 1,000 over Streamable HTTP
// from 8 concurrent clients, against the same work done in-process through the library (lintFiles + the JSON
// formatter, with the repository listing kept as the server keeps it). Prints median and p99 latency per call and the
// ratios: the protocol's overhead. A row without the kept listing shows what the server's listing cache saves.
import { execFileSync, spawn } from 'node:child_process';
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
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';

const here = import.meta.dirname;
const root = path.resolve(here, '..');
const BIN = path.join(root, 'bin/techspec.js');
const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const WARMUP = 20;
const ROUNDS = 10;
const TARGET_WORDS = 2000;
const SPEC = 'tasks/prd-bench/techspec.md';
const TOKEN = 'bench-token';

execFileSync(
  process.execPath,
  [path.join(root, 'scripts/build.mjs'), '--no-types', '--quiet', '--if-stale'],
  {
    stdio: 'inherit',
  },
);
const library = await import(path.join(root, 'dist/index.js'));

const words = (text) => text.split(/\s+/).filter(Boolean).length;

/** The real spec nearest 2,000 words in ../shared/bench/specs (read now, never committed), else one grown from the example. */
function benchSpec() {
  const dir = path.resolve(root, '../shared/bench/specs');
  if (existsSync(dir)) {
    const specs = readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
    specs.sort((a, b) => Math.abs(words(a.text) - TARGET_WORDS) - Math.abs(words(b.text) - TARGET_WORDS));
    if (specs[0]) return { source: `../shared/bench/specs/${specs[0].name}`, text: specs[0].text };
  }
  const example = readFileSync(path.join(root, 'examples/tasks/prd-order-webhooks/techspec.md'), 'utf8');
  const paragraphs = example.split('\n\n').filter((p) => /^[A-Z]/.test(p));
  const extra = [];
  for (let i = 0; words(example) + words(extra.join(' ')) < TARGET_WORDS; i++) {
    extra.push(paragraphs[i % paragraphs.length]);
  }
  return {
    source: 'examples order-webhooks spec, grown',
    text: `${example}\n## Notes\n\n${extra.join('\n\n')}\n`,
  };
}

/** The example project in a fresh git repository, with the bench spec as one more feature. */
function makeRepo(text) {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-mcp-'));
  cpSync(path.join(root, 'examples'), repo, { recursive: true });
  mkdirSync(path.join(repo, path.dirname(SPEC)), { recursive: true });
  writeFileSync(path.join(repo, SPEC), text);
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'bench', '--no-verify');
  return repo;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p99: at(0.99), n: sorted.length };
}

async function timed(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** CPU time used so far, in ms: this process, plus the process `pid` (Linux /proc; undefined elsewhere). */
function cpuMs(pid) {
  const { user, system } = process.cpuUsage();
  const own = (user + system) / 1000;
  if (pid === undefined) return own;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime (fields 14 and 15 of the line), in clock ticks of 10 ms.
    return own + (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Sequential calls of each contender, interleaved in rounds so that a change in the machine's load falls on all of
 * them alike; also the CPU time each used (both processes for stdio), which load does not inflate. Every answer is
 * checked, so a failing server cannot look fast.
 */
async function interleaved(calls, contenders) {
  const results = contenders.map(() => ({ samples: [], cpu: 0 }));
  for (const { run } of contenders) for (let i = 0; i < WARMUP; i++) await run();
  const perRound = Math.ceil(calls / ROUNDS);
  for (let done = 0; done < calls; done += perRound) {
    for (const [index, { run, pid }] of contenders.entries()) {
      const result = results[index];
      const before = cpuMs(pid);
      for (let i = done; i < Math.min(calls, done + perRound); i++) result.samples.push(await timed(run));
      const after = cpuMs(pid);
      result.cpu = before === undefined || after === undefined ? NaN : result.cpu + after - before;
    }
  }
  return results.map(({ samples, cpu }) => ({ ...stats(samples), cpu: cpu / samples.length }));
}

function lintTool(client, expected) {
  return async () => {
    const result = await client.callTool({ name: 'lint_spec', arguments: { path: SPEC } });
    if (result.isError || result.structuredContent?.errorCount !== expected) {
      throw new Error(`lint_spec answered ${JSON.stringify(result).slice(0, 300)}`);
    }
  };
}

const spec = benchSpec();
const repo = makeRepo(spec.text);
try {
  // Baseline: what one lint_spec call does, through the library in this process: config loaded, the repository
  // listing kept (the server checks it is current with a few stats), the spec linted and formatted as JSON.
  const listing = library.listFiles(repo);
  const libraryOnce = async (kept = true) => {
    const config = library.loadConfig({ cwd: repo });
    const report = await library.lintFiles([SPEC], { cwd: repo, config, ...(kept ? { listing } : {}) });
    return JSON.parse(
      library.formatReport('json', report, { cwd: repo, color: false, version: '0', rules: library.RULES }),
    );
  };
  const expected = (await libraryOnce()).errorCount;

  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await library.createMcpServer({ root: repo }).connect(serverSide);
  const memory = new Client({ name: 'bench', version: '1' });
  await memory.connect(clientSide);
  const stdioClient = new Client({ name: 'bench', version: '1' });
  const stdioTransport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp'],
    cwd: repo,
  });
  await stdioClient.connect(stdioTransport);
  const [baseline, listedEachTime, inMemory, stdio] = await interleaved(CALLS, [
    { run: libraryOnce },
    { run: () => libraryOnce(false) },
    { run: lintTool(memory, expected) },
    { run: lintTool(stdioClient, expected), pid: stdioTransport.pid ?? undefined },
  ]);
  await memory.close();
  await stdioClient.close();

  const http = await overHttp(expected);

  const rows = [
    ['library in-process (baseline)', baseline],
    ['library in-process, repository listed per call (as the CLI)', listedEachTime],
    ['MCP in-memory transport', inMemory],
    ['MCP stdio, sequential', stdio],
    [`MCP HTTP, ${CLIENTS} concurrent clients`, http],
  ];
  const base = baseline;
  console.log(
    `lint_spec on ${spec.source} (${words(spec.text)} words, ${expected} errors), ${CALLS} calls each`,
  );
  console.log('');
  console.log(
    '| transport | median ms | p99 ms | median / baseline | p99 / baseline | CPU ms per call | CPU / baseline |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const ratio = (a, b) => (Number.isFinite(a) ? `${(a / b).toFixed(2)}x` : 'n/a');
  const ms = (value) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
  for (const [label, s] of rows) {
    console.log(
      `| ${label} | ${ms(s.median)} | ${ms(s.p99)} | ${ratio(s.median, base.median)} | ${ratio(s.p99, base.p99)} | ` +
        `${ms(s.cpu)} | ${ratio(s.cpu, base.cpu)} |`,
    );
  }
  console.log('');
  console.log(
    `HTTP throughput: ${(CALLS / http.seconds).toFixed(0)} calls/s with ${CLIENTS} clients (one server process)`,
  );
  const stdioP99 = stdio.p99;
  console.log(
    `Goal p99 < 50 ms over stdio: ${stdioP99 < 50 ? 'met' : 'NOT met'} (${stdioP99.toFixed(2)} ms)`,
  );
  console.log(`Load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}

/** A `techspec mcp --http` process on a free port, driven by CLIENTS clients that share CALLS calls. */
async function overHttp(expected) {
  const child = spawn(process.execPath, [BIN, 'mcp', '--http', '--port', '0', '--token', TOKEN], {
    cwd: repo,
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let stderr = '';
      child.on('exit', (code) => reject(new Error(`techspec mcp --http exited ${code}: ${stderr}`)));
      child.stderr.setEncoding('utf8').on('data', (chunk) => {
        stderr += chunk;
        const found = / at (http:\S+\/mcp)/.exec(stderr);
        if (found) resolve(found[1]);
      });
    });
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const client = new Client({ name: 'bench', version: '1' });
        const headers = { Authorization: `Bearer ${TOKEN}` };
        await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
        for (let i = 0; i < WARMUP / 4; i++) await lintTool(client, expected)();
        return client;
      }),
    );
    const samples = [];
    let next = 0;
    const cpuBefore = cpuMs(child.pid);
    const start = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (client) => {
        const once = lintTool(client, expected);
        while (next++ < CALLS) samples.push(await timed(once));
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpuAfter = cpuMs(child.pid);
    await Promise.all(clients.map((client) => client.close()));
    const cpu = cpuBefore === undefined || cpuAfter === undefined ? NaN : (cpuAfter - cpuBefore) / CALLS;
    return { ...stats(samples), cpu, seconds };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
  }
}
