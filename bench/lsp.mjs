// Language server benchmark, in-process over JSON-RPC on streams (the server as `techspec lsp` runs it):
// 1. diagnostics after a change to a ~2,000-word spec (didChange → publishDiagnostics, no debounce), p50/p95, against
//    `lintText` in-process on the same texts with the same config and project (the baseline; ratio printed);
// 2. completion under Relevant Files on a generated 10,000-file repository, index warm, p50/p95;
// 3. heap after 1,000 edits against heap after 10 (after a full GC each time).
// Run with `npm run bench:lsp` (node --expose-gc). BENCH_EDITS, BENCH_FILES change the sizes.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { bundleContext } from '../scripts/bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const EDITS = Number(process.env.BENCH_EDITS ?? 300);
const FILES = Number(process.env.BENCH_FILES ?? 10_000);
const SPEC = 'tasks/prd-bench/techspec.md';
if (typeof globalThis.gc !== 'function') {
  console.error('bench:lsp needs node --expose-gc (npm run bench:lsp passes it)');
  process.exit(2);
}

// Inside the package, so that the bundle finds web-tree-sitter and the template where the real build does.
const out = path.join(root, 'bench/.lsp-build');
await bundleContext(path.join(out, 'dist'), {
  lsp: 'src/lsp/server.ts',
  index: 'src/index.ts',
  'lsp-context-worker': 'src/lsp/context-worker.ts',
});
const { startLspServer } = await import(pathToFileURL(path.join(out, 'dist/lsp.js')).href);
const library = await import(pathToFileURL(path.join(out, 'dist/index.js')).href);

const words = (text) => text.split(/\s+/).filter(Boolean).length;

/** The example spec, with a Notes section of generated sentences until it holds 2,000 words. */
function specOf2000Words() {
  const example = readFileSync(path.join(root, 'examples/tasks/prd-order-webhooks/techspec.md'), 'utf8');
  const nouns = ['delivery', 'partner', 'retry', 'signature', 'queue', 'worker', 'payload', 'subscription'];
  const lines = [];
  for (let i = 0; words(example) + words(lines.join(' ')) < 2000; i++) {
    lines.push(
      `The ${nouns[i % 8]} step ${i} records its ${nouns[(i + 3) % 8]} before the ${nouns[(i + 5) % 8]} runs.`,
    );
  }
  return `${example}\n## Notes\n\n${lines.join(' ')}\n`;
}

function git(repo, ...args) {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
}

function commitAll(repo) {
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(
    repo,
    '-c',
    'user.email=bench@example.com',
    '-c',
    'user.name=bench',
    'commit',
    '-qm',
    'bench',
    '--no-verify',
  );
}

function percentile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const ms = (n) => `${n.toFixed(2)} ms`;

/** A client connected to a fresh in-process server; `waitVersion` resolves at the push for that version. */
async function connect(repo, initializationOptions) {
  const up = new PassThrough();
  const down = new PassThrough();
  startLspServer(
    createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down)),
  );
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const waiting = new Map();
  client.onNotification('textDocument/publishDiagnostics', (params) => {
    const resolve = waiting.get(`${params.uri}@${params.version}`);
    if (resolve) resolve(params.diagnostics);
  });
  client.onRequest('client/registerCapability', () => null);
  client.onNotification('window/showMessage', () => undefined);
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: pathToFileURL(repo).href,
    capabilities: {},
    workspaceFolders: [{ uri: pathToFileURL(repo).href, name: 'bench' }],
    initializationOptions,
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    waitVersion: (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve)),
  };
}

