// `techspec doctor`: per assistant, what `techspec init` set up, what is missing or out of date, and the command that
// fixes it. It plans init for each assistant without writing (init's own dry run), so it never touches a file, and a
// file the user edited is reported as kept, never as something to overwrite.
import { legacyFiles, legacyState } from '../assistants/rules/check.js';
import { listFiles } from '../workspace/project.js';
import { AGENT_LABELS, AGENT_NAMES, agentPlan, detectAgents, type AgentName } from './agents.js';
import { initProject, type InitFile } from './init.js';
import { commandLine, invocationFor } from './invocation.js';

export type AssistantState =
  /** Every file init writes for it is there and as init wrote it. */
  | 'up-to-date'
  /** Some of init's files are there, others are missing. */
  | 'incomplete'
  /** A file an older techspec wrote (unchanged since) differs from what this one writes. */
  | 'out-of-date'
  /** The user changed a file or entry init wrote: kept as it is. */
  | 'edited'
  /** A config file init would add an entry to is not JSON(C)/TOML it can edit. */
  | 'invalid'
  /** None of init's files are there. */
  | 'not-set-up'
  /** init writes no file for it (its MCP servers live in the user's settings): the notes say what to do. */
  | 'manual';

export interface AssistantReport {
  agent: AgentName;
  label: string;
  /** Whether the repository shows the assistant is used (its folders or marker files exist). */
  detected: boolean;
  state: AssistantState;
  /** init's files for the assistant and what init would do with each. */
  files: Pick<InitFile, 'path' | 'action' | 'what' | 'note'>[];
  /** The command that brings it up to date, when one is needed. */
  fix?: string;
  /** Facts init cannot write down (MCP servers kept in the user's settings). */
  notes: string[];
  /**
   * Files in a layout the assistant moved away from (`.kilocode/workflows/x.md`), with the move to make; doctor and
   * init never move or delete them. `exists`: the new place already holds a file (keep one of the two).
   */
  legacy: { path: string; to: string; read: boolean; exists: boolean }[];
}

export interface DoctorOptions {
  /** Only these assistants; default: the detected ones and those with init's files present. */
  agents?: readonly AgentName[];
}

/** Reports on each assistant; writes nothing. */
export function doctorProject(root: string, options: DoctorOptions = {}): AssistantReport[] {
  const detected = new Set(detectAgents(root));
  const tool = invocationFor(root);
  const agents = options.agents ?? AGENT_NAMES;
  // One dry run for every assistant (it reads the config and lists the files once), then each one's files by path.
  const planned = new Map(
    initProject(root, { agents, dryRun: true }).files.map((file) => [file.path, file] as const),
  );
  const files = listFiles(root);
  const present = new Set(files);
  const legacy = legacyFiles(files);
  const reports = agents.map((agent) => {
    const plan = agentPlan(root, agent, tool);
    const paths = [...plan.commands.map((command) => command.path), ...(plan.mcp ? [plan.mcp.path] : [])];
    const files = paths.flatMap((path) => {
      const file = planned.get(path);
      if (file === undefined) return [];
      const { action, what, note } = file;
      return [note === undefined ? { path, action, what } : { path, action, what, note }];
    });
    const state = stateOf(files);
    const report: AssistantReport = {
      agent,
      label: AGENT_LABELS[agent] ?? agent,
      detected: detected.has(agent),
      state,
      files,
      notes: plan.mcpNote === undefined ? [] : [plan.mcpNote],
      legacy: legacy
        .filter((file) => file.assistant === agent)
        .map(({ path, to, read }) => ({ path, to, read, exists: present.has(to) })),
    };
    const fix = fixFor(state, agent, (...args) => commandLine(tool, ...args));
    if (fix !== undefined) report.fix = fix;
    return report;
  });
  if (options.agents !== undefined) return reports;
  return reports.filter(
    (report) =>
      report.detected ||
      report.legacy.length > 0 ||
      (report.state !== 'not-set-up' && report.state !== 'manual'),
  );
}

function stateOf(files: readonly { action: InitFile['action'] }[]): AssistantState {
  if (files.length === 0) return 'manual';
  const has = (action: InitFile['action']): boolean => files.some((file) => file.action === action);
  if (has('skipped-invalid')) return 'invalid';
  if (has('update')) return 'out-of-date';
  if (has('create')) return has('unchanged') || has('skipped-modified') ? 'incomplete' : 'not-set-up';
  return has('skipped-modified') ? 'edited' : 'up-to-date';
}

/** init writes what is missing or outdated and keeps what the user edited, so it is the fix in every case. */
function fixFor(
  state: AssistantState,
  agent: AgentName,
  command: (...args: string[]) => string,
): string | undefined {
  if (state === 'up-to-date' || state === 'edited' || state === 'manual') return undefined;
  const init = command('init', '--agents', agent);
  return state === 'invalid' ? `repair the file named above, then ${init}` : init;
}

const STATE_TEXT: Record<AssistantState, string> = {
  'up-to-date': 'set up, up to date',
  incomplete: 'partly set up',
  'out-of-date': 'out of date',
  edited: 'set up, edited by you (kept)',
  invalid: 'cannot be updated',
  'not-set-up': 'detected, not set up',
  manual: 'nothing init writes; see the note',
};

/** One block per assistant: its state, the files that need something, the fix; then a summary line. */
export function formatDoctor(reports: readonly AssistantReport[]): string {
  const out: string[] = [];
  for (const report of reports) {
    out.push(`${report.label} (${report.agent}): ${STATE_TEXT[report.state]}`);
    for (const file of report.files) {
      if (file.action === 'unchanged') continue;
      const note = file.note === undefined ? '' : ` — ${file.note}`;
      out.push(`  ${ACTION_TEXT[file.action]}  ${file.path}  ${file.what}${note}`);
    }
    for (const file of report.legacy)
      out.push(`  legacy     ${file.path}  ${legacyMove(report.label, file)}`);
    if (report.fix !== undefined) out.push(`  fix: ${report.fix}`);
    if (report.state === 'manual') out.push(...report.notes.map((note) => `  note: ${note}`));
  }
  const pending = reports.filter((report) => needsWork(report)).length;
  if (reports.length === 0)
    out.push('No assistant detected or set up; techspec init --agents <list> sets one up');
  else
    out.push(
      pending === 0 ? 'Every assistant is up to date' : `${pending} of ${reports.length} need attention`,
    );
  return `${out.join('\n')}\n`;
}

const ACTION_TEXT: Record<InitFile['action'], string> = {
  create: 'missing  ',
  update: 'outdated ',
  unchanged: 'ok       ',
  'skipped-modified': 'edited   ',
  'skipped-invalid': 'invalid  ',
};

/** What to do with a legacy file: move it, or keep one copy when the new place already has the file. */
function legacyMove(label: string, file: AssistantReport['legacy'][number]): string {
  const state = legacyState({ ...file, assistant: '', label });
  return file.exists
    ? `${state}; \`${file.to}\` exists: keep one of the two and delete the other (nothing is deleted for you)`
    : `${state}: move it to \`${file.to}\` (nothing is moved for you)`;
}

/** Whether the report asks for a change (an edited file is the user's choice, so it does not; a legacy file does). */
export function needsWork(report: AssistantReport): boolean {
  if (report.legacy.length > 0) return true;
  return report.state !== 'up-to-date' && report.state !== 'edited' && report.state !== 'manual';
}
