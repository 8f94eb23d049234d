// `techspec lsp [--stdio | --node-ipc | --socket N | --pipe NAME]`: the language server, over stdio by default.
import { InvalidArgumentError, type Command } from 'commander';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  type Connection,
} from 'vscode-languageserver/node';
import { TechspecError } from '../errors.js';
import { startLspServer } from '../lsp/server.js';
import type { CliRun } from './io.js';

interface LspFlags {
  stdio?: boolean;
  nodeIpc?: boolean;
  socket?: number;
  pipe?: string;
  clientProcessId?: string;
}

export function register(program: Command, run: CliRun): void {
  program
    .command('lsp')
    .summary('serve the language server: findings, fixes and completions in the editor')
    .description(
      'Serve techspec as a language server (LSP 3.17): diagnostics for the specs the config matches, quick fixes, ' +
        'completion of rule files, paths and section headings, hover, links, outline and go to definition. Over ' +
        'stdio unless another transport is named; standard output then carries only protocol messages.',
    )
    .option('--stdio', 'talk over standard input and output (the default)')
    .option('--node-ipc', "talk over Node's IPC channel (the client forked this process)")
    .option('--socket <port>', 'connect to the client listening on this loopback port', parsePort)
    .option('--pipe <name>', 'connect to the client listening on this named pipe or socket file')
    .option(
      '--clientProcessId <pid>',
      'accepted for clients that pass it; the server exits when that process does',
    )
    .action((flags: LspFlags) => {
      const connection = connect(flags);
      startLspServer(connection);
      run.exitCode = 0;
      // The connection ends the process (0 after a shutdown request, else 1) when the client exits or hangs up.
      return new Promise<void>(() => undefined);
    });
}

function connect(flags: LspFlags): Connection {
  const chosen = [flags.stdio, flags.nodeIpc, flags.socket !== undefined, flags.pipe !== undefined];
  if (chosen.filter(Boolean).length > 1) {
    throw new TechspecError(
      'USAGE',
      'Several transports were given, expected one of --stdio, --node-ipc, --socket, --pipe',
    );
  }
  if (flags.nodeIpc) {
    if (process.send === undefined) {
      throw new TechspecError(
        'USAGE',
        '--node-ipc was given without an IPC channel, expected the client to fork techspec',
      );
    }
    return createConnection(
      ProposedFeatures.all,
      new IPCMessageReader(process),
      new IPCMessageWriter(process),
    );
  }
  if (flags.socket !== undefined) {
    const [reader, writer] = createServerSocketTransport(flags.socket);
    return createConnection(ProposedFeatures.all, reader, writer);
  }
  if (flags.pipe !== undefined) {
    const [reader, writer] = createServerPipeTransport(flags.pipe);
    return createConnection(ProposedFeatures.all, reader, writer);
  }
  // Standard output is the protocol's: anything a dependency logs goes to standard error instead.
  console.log = console.error;
  console.info = console.error;
  console.warn = console.error;
  console.debug = console.error;
  return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('Expected a port number, 1 to 65535.');
  }
  return port;
}