// 1. Diagnostics after a change, against lintText on the same text.
const text = specOf2000Words();
const repo = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-lsp-repo-'));
cpSync(path.join(root, 'examples'), repo, { recursive: true });
mkdirSync(path.join(repo, path.dirname(SPEC)), { recursive: true });
writeFileSync(path.join(repo, SPEC), text);
commitAll(repo);
const uri = pathToFileURL(path.join(repo, SPEC)).href;
const { client, waitVersion } = await connect(repo, { debounceMs: 0 });
let version = 1;
let current = text;
const opened = waitVersion(uri, version);
await client.sendNotification('textDocument/didOpen', {
  textDocument: { uri, languageId: 'markdown', version, text },
});
await opened;
// Opening a spec starts its context answer and drift check on the server's background thread: measure the steady
// state of typing, once they are done (completion awaits the context; the drift check of a small repository is done
// within the pause).
await client.sendRequest('textDocument/completion', {
  textDocument: { uri },
  position: { line: 0, character: 0 },
});
await new Promise((resolve) => setTimeout(resolve, 3000));
const lastLine = text.split('\n').length - 2;

/** One edit at the end of the Notes paragraph; resolves when its diagnostics are pushed. */
async function edit(i) {
  version++;
  const insert = ` word${i}`;
  current = `${current.slice(0, -1)}${insert}\n`;
  const pushed = waitVersion(uri, version);
  await client.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [
      {
        range: { start: { line: lastLine, character: 1e6 }, end: { line: lastLine, character: 1e6 } },
        text: insert,
      },
    ],
  });
  return pushed;
}

const config = library.loadConfig({ cwd: repo });
const project = library.createProject(repo, library.listFiles(repo));
const filePath = path.join(repo, SPEC);
const server = [];
const baseline = [];
for (let i = 0; i < 20; i++) {
  await edit(i);
  library.lintText(current, { filePath, config, project });
}
globalThis.gc();
const heapAfter10 = process.memoryUsage().heapUsed;
let editCount = 20;
const serverCpu = [];
const baselineCpu = [];
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
for (let i = 0; i < EDITS; i++) {
  // Interleaved, so that a change in the machine's load falls on both alike.
  let start = performance.now();
  let cpu = process.cpuUsage();
  const diagnostics = await edit(editCount++);
  server.push(performance.now() - start);
  serverCpu.push(cpuMs(cpu));
  start = performance.now();
  cpu = process.cpuUsage();
  const result = library.lintText(current, { filePath, config, project });
  baseline.push(performance.now() - start);
  baselineCpu.push(cpuMs(cpu));
  if (diagnostics.length !== result.diagnostics.length) throw new Error('the server and lintText disagree');
}
while (editCount < 1000) await edit(editCount++);
globalThis.gc();
const heapAfter1000 = process.memoryUsage().heapUsed;

console.log(`spec: ${words(text)} words, ${EDITS} edits measured`);
console.log(
  `diagnostics after a change: p50 ${ms(percentile(server, 0.5))}, p95 ${ms(percentile(server, 0.95))}` +
    ` | lintText in-process: p50 ${ms(percentile(baseline, 0.5))}, p95 ${ms(percentile(baseline, 0.95))}` +
    ` | ratio p95 ${(percentile(server, 0.95) / percentile(baseline, 0.95)).toFixed(2)}x`,
);
console.log(
  `  CPU time (client, server and its threads share this process): server p50 ${ms(percentile(serverCpu, 0.5))}, p95 ${ms(percentile(serverCpu, 0.95))}` +
    ` | lintText p50 ${ms(percentile(baselineCpu, 0.5))}, p95 ${ms(percentile(baselineCpu, 0.95))}`,
);
console.log(
  `heap after 10 edits ${(heapAfter10 / 2 ** 20).toFixed(1)} MiB, after 1,000 edits ${(heapAfter1000 / 2 ** 20).toFixed(1)} MiB` +
    ` | ratio ${(heapAfter1000 / heapAfter10).toFixed(3)}`,
);
client.dispose();

