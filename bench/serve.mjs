// techspec serve under load: autocannon on loopback drives GET /api/v0/specs and POST /api/v0/lint of the example
// project at 50 connections for 10 s each, and a bare hono route returning a constant (same server library, same
// machine, same run) as the baseline. Prints requests/s, p99 latency and errors per target and the ratio to the
// baseline: what techspec's own work costs. Each server runs in a process of its own, apart from the load generator.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
const bare = await start(['--input-type=module', '-e', BARE], root);
const spec = readFileSync(path.join(examples, 'tasks/prd-order-webhooks/techspec.md'), 'utf8');
// The first request waits for the initial read of the repository; it is not part of the measure. Neither is the
// JIT's warm-up: a few sequential lints first, as an editor integration would have sent by then.
await globalThis.fetch(`${techspec.url}api/v0/specs`);

const lintRequest = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ text: spec, filename: 'tasks/prd-order-webhooks/techspec.md' }),
};
for (let i = 0; i < WARMUP_LINTS; i++)
  await (await globalThis.fetch(`${techspec.url}api/v0/lint`, lintRequest)).text();

const targets = [
  ['bare hono GET /constant', { url: `${bare.url}constant` }],
  ['GET /api/v0/specs', { url: `${techspec.url}api/v0/specs` }],
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
