// Where the extension finds the techspec language server for a workspace folder: the `techspec.path` setting, else the
// techspec package installed in the folder or a folder above it (its bin script, run with Node), else its
// node_modules/.bin shim. No global install is guessed at: the server must be the version the project pins.
import { existsSync } from 'node:fs';
import path from 'node:path';

export type ServerCommand =
  /** A Node script: the client forks it with the editor's Node and talks over IPC. */
  | { kind: 'module'; module: string; args: string[]; source: string }
  /** An executable (a shim, or what the setting names): started with `--stdio`. */
  | { kind: 'command'; command: string; args: string[]; source: string };

/** How the server is started for `folder`, or undefined when techspec is not installed there. */
export function resolveServer(
  folder: string,
  setting: string | undefined,
  exists: (file: string) => boolean = existsSync,
  platform: NodeJS.Platform = process.platform,
): ServerCommand | undefined {
  if (setting !== undefined && setting.trim() !== '') {
    const configured = path.resolve(folder, setting.trim());
    return /\.(?:c|m)?js$/.test(configured)
      ? { kind: 'module', module: configured, args: ['lsp'], source: 'the techspec.path setting' }
      : {
          kind: 'command',
          command: configured,
          args: ['lsp', '--stdio'],
          source: 'the techspec.path setting',
        };
  }
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    const bin = path.join(dir, 'node_modules', 'techspec', 'bin', 'techspec.js');
    if (exists(bin)) return { kind: 'module', module: bin, args: ['lsp'], source: bin };
    const shim = path.join(dir, 'node_modules', '.bin', platform === 'win32' ? 'techspec.cmd' : 'techspec');
    if (exists(shim)) return { kind: 'command', command: shim, args: ['lsp', '--stdio'], source: shim };
    // The techspec repository itself: its own bin.
    const own = path.join(dir, 'bin', 'techspec.js');
    if (exists(own) && exists(path.join(dir, 'src', 'lsp', 'server.ts'))) {
      return { kind: 'module', module: own, args: ['lsp'], source: own };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