// 2. Completion under Relevant Files on a 10,000-file repository, index warm.
const big = mkdtempSync(path.join(os.tmpdir(), 'techspec-bench-lsp-big-'));
const areas = ['billing', 'orders', 'users', 'search', 'webhooks', 'reports', 'auth', 'catalog'];
for (let i = 0; i < FILES; i++) {
  const area = areas[i % areas.length];
  const file = path.join(big, 'src', area, `module-${Math.floor(i / 80)}`, `${area}-part-${i}.ts`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `// ${area} part ${i}\nexport function ${area}Part${i}(): number {\n  return ${i};\n}\n`,
  );
}
const bigSpec = `# Tech Spec: Orders export\n\n## Executive Summary\n\nExport orders and billing reports for partners.\n\n## Technical Considerations\n\n### Relevant Files\n\n- \`src/orders/module-0/orders-part-1.ts\`\n- \`src/\`\n`;
mkdirSync(path.join(big, 'tasks/prd-export'), { recursive: true });
writeFileSync(path.join(big, 'tasks/prd-export/techspec.md'), bigSpec);
commitAll(big);
const bigUri = pathToFileURL(path.join(big, 'tasks/prd-export/techspec.md')).href;
const second = await connect(big, { debounceMs: 0 });
const bigOpened = second.waitVersion(bigUri, 1);
await second.client.sendNotification('textDocument/didOpen', {
  textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: bigSpec },
});
await bigOpened;
// Diagnostics while the first context index of the repository is built (opening the spec starts it): the index
// must not hold them up.
const duringIndex = [];
let indexing = true;
const firstAnswer = second.client
  .sendRequest('textDocument/completion', {
    textDocument: { uri: bigUri },
    position: { line: bigSpec.split('\n').length - 2, character: 7 },
  })
  .then((answer) => {
    indexing = false;
    return answer;
  });
let bigVersion = 1;
const indexStart = performance.now();
for (let i = 0; i < 2000 && indexing; i++) {
  bigVersion++;
  const pushed = second.waitVersion(bigUri, bigVersion);
  const start = performance.now();
  await second.client.sendNotification('textDocument/didChange', {
    textDocument: { uri: bigUri, version: bigVersion },
    contentChanges: [
      { range: { start: { line: 4, character: 1e6 }, end: { line: 4, character: 1e6 } }, text: ' x' },
    ],
  });
  await pushed;
  duringIndex.push(performance.now() - start);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await firstAnswer;
console.log(
  `\nrepository: ${FILES} files; first context answer (builds the index) after ${ms(performance.now() - indexStart)};` +
    ` diagnostics meanwhile (${duringIndex.length} changes): p50 ${ms(percentile(duringIndex, 0.5))},` +
    ` p95 ${ms(percentile(duringIndex, 0.95))}, max ${ms(Math.max(...duringIndex))}`,
);
const line = bigSpec.split('\n').length - 2;
const complete = (character) =>
  second.client.sendRequest('textDocument/completion', {
    textDocument: { uri: bigUri },
    position: { line, character },
  });
let start = performance.now();
const first = await complete(7);
console.log(
  `completion once the index is built ${ms(performance.now() - start)}, ${first.items.length} items`,
);
const prefixes = [
  'src/',
  'src/o',
  'src/orders/',
  'src/orders/module-1',
  'src/b',
  'src/billing/module-2',
  'src/w',
];
const completion = [];
let v = bigVersion;
for (let i = 0; i < 200; i++) {
  const prefix = prefixes[i % prefixes.length];
  v++;
  const changed = second.waitVersion(bigUri, v);
  await second.client.sendNotification('textDocument/didChange', {
    textDocument: { uri: bigUri, version: v },
    contentChanges: [
      { range: { start: { line, character: 3 }, end: { line, character: 1e6 } }, text: `${prefix}\`` },
    ],
  });
  await changed;
  start = performance.now();
  const list = await complete(3 + prefix.length);
  completion.push(performance.now() - start);
  if (list.items.length === 0) throw new Error(`no completion for ${prefix}`);
}
console.log(
  `completion under Relevant Files (index warm): p50 ${ms(percentile(completion, 0.5))}, p95 ${ms(percentile(completion, 0.95))}`,
);
second.client.dispose();
for (const dir of [out, repo, big]) rmSync(dir, { recursive: true, force: true });
process.exit(0);
