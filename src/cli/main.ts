// The techspec program: parses argv with commander, loads only the module of the command that runs.
import path from 'node:path';
import { packageVersion } from '../package-info.js';
import { Command, CommanderError } from 'commander';
import { TechspecError } from '../errors.js';
import { ISSUES_URL } from '../issues.js';
import type { CliRun, Io } from './io.js';

interface CommandModule {
  register(program: Command, run: CliRun): void | Promise<void>;
}

interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandModule>;
}

/** One entry per command; its module (and the rules, parser, config it imports) loads only when it runs. */
const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'lint',
    summary: 'check tech specs against the template and the rules',
    load: () => import('./lint.js'),
  },
  {
    name: 'context',
    summary: 'list the rules and files that fit a spec, a PRD or a text',
    load: () => import('./context.js'),
  },
  {
    name: 'rules',
    summary: 'list the rule files your assistants load, per tool',
    load: () => import('./rules.js'),
  },
  {
    name: 'new',
    summary: 'create a draft spec for a feature from the template',
    load: () => import('./new.js'),
  },
  {
    name: 'tasks',
    summary: 'derive tasks.md beside a spec from its Build Order',
    load: () => import('./tasks.js'),
  },
  {
    name: 'trace',
    summary: 'show which spec sections and tasks cite each requirement of a PRD',
    load: () => import('./trace.js'),
  },
  {
    name: 'init',
    summary: 'set a repository up: config, assistant commands and MCP entries',
    load: () => import('./init.js'),
  },
  {
    name: 'doctor',
    summary: 'report, per assistant, what init set up, what is out of date and the fix',
    load: () => import('./doctor.js'),
  },
  {
    name: 'mcp',
    summary: 'serve the MCP server (tools, resources, prompts) to AI assistants',
    load: () => import('./mcp.js'),
  },
  {
    name: 'serve',
    summary: 'serve a dashboard, a REST API and Prometheus metrics of the specs',
    load: () => import('./serve.js'),
  },
  {
    name: 'lsp',
    summary: 'serve the language server: findings, fixes and completions in the editor',
    load: () => import('./lsp.js'),
  },
  {
    name: 'check',
    summary: 'report where specs and the code drifted apart since each spec’s baseline',
    load: () => import('./check.js'),
  },
];

/** Runs the CLI and sets `process.exitCode`: 0 clean, 1 findings, 2 usage, config or input failure. */
export async function run(argv: readonly string[]): Promise<void> {
  // `techspec lint | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  };
  process.exitCode = await main(argv, io);
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const version = packageVersion();
  const cliRun: CliRun = { io, version, exitCode: 0 };
  try {
    const program = await buildProgram(argv, cliRun);
    await program.parseAsync([...argv], { from: 'user' });
    return cliRun.exitCode;
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function buildProgram(argv: readonly string[], cliRun: CliRun): Promise<Command> {
  const program = new Command('techspec')
    .description('Lint, contextualise and trace tech specs written from a template.')
    .version(cliRun.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cliRun.io.stdout.write(text),
      writeErr: (text) => cliRun.io.stderr.write(text),
      outputError: (text, write) => {
        write(`techspec: ${text.replace(/^error: /, '')}`);
      },
    });
  const wanted = commandNames(argv);
  for (const entry of COMMANDS) {
    if (wanted.includes(entry.name)) await (await entry.load()).register(program, cliRun);
    else program.command(entry.name).description(entry.summary);
  }
  return program;
}

/** The command named in argv (and, for `help <command>`, that command too): no global option takes a value. */
function commandNames(argv: readonly string[]): string[] {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  return words[0] === 'help' ? words.slice(0, 2) : words.slice(0, 1);
}

function reportFailure(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    // Help and --version end through here with code 0; commander has already printed any usage error.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof TechspecError) {
    const where = error.file ? `${shownPath(io.cwd, error.file)}: ` : '';
    io.stderr.write(`techspec: ${where}${error.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  const debug = (io.env.DEBUG ?? '')
    .split(',')
    .some((name) => name.trim() === 'techspec' || name.trim() === '*');
  io.stderr.write(
    `techspec: unexpected error: ${message.split('\n')[0] ?? ''} — this is a bug, please report it at ${ISSUES_URL}` +
      `${debug ? '' : ' (set DEBUG=techspec to see the stack trace)'}\n`,
  );
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return 2;
}

function shownPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
