// The techspec extension for VS Code (and Cursor, Windsurf, VSCodium): one language client per workspace folder,
// started from the techspec that folder installs, for the Markdown files under it.
import path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { resolveServer, type ServerCommand } from './server-path.js';

const clients = new Map<string, LanguageClient>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('techspec', { log: true });
  context.subscriptions.push(output);
  const start = async (folder: vscode.WorkspaceFolder): Promise<void> => {
    if (folder.uri.scheme !== 'file' || clients.has(folder.uri.toString())) return;
    const setting = vscode.workspace.getConfiguration('techspec', folder.uri).get<string>('path');
    const server = resolveServer(folder.uri.fsPath, setting);
    if (!server) {
      output.info(
        `${folder.name}: techspec is not installed here (npm install --save-dev techspec), or set techspec.path`,
      );
      return;
    }
    output.info(`${folder.name}: starting the language server from ${server.source}`);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        {
          scheme: 'file',
          language: 'markdown',
          pattern: `${folder.uri.fsPath.split(path.sep).join('/')}/**/*`,
        },
      ],
      workspaceFolder: folder,
      outputChannel: output,
    };
    const client = new LanguageClient(
      `techspec-${folder.name}`,
      `techspec (${folder.name})`,
      serverOptions(server, folder),
      clientOptions,
    );
    clients.set(folder.uri.toString(), client);
    await client.start();
  };
  const stop = async (folder: vscode.WorkspaceFolder): Promise<void> => {
    const client = clients.get(folder.uri.toString());
    clients.delete(folder.uri.toString());
    await client?.stop();
  };
  for (const folder of vscode.workspace.workspaceFolders ?? []) await start(folder);
  context.subscriptions.push(
    vscode.workspace.onDidChangeWorkspaceFolders(async (event) => {
      for (const folder of event.removed) await stop(folder);
      for (const folder of event.added) await start(folder);
    }),
  );
}

export async function deactivate(): Promise<void> {
  await Promise.all([...clients.values()].map((client) => client.stop()));
  clients.clear();
}

function serverOptions(server: ServerCommand, folder: vscode.WorkspaceFolder): ServerOptions {
  const options = { cwd: folder.uri.fsPath };
  if (server.kind === 'module') {
    return { module: server.module, args: server.args, transport: TransportKind.ipc, options };
  }
  return {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio,
    options: { ...options, shell: process.platform === 'win32' },
  };
}
