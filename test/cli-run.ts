// Runs the built CLI (bin/techspec.js) as a user would, with colours and debug output off.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve(import.meta.dirname, '../bin/techspec.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `techspec <args>` in `cwd`; standard input is `input`, or empty (never a terminal). */
export function techspec(cwd: string, args: readonly string[], input = ''): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', DEBUG: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
