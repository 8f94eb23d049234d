// `techspec context <spec> | --prd <file> | --text <text>`: read the input → getContext → print Markdown or JSON.
import path from 'node:path';
import { MAX_SPEC_BYTES } from '../limits.js';
import { readInside } from '../confine.js';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { getContext, type ContextInput } from '../context/engine.js';
import { CONTEXT_FORMATS, formatContext, type ContextFormat } from '../context/format.js';
import { DEFAULT_K } from '../context/ranking.js';
import { TechspecError } from '../errors.js';
import { findProjectRoot } from '../workspace/root.js';
import type { CliRun } from './io.js';
import { progressFor } from './progress.js';

interface ContextFlags {
  prd?: string;
  text?: string;
  k: number;
  format: ContextFormat;
  cache: boolean;
}

export function register(program: Command, run: CliRun): void {
  const command = program
    .command('context')
    .summary('list the rules and files that fit a spec, a PRD or a text')
    .description(
      'List the repository rules that fit a spec, a PRD or a text (Standards Compliance) and the files most ' +
        'relevant to it (Relevant Files), each with the reason. Run it inside the repository; the spec or PRD ' +
        'may lie outside it.',
    )
    .argument('[spec]', 'a spec file: its Relevant Files start the ranking')
    .option('--prd <file>', 'a PRD file instead of a spec')
    .option('--text <text>', 'a text instead of a spec')
    .addOption(new Option('--k <n>', 'how many files to list').argParser(parseK).default(DEFAULT_K))
    .addOption(
      new Option('-f, --format <name>', 'output format').choices(CONTEXT_FORMATS).default('markdown'),
    )
    .option('--no-cache', 'neither read nor write the index cache (.techspec/cache)')
    .action(async (spec: string | undefined, flags: ContextFlags) => {
      const given = [spec, flags.prd, flags.text].filter((value) => value !== undefined).length;
      if (given !== 1) {
        const what = given === 0 ? 'none was given' : 'more than one was given';
        command.error(`Expected one input, a spec path, --prd <file> or --text <text>, but ${what}`, {
          exitCode: 2,
          code: 'techspec.usage',
        });
      }
      run.exitCode = await context(inputOf(spec, flags, run.io.cwd), flags, run);
    });
}

async function context(input: ContextInput, flags: ContextFlags, run: CliRun): Promise<number> {
  const { io } = run;
  const root = findProjectRoot(io.cwd).root;
  const progress = progressFor(io.stderr, flags.format, 'techspec: indexing');
  const answer = await getContext(root, input, {
    k: flags.k,
    onProgress: (done, total) => {
      progress?.update(done, total);
    },
    ...(flags.cache ? {} : { cacheDir: false }),
  });
  progress?.end();
  for (const problem of answer.problems) io.stderr.write(`techspec: ${problem}\n`);
  io.stdout.write(formatContext(answer, flags.format));
  return 0;
}

function inputOf(spec: string | undefined, flags: ContextFlags, cwd: string): ContextInput {
  if (flags.text !== undefined) return { text: flags.text, kind: 'text' };
  const file = path.resolve(cwd, spec ?? flags.prd ?? '');
  const text = readInput(file, spec ?? flags.prd ?? '');
  return spec === undefined ? { text, kind: 'prd' } : { text, kind: 'spec', specPath: file };
}

/** A file the user named: a regular file of at most 10 MiB (a FIFO or /dev/zero is refused, not read forever). */
function readInput(file: string, written: string): string {
  try {
    return readInside(path.dirname(file), file, 'file', MAX_SPEC_BYTES).bytes.toString('utf8');
  } catch (error) {
    if (error instanceof TechspecError && error.code === 'NOT_FOUND') {
      throw new TechspecError('USAGE', `Cannot read ${written} (ENOENT), expected a readable Markdown file`);
    }
    throw new TechspecError('USAGE', `Cannot read ${written}: ${(error as Error).message}`);
  }
}

function parseK(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('Expected a whole number of files, 1 or more.');
  }
  return Number(value);
}
