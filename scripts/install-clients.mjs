#!/usr/bin/env node
// Installs the pinned real assistants that `npm run test:clients` runs (Kilo Code CLI, Claude Code, Gemini CLI, Codex
// CLI, OpenCode) into a cache folder outside the package, one npm prefix per client, and reuses an install that
// completed before. A client whose install fails is reported loudly and left out; the others go on. Prints the
// manifest as JSON with --json.
//
//   node scripts/install-clients.mjs [--json]
//   cache: $TECHSPEC_CLIENTS_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/techspec-clients/<pins-hash>/
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The versions the suite was written against; a change here gets a fresh cache folder (the hash changes). */
export const PINS = {
  kilo: { package: '@kilocode/cli', version: '7.7.7', bin: 'kilo' },
  claude: { package: '@anthropic-ai/claude-code', version: '2.1.332', bin: 'claude' },
  gemini: { package: '@google/gemini-cli', version: '0.61.0', bin: 'gemini' },
  codex: { package: '@openai/codex', version: '0.171.0', bin: 'codex' },
  opencode: { package: 'opencode-ai', version: '1.18.33', bin: 'opencode' },
};

const MARKER = '.techspec-installed.json';

export function cacheRoot(env = process.env) {
  if (env.TECHSPEC_CLIENTS_CACHE) return path.resolve(env.TECHSPEC_CLIENTS_CACHE);
  const hash = createHash('sha256').update(JSON.stringify(PINS)).digest('hex').slice(0, 12);
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'techspec-clients', hash);
}

function log(line) {
  process.stderr.write(`install-clients: ${line}\n`);
}

/** The client's version as it reports it, run with a throw-away HOME so that nothing of the user's is read. */
function reportedVersion(bin) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'techspec-clients-home-'));
  try {
    const result = spawnSync(bin, ['--version'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        NO_COLOR: '1',
        KILO_DISABLE_AUTOUPDATE: '1',
        DISABLE_AUTOUPDATER: '1',
      },
    });
    return `${result.stdout ?? ''}`.trim() || `${result.stderr ?? ''}`.trim() || String(result.error ?? '');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Installs one client into `<root>/<name>` (through a temp folder renamed at the end, so a half install never counts). */
function install(root, name, pin) {
  const dir = path.join(root, name);
  const bin = path.join(dir, 'node_modules', '.bin', pin.bin);
  const spec = `${pin.package}@${pin.version}`;
  if (existsSync(path.join(dir, MARKER)) && existsSync(bin)) {
    return { ok: true, package: pin.package, version: pin.version, bin, reused: true };
  }
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(path.join(root, `.${name}-`));
  try {
    writeFileSync(path.join(work, 'package.json'), `${JSON.stringify({ private: true }, null, 2)}\n`);
    log(`installing ${spec} into ${dir} …`);
    const started = Date.now();
    const npm = spawnSync(
      'npm',
      ['install', '--prefix', work, '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', spec],
      { encoding: 'utf8', timeout: 15 * 60_000 },
    );
    if (npm.status !== 0) {
      // npm's first error lines name the cause (code, errno, the failing request); the rest is advice.
      const why = `${npm.stderr ?? ''}${npm.error ? String(npm.error) : ''}`
        .trim()
        .split('\n')
        .slice(0, 3)
        .join(' | ');
      throw new Error(`npm install ${spec} exited ${npm.status ?? 'by signal'}: ${why}`);
    }
    const workBin = path.join(work, 'node_modules', '.bin', pin.bin);
    const reported = reportedVersion(workBin);
    if (!reported.includes(pin.version)) {
      throw new Error(`${pin.bin} --version printed "${reported.slice(0, 200)}", expected ${pin.version}`);
    }
    writeFileSync(
      path.join(work, MARKER),
      `${JSON.stringify({ spec, reported, at: new Date().toISOString() })}\n`,
    );
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    log(`installed ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
    return { ok: true, package: pin.package, version: pin.version, bin, reused: false };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    log('');
    log(`!!! ${name}: INSTALL FAILED — ${reason}`);
    log(`!!! ${name}: every check of this client will be SKIPPED`);
    log('');
    return { ok: false, package: pin.package, version: pin.version, bin, error: reason };
  }
}

export function installClients(env = process.env) {
  const root = cacheRoot(env);
  const clients = {};
  for (const [name, pin] of Object.entries(PINS)) clients[name] = install(root, name, pin);
  const manifest = { root, clients };
  writeFileSync(path.join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const invoked =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invoked) {
  const manifest = installClients();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(manifest)}\n`);
  else
    for (const [name, c] of Object.entries(manifest.clients))
      log(`${name}: ${c.ok ? c.bin : `FAILED (${c.error})`}`);
  // Reading the manifest back checks that it was written whole.
  JSON.parse(readFileSync(path.join(manifest.root, 'manifest.json'), 'utf8'));
}
