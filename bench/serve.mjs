// techspec serve under load: autocannon on loopback drives GET /api/v0/specs and POST /api/v0/lint of the example
// project at 50 connections for 10 s each, and a bare hono route returning a constant (same server library, same
// machine, same run) as the baseline. Prints requests/s, p99 latency and errors per target and the ratio to the
// baseline: what techspec's own work costs. Each server runs in a process of its own, apart from the load generator.
// POST /api/v0/lint runs twice: on the server's lint worker pool (one thread per core, the default) and on its main
// thread (`--lint-threads 0`, how it was before the pool), with the goal p99 < 1 s and no errors.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const root = path.resolve(import.meta.dirname, '..');
const examples = path.join(root, 'examples');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_LINTS = 30;

execFileSync(
  process.execPath,
  [path.join(root, 'scripts/build.mjs'), '--no-types', '--quiet', '--if-stale'],
  {
    stdio: 'inherit',
  },
);

// The baseline: hono on @hono/node-server answering a constant, as small as a route can be.
const BARE = `
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
const app = new Hono();
app.get('/constant', (c) => c.json({ status: 'ok' }));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => {
  console.log('url http://127.0.0.1:' + server.address().port + '/');
});
`;

/** Starts a server process and resolves with the URL it prints. */
function start(args, cwd) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) resolve({ url, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) =>
      reject(new Error(`server exited with ${code} before printing its URL:\n${out}`)),
    );
  });
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

const techspec = await start(
  [path.join(root, 'bin/techspec.js'), 'serve', '--port', '0', '--log-level', 'warn'],
  examples,
);
const mainThread = await start(
  [path.join(root, 'bin/techspec.js'), 'serve', '--port', '0', '--log-level', 'warn', '--lint-threads', '0'],
  examples,
);
const bare = await start(['--input-type=module', '-e', BARE], root);
const spec = readFileSync(path.join(examples, 'tasks/prd-order-webhooks/techspec.md'), 'utf8');
// The first request waits for the initial read of the repository; it is not part of the measure. Neither is the
// JIT's warm-up: a few sequential lints first, as an editor integration would have sent by then.
await globalThis.fetch(`${techspec.url}api/v0/specs`);
await globalThis.fetch(`${mainThread.url}api/v0/specs`);

const lintRequest = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ text: spec, filename: 'tasks/prd-order-webhooks/techspec.md' }),
};
// The pool's threads start on the first lint and warm up on their share of concurrent requests.
for (const server of [techspec, mainThread]) {
  for (let i = 0; i < WARMUP_LINTS / 10; i++) {
    await Promise.all(
      Array.from({ length: 10 }, async () =>
        (await globalThis.fetch(`${server.url}api/v0/lint`, lintRequest)).text(),
      ),
    );
  }
}

const targets = [
  ['bare hono GET /constant', { url: `${bare.url}constant` }],
  ['GET /api/v0/specs', { url: `${techspec.url}api/v0/specs` }],
  [
    'POST /api/v0/lint, main thread (--lint-threads 0)',
    { url: `${mainThread.url}api/v0/lint`, ...lintRequest },
  ],
  ['POST /api/v0/lint', { url: `${techspec.url}api/v0/lint`, ...lintRequest }],
];

const rows = [];
try {
  for (const [name, options] of targets) {
    const result = await run(options);
    rows.push({
      name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      errors: result.errors + result.timeouts + result.non2xx,
      total: result.requests.total,
    });
  }
} finally {
  techspec.stop();
  mainThread.stop();
  bare.stop();
}

const baseline = rows[0]?.rps ?? 1;
console.log(
  `\ntechspec serve on examples/: ${CONNECTIONS} connections x ${DURATION} s per target, loopback\n`,
);
console.log(
  '| target | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | requests | req/s vs bare hono |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const ratio = row.rps / baseline;
  console.log(
    `| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p90} | ${row.p99} | ${row.max} | ${row.errors} | ${row.total} | ${ratio.toFixed(3)} (${(1 / ratio).toFixed(1)}x slower) |`,
  );
}
const specs = rows.find((row) => row.name === 'GET /api/v0/specs');
console.log(
  `\ngoal: zero errors, p99 under 100 ms for the spec list: ${specs && specs.errors === 0 && specs.p99 < 100 ? 'met' : 'NOT met'}`,
);
const pooled = rows.find((row) => row.name === 'POST /api/v0/lint');
const single = rows.find((row) => row.name.startsWith('POST /api/v0/lint, main thread'));
console.log(
  `goal: POST /api/v0/lint p99 < 1 s with 0 errors on the worker pool (${os.availableParallelism()} cores): ` +
    `${pooled && pooled.errors === 0 && pooled.p99 < 1000 ? 'met' : 'NOT met'} (p99 ${pooled?.p99} ms against ` +
    `${single?.p99} ms on the main thread; ${((pooled?.rps ?? 0) / (single?.rps ?? 1)).toFixed(2)}x its requests/s)`,
);
console.log(`Load average at the end: ${os.loadavg()[0].toFixed(1)}`);
