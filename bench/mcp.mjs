// MCP benchmark: lint_spec on a ~2,000-word spec, 1,000 calls sequentially over stdio and 1,000 over Streamable HTTP
// from 8 concurrent clients, against the same work done in-process through the library (lintFiles + the JSON
// formatter, with the repository listing kept as the server keeps it). Prints median and p99 latency per call and the
// ratios: the protocol's overhead. A row without the kept listing shows what the server's listing cache saves.
// With `--repo DIR` (or BENCH_REPO=DIR), also per tool (lint_spec, get_context, list_specs) on a copy of that real
// repository (a dev-manifest checkout): stdio and HTTP against the same call in-process on a Workspace kept warm.
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
import { cloneRepository, manifestSpec, repoArgument } from './repository.mjs';
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
const TOKEN = 'bench-token-0123456789abcdef';
const REPO = repoArgument('bench:mcp');
const ONLY_REPO = process.argv.includes('--repo-only');

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
async function interleaved(calls, contenders, warmup = WARMUP) {
  const results = contenders.map(() => ({ samples: [], cpu: 0 }));
  for (const { run } of contenders) for (let i = 0; i < warmup; i++) await run();
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

if (!ONLY_REPO) await benchExample();
if (REPO) await benchRepository(REPO);

async function benchExample() {
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

    const http = await overHttp(expected, repo);

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
}

/** A `techspec mcp --http` process on a free port, driven by CLIENTS clients that share CALLS calls. */
async function overHttp(expected, repo, calls = CALLS, call = (client) => lintTool(client, expected)) {
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
        for (let i = 0; i < WARMUP / 4; i++) await call(client)();
        return client;
      }),
    );
    const samples = [];
    let next = 0;
    const cpuBefore = cpuMs(child.pid);
    const start = process.hrtime.bigint();
    await Promise.all(
      clients.map(async (client) => {
        const once = call(client);
        while (next++ < calls) samples.push(await timed(once));
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpuAfter = cpuMs(child.pid);
    await Promise.all(clients.map((client) => client.close()));
    const cpu = cpuBefore === undefined || cpuAfter === undefined ? NaN : (cpuAfter - cpuBefore) / calls;
    return { ...stats(samples), cpu, seconds };
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
  }
}

/** The manifest's spec of the checkout, else the first spec list_specs finds. */
function repositorySpec(dir, repo, workspace) {
  const named = manifestSpec(dir, repo);
  if (named) return named;
  const feature = workspace.features().find((f) => f.spec !== undefined);
  if (!feature) throw new Error(`bench:mcp: ${dir} has no spec the config finds`);
  return feature.spec;
}

/**
 * Each tool on a real repository: the MCP server over stdio (sequential) and over HTTP (CLIENTS clients), against
 * the same library call in this process on a Workspace created once (what the server holds). The repository is
 * cloned into a temporary folder so that nothing (the context cache) is written into the checkout.
 */
async function benchRepository(dir) {
  const { work, repo } = cloneRepository(dir, 'techspec-bench-mcp-repo-');
  try {
    const workspace = library.createWorkspace(repo, { root: repo });
    const spec = repositorySpec(dir, repo, workspace);
    const files = workspace.files.length;
    const sources = workspace.rules().sources.length;
    const specBytes = readFileSync(path.join(repo, spec)).length;
    const specText = readFileSync(path.join(repo, spec), 'utf8');
    const lintJson = async () => {
      const report = await library.lintFiles([spec], { cwd: repo, workspace });
      return JSON.parse(
        library.formatReport('json', report, { cwd: repo, color: false, version: '0', rules: library.RULES }),
      );
    };
    const expected = (await lintJson()).errorCount;
    const tools = [
      {
        name: 'lint_spec',
        calls: Number(process.env.BENCH_REPO_CALLS ?? 200),
        args: { path: spec },
        check: (r) => r.structuredContent?.errorCount === expected,
        library: lintJson,
      },
      {
        name: 'get_context',
        calls: Number(process.env.BENCH_CONTEXT_CALLS ?? 20),
        args: { spec },
        check: (r) => Array.isArray(r.structuredContent?.files),
        library: async () =>
          library.formatContext(
            await library.getContext(workspace, {
              text: specText,
              kind: 'spec',
              specPath: path.join(repo, spec),
            }),
            'json',
          ),
      },
      {
        name: 'list_specs',
        calls: Number(process.env.BENCH_REPO_CALLS ?? 200) / 4,
        args: {},
        check: (r) => Array.isArray(r.structuredContent?.specs) && r.structuredContent.specs.length > 0,
        library: () => library.summarizeSpecs(workspace),
      },
    ];
    const call = (client, tool) => async () => {
      const result = await client.callTool({ name: tool.name, arguments: tool.args });
      if (result.isError || !tool.check(result)) {
        throw new Error(`${tool.name} answered ${JSON.stringify(result).slice(0, 300)}`);
      }
    };
    const stdioClient = new Client({ name: 'bench', version: '1' });
    const stdioTransport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      cwd: repo,
    });
    const rows = [];
    try {
      await stdioClient.connect(stdioTransport);
      for (const tool of tools) {
        const warmup = Math.min(WARMUP, Math.max(2, Math.ceil(tool.calls / 10)));
        const [baseline, stdio] = await interleaved(
          tool.calls,
          [{ run: tool.library }, { run: call(stdioClient, tool), pid: stdioTransport.pid ?? undefined }],
          warmup,
        );
        const http =
          tool.name === 'lint_spec'
            ? await overHttp(expected, repo, tool.calls, (client) => call(client, tool))
            : undefined;
        rows.push({ tool, baseline, stdio, http });
      }
    } finally {
      await stdioClient.close();
    }
    console.log('');
    console.log(
      `${path.basename(dir)}: ${files} files, ${sources} rule sources, spec ${spec} (${(specBytes / 1024).toFixed(1)} KB, ` +
        `${expected} errors)`,
    );
    console.log('');
    console.log(
      '| tool | calls | in-process p50 / p99 ms | stdio p50 / p99 ms | stdio ÷ in-process p50 / p99 | stdio CPU ms per call (both processes) | ' +
        `HTTP ${CLIENTS} clients p50 / p99 ms | HTTP ÷ stdio p50 |`,
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');
    for (const { tool, baseline, stdio, http } of rows) {
      console.log(
        `| ${tool.name} | ${tool.calls} | ${ms(baseline.median)} / ${ms(baseline.p99)} | ${ms(stdio.median)} / ${ms(stdio.p99)} | ` +
          `${(stdio.median / baseline.median).toFixed(2)}x / ${(stdio.p99 / baseline.p99).toFixed(2)}x | ${ms(stdio.cpu)} | ` +
          (http
            ? `${ms(http.median)} / ${ms(http.p99)} | ${(http.median / stdio.median).toFixed(2)}x |`
            : '— | — |'),
      );
    }
    const lint = rows.find((row) => row.tool.name === 'lint_spec');
    console.log('');
    console.log(
      `Goal lint_spec p99 < 50 ms over stdio on this repository: ${lint.stdio.p99 < 50 ? 'met' : 'NOT met'} ` +
        `(${lint.stdio.p99.toFixed(1)} ms); HTTP p50 ≤ 2× stdio: ${lint.http.median <= 2 * lint.stdio.median ? 'met' : 'NOT met'} ` +
        `(${(lint.http.median / lint.stdio.median).toFixed(2)}x)`,
    );
    console.log(`Load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
