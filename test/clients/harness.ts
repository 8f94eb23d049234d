// Runs a real client the way the suite needs it: its installed binary, a fresh HOME, a minimal environment with every
// telemetry, update and network switch off, a hard time limit, and its output with terminal colours removed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';
import type { InstalledClient } from './setup.js';

export type ClientName = 'kilo' | 'claude' | 'gemini' | 'codex' | 'opencode';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr without ANSI escapes. */
  out: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
}

/** The installed client, or why it is not there (the setup has already said so loudly). */
export function installed(name: ClientName): InstalledClient {
  const client = inject('clients').clients[name];
  if (!client) throw new Error(`test:clients: no manifest entry for ${name}`);
  return client;
}

/** What every client gets: PATH (node, git, npx), a fresh HOME, no colours, no terminal, npm kept offline. */
export function baseEnv(home: string): Record<string, string> {
  return {
    PATH: [path.dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    CI: '1',
    // `npx techspec mcp` must resolve the repository's own link, never the registry.
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

/** Kilo Code: the switches, plus sharing, session upload, presence, indexing and LSP downloads off. */
export function kiloEnv(home: string): Record<string, string> {
  return {
    ...baseEnv(home),
    KILO_DISABLE_MODELS_FETCH: '1',
    KILO_TELEMETRY_LEVEL: 'off',
    KILO_DISABLE_AUTOUPDATE: '1',
    KILO_NO_DAEMON: '1',
    KILO_DISABLE_SHARE: '1',
    KILO_DISABLE_SESSION_INGEST: '1',
    KILO_DISABLE_PRESENCE: '1',
    KILO_DISABLE_CODEBASE_INDEXING: '1',
    KILO_DISABLE_LSP_DOWNLOAD: '1',
  };
}

export function claudeEnv(home: string, modelUrl?: string): Record<string, string> {
  return {
    ...baseEnv(home),
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    // Without a model URL the key still has to exist for `-p`; nothing listens on port 9.
    ANTHROPIC_BASE_URL: modelUrl ?? 'http://127.0.0.1:9',
    ANTHROPIC_API_KEY: 'sk-ant-test-not-a-key',
  };
}

export function geminiEnv(home: string, modelUrl?: string): Record<string, string> {
  return {
    ...baseEnv(home),
    GEMINI_TELEMETRY_ENABLED: 'false',
    GOOGLE_GEMINI_BASE_URL: modelUrl ?? 'http://127.0.0.1:9',
    GEMINI_API_KEY: 'test-not-a-key',
  };
}

/** Codex CLI: its home (config, sessions, logs) inside the test HOME; the key is read from the provider's env_key. */
export function codexEnv(home: string): Record<string, string> {
  return { ...baseEnv(home), CODEX_HOME: path.join(home, '.codex'), FAKE_API_KEY: 'sk-test-not-a-key' };
}

/** OpenCode: updates, model list fetches, sharing and LSP downloads off (Kilo Code's switches, under OpenCode's name). */
export function opencodeEnv(home: string): Record<string, string> {
  return {
    ...baseEnv(home),
    OPENCODE_DISABLE_AUTOUPDATE: '1',
    OPENCODE_DISABLE_MODELS_FETCH: '1',
    OPENCODE_DISABLE_SHARE: '1',
    OPENCODE_DISABLE_LSP_DOWNLOAD: '1',
    OPENCODE_DISABLE_DEFAULT_PLUGINS: '1',
    OPENCODE_DISABLE_AUTOCOMPACT: '1',
  };
}

// eslint-disable-next-line no-control-regex -- ANSI escapes are control characters by definition.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Runs `bin args` asynchronously (the fake model answers from this same process) in its own process group, so that a
 * time-out ends the client and every server it started.
 */
export function run(bin: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      killGroup(child.pid);
    }, options.timeoutMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Servers the client started (npx techspec mcp) may outlive it: end the whole group.
      killGroup(child.pid);
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      resolve({
        code,
        signal,
        stdout: out,
        stderr: err,
        out: stripAnsi(`${out}\n${err}`),
        ms: Date.now() - started,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A readable summary for assertion messages: exit code and the last lines of output. */
export function describeRun(result: RunResult): string {
  const tail = result.out.trim().split('\n').slice(-25).join('\n');
  return `exit ${result.code ?? result.signal ?? '?'} after ${result.ms} ms:\n${tail}`;
}
