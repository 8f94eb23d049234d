// `techspec init`: choose the assistants (flags, a short prompt on a terminal, or the detected ones) → initProject →
// one line per file, the diffs of what was skipped (or, with --dry-run, of everything it would write).
import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { TechspecError } from '../errors.js';
import {
  AGENT_LABELS,
  AGENT_MARKERS,
  AGENT_NAMES,
  detectAgents,
  parseAgents,
  type AgentName,
} from '../workflow/agents.js';
import { initProject, type InitFile, type InitResult } from '../workflow/init.js';
import { projectRoot } from '../workflow/init-config.js';
import type { CliRun, Io } from './io.js';

interface InitFlags {
  agents?: AgentName[];
  yes?: boolean;
  force?: boolean;
  dryRun?: boolean;
  templateCopy?: boolean;
  lsp?: boolean;
}

export function register(program: Command, run: CliRun): void {
  program
    .command('init')
    .summary('set a repository up: config, assistant commands and MCP entries')
    .description(
      'Set the repository up for the PRD → Tech Spec → Tasks workflow: techspec.config.json with the defaults ' +
        'spelled out, .techspec/ in .gitignore, and for each chosen assistant the /create-techspec command and ' +
        'the techspec MCP server entry. Running it again changes nothing; a file you edited is left as it is ' +
        '(its diff is shown, exit 1) unless --force.',
    )
    .option('--agents <list>', `all, or comma-separated: ${AGENT_NAMES.join(', ')}`, parseAgentList)
    .option('-y, --yes', 'no questions: the detected assistants (with --agents, those)')
    .option('--force', 'replace files and MCP entries you edited')
    .option('--dry-run', 'print every file it would write, with its diff, and write nothing')
    .option('--template-copy', 'copy the template into the project (templates/spec-template.md) to edit it')
    .option(
      '--lsp',
      "also the language server for assistants: OpenCode's lsp entry and, with claude, a Claude Code plugin",
    )
    .action(async (flags: InitFlags) => {
      const { io } = run;
      const root = projectRoot(io.cwd);
      const agents = flags.agents ?? (await chooseAgents(root, flags.yes === true, io));
      const result = initProject(root, {
        agents,
        force: flags.force === true,
        dryRun: flags.dryRun === true,
        templateCopy: flags.templateCopy === true,
        lsp: flags.lsp === true,
        version: run.version,
      });
      io.stdout.write(report(result, flags.dryRun === true));
      run.exitCode = result.files.some((file) => file.action.startsWith('skipped')) ? 1 : 0;
    });
}

function parseAgentList(value: string): AgentName[] {
  try {
    return parseAgents(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The prompt on a terminal; otherwise the detected assistants, or a usage error when there are none. */
async function chooseAgents(root: string, yes: boolean, io: Io): Promise<AgentName[]> {
  const detected = detectAgents(root);
  const stdin = io.stdin as Partial<NodeJS.ReadStream>;
  if (!yes && stdin.isTTY === true && io.stdout.isTTY === true) return ask(detected, io);
  if (detected.length > 0) return detected;
  throw new TechspecError(
    'USAGE',
    `No assistant detected in ${root} (no ${AGENT_MARKERS.join(', ')}), expected --agents ${AGENT_NAMES.join(',')} (or some of them)`,
  );
}

async function ask(detected: readonly AgentName[], io: Io): Promise<AgentName[]> {
  const lines = AGENT_NAMES.map(
    (agent) => `  [${detected.includes(agent) ? 'x' : ' '}] ${agent.padEnd(9)} ${AGENT_LABELS[agent]}`,
  );
  io.stdout.write(
    `Which assistants should get /create-techspec? ([x]: found in this repository)\n${lines.join('\n')}\n`,
  );
  const prompt = createInterface({
    input: io.stdin as NodeJS.ReadableStream,
    output: io.stdout as NodeJS.WritableStream,
    // The terminal's own line editing is enough for one answer; terminal mode would also need a resizable stream.
    terminal: false,
  });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = (await prompt.question(`Assistants, comma-separated [${detected.join(',')}]: `)).trim();
      if (answer === '' && detected.length > 0) return [...detected];
      try {
        return parseAgents(answer);
      } catch (error) {
        io.stdout.write(`${(error as Error).message}\n`);
      }
    }
  } finally {
    prompt.close();
  }
  throw new TechspecError('USAGE', `No assistant chosen, expected some of: ${AGENT_NAMES.join(', ')}`);
}

const VERBS: Record<InitFile['action'], [string, string]> = {
  create: ['created', 'would create'],
  update: ['updated', 'would update'],
  unchanged: ['unchanged', 'unchanged'],
  'skipped-modified': ['skipped', 'would skip'],
  'skipped-invalid': ['skipped', 'would skip'],
};

function report(result: InitResult, dryRun: boolean): string {
  const verb = (file: InitFile): string => VERBS[file.action][dryRun ? 1 : 0];
  const width = Math.max(...result.files.map((file) => verb(file).length));
  const pathWidth = Math.max(...result.files.map((file) => file.path.length));
  const out = result.files.map((file) => {
    const note = file.note === undefined ? '' : ` — ${file.note}`;
    return `${verb(file).padEnd(width)}  ${file.path.padEnd(pathWidth)}  ${file.what}${note}`;
  });
  const shown = result.files.filter(
    (file) => file.diff !== '' && (file.action === 'skipped-modified' || dryRun),
  );
  for (const file of shown) out.push('', file.diff.trimEnd());
  for (const note of result.notes) out.push('', `note: ${note}`);
  const count = (action: InitFile['action']): number =>
    result.files.filter((file) => file.action === action).length;
  const skipped = count('skipped-modified') + count('skipped-invalid');
  const counts = dryRun
    ? `Dry run, nothing written: ${count('create')} to create, ${count('update')} to update`
    : `${count('create')} created, ${count('update')} updated`;
  out.push('', `${counts}, ${count('unchanged')} unchanged, ${skipped} skipped`);
  return `${out.join('\n')}\n`;
}
