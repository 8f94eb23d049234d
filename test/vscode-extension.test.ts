// Invariant: the VS Code extension's manifest activates on Markdown and on techspec projects, pins the client and the
// packager, and starts the server from the techspec the workspace installs; that server answers over Node IPC, the
// transport the extension uses; `npm run package:vscode` makes a .vsix holding the bundle (when its tools are installed).
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { resolveServer } from '../editors/vscode/src/server-path.js';
import { makeRepo, removeRepos } from './context-repos.js';
import { BIN } from './cli-run.js';

const EXTENSION = path.resolve(import.meta.dirname, '../editors/vscode');
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { type: string }> } };
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

afterAll(removeRepos);

describe('the VS Code extension', () => {
  it('has a manifest that activates on Markdown and techspec projects, with exact pins', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.activationEvents).toEqual([
      'onLanguage:markdown',
      'workspaceContains:**/techspec.config.json',
      'workspaceContains:**/techspec.md',
    ]);
    expect(manifest.contributes.configuration.properties['techspec.path']?.type).toBe('string');
    expect(manifest.devDependencies['vscode-languageclient']).toMatch(/^11\.0\.\d+$/);
    expect(manifest.devDependencies['@vscode/vsce']).toMatch(/^3\.9\.\d+$/);
    expect(manifest.scripts.package).toContain('vsce package --no-dependencies');
    // The bundle must not carry `vscode`: the editor provides it.
    expect(manifest.scripts.bundle).toContain('--external:vscode');
  });

  it('resolves the server from the techspec the folder (or a folder above it) installs', () => {
    const root = makeRepo({
      'node_modules/techspec/bin/techspec.js': '',
      'packages/app/README.md': '',
    });
    const bin = path.join(root, 'node_modules/techspec/bin/techspec.js');
    expect(resolveServer(path.join(root, 'packages/app'), undefined)).toEqual({
      kind: 'module',
      module: bin,
      args: ['lsp'],
      source: bin,
    });
    rmSync(path.join(root, 'node_modules/techspec'), { recursive: true });
    mkdirSync(path.join(root, 'node_modules/.bin'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/.bin/techspec'), '');
    expect(resolveServer(root, '', existsSync, 'linux')).toMatchObject({
      kind: 'command',
      command: path.join(root, 'node_modules/.bin/techspec'),
      args: ['lsp', '--stdio'],
    });
    expect(resolveServer(root, 'tools/techspec.js')).toMatchObject({
      kind: 'module',
      module: path.join(root, 'tools/techspec.js'),
      source: 'the techspec.path setting',
    });
    rmSync(path.join(root, 'node_modules'), { recursive: true });
    expect(resolveServer(root, undefined)).toBeUndefined();
  });

  it('starts the resolved server over Node IPC, as the extension does, and it initializes', async () => {
    const server = resolveServer(path.resolve(import.meta.dirname, '..'), undefined);
    expect(server).toMatchObject({ kind: 'module', module: BIN });
    if (server?.kind !== 'module') return;
    // vscode-languageclient forks the module with --node-ipc and --clientProcessId after the extension's args.
    const child = fork(server.module, [...server.args, '--node-ipc', `--clientProcessId=${process.pid}`], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const result = await connection.sendRequest<{
      capabilities: Record<string, unknown>;
      serverInfo: { name: string };
    }>('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    expect(result.serverInfo.name).toBe('techspec');
    expect(Object.keys(result.capabilities)).toEqual(
      expect.arrayContaining([
        'diagnosticProvider',
        'codeActionProvider',
        'completionProvider',
        'definitionProvider',
      ]),
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();
  });

  const vsce = path.join(EXTENSION, 'node_modules/.bin/vsce');
  if (!existsSync(vsce)) {
    process.stdout.write(
      'vscode-extension.test: editors/vscode has no node_modules (npm run package:vscode installs them); packaging is SKIPPED\n',
    );
  }
  it.skipIf(!existsSync(vsce))('packages a .vsix with the bundle and the manifest, offline', () => {
    const run = spawnSync('npm', ['run', 'package'], { cwd: EXTENSION, encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const listing = spawnSync('unzip', ['-l', path.join(EXTENSION, 'techspec.vsix')], { encoding: 'utf8' });
    expect(listing.stdout).toContain('extension/dist/extension.js');
    expect(listing.stdout).toContain('extension/package.json');
    expect(listing.stdout).not.toContain('extension/src/');
    expect(listing.stdout).not.toContain('node_modules');
  });
});
