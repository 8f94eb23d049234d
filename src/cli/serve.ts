// `techspec serve`: the dashboard, REST API and metrics of the repository, until Ctrl-C.
import { spawn } from 'node:child_process';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { TechspecError } from '../errors.js';
import { findProjectRoot } from '../workspace/root.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../serve/logger.js';
import { isLoopbackHost, weakTokenReason } from '../access.js';
import { startServer } from '../serve/server.js';
import { progressNote } from './progress.js';
import { untilSignal, type CliRun } from './io.js';

interface ServeFlags {
  port: number;
  host: string;
  token?: string;
  open?: boolean;
  logLevel: LogLevel;
  lintThreads?: number;
}

export function register(program: Command, run: CliRun): void {
  program
    .command('serve')
    .summary('serve a dashboard, a REST API and Prometheus metrics of the specs')
    .description(
      'Serve a local dashboard of every spec (status, findings, drift, trace, context), the REST API under /api/v0 ' +
        'and Prometheus metrics at /metrics, updated live as files change. Bound to 127.0.0.1 unless --host says ' +
        'otherwise; any other host needs --token (or TECHSPEC_TOKEN).',
    )
    .addOption(new Option('-p, --port <n>', 'port (0 picks a free one)').argParser(parsePort).default(4700))
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--token <token>', 'require this bearer token (or TECHSPEC_TOKEN); needed off loopback')
    .option('--open', 'open the dashboard in the browser')
    .addOption(
      new Option(
        '--lint-threads <n>',
        'worker threads that lint POST /api/v0/lint texts (default: one per core; 0: the main thread)',
      ).argParser(parseThreads),
    )
    .addOption(
      new Option('--log-level <level>', 'log level of the JSON logs on stderr')
        .choices(LOG_LEVELS)
        .default('info'),
    )
    .action(async (flags: ServeFlags) => {
      run.exitCode = await serveCommand(flags, run);
    });
}

async function serveCommand(flags: ServeFlags, run: CliRun): Promise<number> {
  const { io } = run;
  const token = flags.token ?? (io.env.TECHSPEC_TOKEN === '' ? undefined : io.env.TECHSPEC_TOKEN);
  if (token !== undefined) {
    const weak = weakTokenReason(token, flags.token === undefined ? 'TECHSPEC_TOKEN' : '--token');
    if (weak !== undefined) throw new TechspecError('USAGE', weak);
  }
  const loopback = isLoopbackHost(flags.host);
  if (!loopback && token === undefined) {
    throw new TechspecError(
      'USAGE',
      `Refusing to bind ${flags.host} without a token: anyone on the network could read the repository, expected --token <secret> or TECHSPEC_TOKEN (or --host 127.0.0.1)`,
    );
  }
  const logger = createLogger(flags.logLevel);
  const note = progressNote(io.stderr, 'techspec serve: reading the repository (specs, rules, drift)…');
  const server = await startServer({
    root: serveRoot(io.cwd),
    port: flags.port,
    host: flags.host,
    logger,
    ...(token === undefined ? {} : { token }),
    ...(flags.lintThreads === undefined ? {} : { lintThreads: flags.lintThreads }),
  })
    .catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new TechspecError(
          'USAGE',
          `Cannot listen on ${flags.host}:${flags.port} (${code}), expected a free port: try --port 0`,
        );
      }
      // An address that does not resolve (`--host 256.1.1.1`) is a usage error, not a bug.
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EINVAL') {
        throw new TechspecError(
          'USAGE',
          `Cannot listen on ${flags.host}:${flags.port} (${code}), expected a local address such as 127.0.0.1`,
        );
      }
      throw error;
    })
    .finally(() => {
      note.end();
    });
  io.stdout.write(`techspec serve: ${server.url} (${server.state.root})\n`);
  if (token !== undefined) {
    const login = `${server.url}login?token=${encodeURIComponent(token)}`;
    io.stdout.write(
      `techspec serve: open ${login} once to log in; API clients send "Authorization: Bearer <token>"\n`,
    );
  }
  if (!loopback) {
    io.stdout.write(`techspec serve: exposed on ${flags.host}: every client needs the token\n`);
  }
  logger.info({ url: server.url, root: server.state.root, exposed: !loopback }, 'listening');
  if (flags.open)
    openBrowser(token === undefined ? server.url : `${server.url}login?token=${encodeURIComponent(token)}`);
  await untilSignal();
  await server.stop();
  logger.info('stopped');
  logger.flush();
  return 0;
}

/** The folder of the nearest config file, else the git work tree, else the working directory. */
function serveRoot(cwd: string): string {
  return findProjectRoot(cwd).root;
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

function parseThreads(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 256) {
    throw new InvalidArgumentError('Expected a whole number of threads from 0 to 256.');
  }
  return Number(value);
}

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new InvalidArgumentError('Expected a port number from 0 to 65535.');
  }
  return Number(value);
}
