// The language server tests' client: a real JSON-RPC connection to the server over in-process streams (or a spawned
// `techspec lsp --stdio`), which records what the server pushes and answers what the server asks.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  Diagnostic,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { startLspServer } from '../src/lsp/server.js';
import { BIN } from './cli-run.js';

export { exampleFiles } from './mcp-repo.js';

export interface TestClient {
  connection: ProtocolConnection;
  /** Every publishDiagnostics notification, in arrival order. */
  published: PublishDiagnosticsParams[];
  /** Requests the server sent (method names): registerCapability, diagnostic refresh, showMessage. */
  asked: string[];
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `test`. */
  nextDiagnostics(uri: string, test?: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  /** Writes bytes straight to the spawned server's standard input (malformed messages). */
  raw(bytes: string): void;
  /** Shuts down; for a spawned server, resolves with its exit code. */
  close(): Promise<number | null | undefined>;
}

export interface ClientOptions {
  root: string;
  capabilities?: ClientCapabilities;
  /** Extra workspace folders (multi-root). */
  folders?: string[];
  initializationOptions?: Record<string, unknown>;
  /** Spawn `node bin/techspec.js lsp --stdio` instead of serving in-process. */
  spawned?: boolean;
}

export function uriOf(abs: string): string {
  return pathToFileURL(abs).href;
}

/** Connects, initializes (with the root and any extra folders as workspace folders) and sends `initialized`. */
export async function startClient(options: ClientOptions): Promise<TestClient> {
  let child: ChildProcess | undefined;
  let connection: ProtocolConnection;
  if (options.spawned) {
    child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], {
      cwd: options.root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (!child.stdout || !child.stdin) throw new Error('no pipes');
    connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
  } else {
    const up = new PassThrough();
    const down = new PassThrough();
    startLspServer(
      createConnection(ProposedFeatures.all, new StreamMessageReader(up), new StreamMessageWriter(down)),
    );
    connection = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  }
  const published: PublishDiagnosticsParams[] = [];
  const asked: string[] = [];
  const waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] =
    [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.uri !== params.uri || !waiter.test(params.diagnostics)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params.diagnostics);
    }
  });
  for (const method of [
    'client/registerCapability',
    'workspace/diagnostic/refresh',
    'window/showMessageRequest',
  ]) {
    connection.onRequest(method, () => {
      asked.push(method);
      return null;
    });
  }
  connection.onNotification('window/showMessage', () => {
    asked.push('window/showMessage');
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const folders = [options.root, ...(options.folders ?? [])];
  await connection.sendRequest('initialize', {
    processId: null,
    rootUri: uriOf(options.root),
    capabilities: options.capabilities ?? {},
    workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
    initializationOptions: { debounceMs: 0, ...options.initializationOptions },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    published,
    asked,
    nextDiagnostics(uri, test = () => true) {
      return new Promise((resolve) => waiters.push({ uri, test, resolve }));
    },
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version, text },
      });
    },
    raw(bytes) {
      child?.stdin?.write(bytes);
    },
    async close() {
      let code: number | null | undefined;
      if (child) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        code = await exited;
      }
      connection.dispose();
      return code;
    },
  };
}
