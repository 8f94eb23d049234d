// `techspec init`: sets a repository up (config, .gitignore, the create-techspec command of each chosen assistant and
// its MCP server entry), idempotently, never replacing what the user edited unless forced.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TechspecError } from '../errors.js';
import { resolveInside, writeInside } from '../confine.js';
import { defaultTemplatePath } from '../spec/default-template.js';
import { AGENT_LABELS, agentPlan, type AgentName, type McpTarget } from './agents.js';
import { loadConfig } from '../lint/config.js';
import { listFiles } from '../workspace/project.js';
import { legacyFiles } from '../assistants/rules/check.js';
import { setTomlTable } from './toml-edit.js';
import { COMMAND_NAME, renderCommand, type CommandVars } from './command-text.js';
import { commandLine, invocationFor, schemaReference, type Invocation } from './invocation.js';
import { DEFAULT_FEATURE_DIR, projectLayout } from './layout.js';
import { unifiedDiff } from './diff.js';
import {
  CONFIG_FILE,
  defaultConfigText,
  existingConfig,
  TEMPLATE_COPY,
  withIgnoreLine,
} from './init-config.js';
import { JsoncError, setJsoncEntry } from './jsonc-edit.js';
import { CLAUDE_PLUGIN_NOTE, claudePluginFiles, openCodeLspTarget } from './lsp-setup.js';

export { AGENT_NAMES, type AgentName } from './agents.js';

/** Where init records a hash of what it wrote, to tell a file the user edited from one an older techspec wrote. */
export const INIT_RECORD = '.techspec/init.json';
export const MCP_ENTRY = 'techspec';

export type InitAction = 'create' | 'update' | 'unchanged' | 'skipped-modified' | 'skipped-invalid';

export interface InitFile {
  /** Repository-relative. */
  path: string;
  action: InitAction;
  /** What the file is for: `Claude Code command /create-techspec`, `Cursor MCP server entry`. */
  what: string;
  /** Unified diff from the file on disk to what init writes (or would write); '' when unchanged. */
  diff: string;
  /** Why it was skipped or kept, when it was. */
  note?: string;
}

export interface InitOptions {
  agents: readonly AgentName[];
  /** Replace files and entries the user edited. */
  force?: boolean;
  /** Compute and report, write nothing. */
  dryRun?: boolean;
  /** Copy the shipped template into the project and point the config at it. */
  templateCopy?: boolean;
  /**
   * Also set the language server up for assistants: OpenCode's `lsp` entry, and (with claude) a Claude Code plugin
   * holding the language server, the MCP server and the command.
   */
  lsp?: boolean;
  /** techspec's version, recorded in the Claude Code plugin's manifest. */
  version?: string;
}

export interface InitResult {
  files: InitFile[];
  /** Facts about the setup that are not files: assistants with no project MCP file. */
  notes: string[];
}

interface Planned extends InitFile {
  /** The text to write, for create and update. */
  text?: string;
  /** Record key and hash of what the file (or entry) holds once init is done. */
  record?: [string, string];
}

/** Plans every file, then (unless `dryRun`) writes those to create or update and the record. */
export function initProject(root: string, options: InitOptions): InitResult {
  const base = path.resolve(root);
  const record = readRecord(base);
  const force = options.force === true;
  const invocation = invocationFor(base);
  const planned: Planned[] = [configFile(base, options.templateCopy === true, invocation), ignoreFile(base)];
  if (options.templateCopy === true) {
    const template = readFileSync(defaultTemplatePath(), 'utf8');
    planned.push(managedFile(base, TEMPLATE_COPY, 'the techspec template, to edit', template, record, force));
  }
  const notes: string[] = [];
  const vars = commandVars(base, invocation);
  for (const agent of options.agents) {
    const plan = agentPlan(base, agent, invocation);
    for (const command of plan.commands) {
      const what = `${AGENT_LABELS[agent]} command /${COMMAND_NAME}`;
      const text = renderCommand(command.format, undefined, vars);
      planned.push(managedFile(base, command.path, what, text, record, force));
    }
    if (plan.mcp)
      planned.push(mcpEntry(base, `${AGENT_LABELS[agent]} MCP server entry`, plan.mcp, record, force));
    if (plan.mcpNote) notes.push(plan.mcpNote);
  }
  notes.push(...legacyNotes(base, options.agents));
  if (options.lsp === true)
    planned.push(...lspFiles(base, options, { record, force, notes, planned, invocation, vars }));
  if (options.dryRun !== true) apply(base, planned, record);
  return { files: planned.map(publicFile), notes };
}

interface PlanState {
  record: ReadonlyMap<string, string>;
  force: boolean;
  notes: string[];
  /** What is planned so far: OpenCode's MCP entry may already be going into the file the lsp entry joins. */
  planned: readonly Planned[];
  /** How the repository runs techspec, and the command text's variables from it. */
  invocation: Invocation;
  vars: CommandVars;
}

function lspFiles(base: string, options: InitOptions, state: PlanState): Planned[] {
  const { record, force, notes, invocation, vars } = state;
  const planned: Planned[] = [];
  if (options.agents.includes('claude')) {
    for (const file of claudePluginFiles(options.version ?? '0.0.0', invocation)) {
      const text = file.text ?? renderCommand('markdown-arguments', undefined, vars);
      planned.push(managedFile(base, file.path, file.what, text, record, force));
    }
    notes.push(CLAUDE_PLUGIN_NOTE);
  }
  const target = openCodeLspTarget(base, invocation);
  const pending = state.planned.findLast(
    (file) => file.path === target.path && file.text !== undefined,
  )?.text;
  planned.push(mcpEntry(base, 'OpenCode language server entry', target, record, force, pending));
  return planned;
}

/** One note per chosen assistant with files in a layout it moved away from: init writes the new layout only. */
function legacyNotes(base: string, agents: readonly AgentName[]): string[] {
  const legacy = legacyFiles(listFiles(base)).filter((file) => agents.includes(file.assistant));
  return [...new Set(legacy.map((file) => file.assistant))].map((agent) => {
    const files = legacy.filter((file) => file.assistant === agent);
    const [first] = files;
    const some = files.length === 1 ? '1 file' : `${files.length} files`;
    return `${first?.label ?? agent} has ${some} in its legacy layout (\`${first?.path ?? ''}\` → \`${first?.to ?? ''}\`${files.length > 1 ? ', …' : ''}); init writes the new layout only and moves nothing: techspec doctor lists each file with its move`;
  });
}

function publicFile(file: Planned): InitFile {
  const { path: rel, action, what, diff, note } = file;
  return note === undefined ? { path: rel, action, what, diff } : { path: rel, action, what, diff, note };
}

/** The command text's words for this repository: how techspec runs here and where its feature folders are. */
export function commandVars(base: string, invocation: Invocation = invocationFor(base)): CommandVars {
  let featureDir = DEFAULT_FEATURE_DIR;
  try {
    featureDir = projectLayout(base, loadConfig({ cwd: base }), listFiles(base)).featureDir || '.';
  } catch {
    // A config that does not load yet (init is how one starts): the default folder.
  }
  return { techspec: commandLine(invocation), featureDir };
}

function configFile(base: string, templateCopy: boolean, invocation: Invocation): Planned {
  const what = 'techspec config, defaults spelled out';
  const found = existingConfig(base);
  if (found !== undefined) {
    return {
      path: found,
      action: 'unchanged',
      what,
      diff: '',
      note: 'a config exists; init never rewrites it',
    };
  }
  const text = defaultConfigText(templateCopy ? TEMPLATE_COPY : undefined, schemaReference(invocation));
  return { path: CONFIG_FILE, action: 'create', what, diff: unifiedDiff(CONFIG_FILE, undefined, text), text };
}

function ignoreFile(base: string): Planned {
  const current = readOptional(base, '.gitignore');
  const text = withIgnoreLine(current);
  const what = '.techspec/ (caches) ignored';
  if (text === undefined) return { path: '.gitignore', action: 'unchanged', what, diff: '' };
  const action = current === undefined ? 'create' : 'update';
  return { path: '.gitignore', action, what, diff: unifiedDiff('.gitignore', current, text), text };
}

/** A file init owns whole: replaced only when unchanged since init wrote it, or when forced. */
function managedFile(
  base: string,
  rel: string,
  what: string,
  text: string,
  record: ReadonlyMap<string, string>,
  force: boolean,
): Planned {
  let current: string | undefined;
  try {
    current = readOptional(base, rel);
  } catch (error) {
    return invalid(rel, what, error);
  }
  const diff = unifiedDiff(rel, current, text);
  const done: [string, string] = [rel, hash(text)];
  if (current === undefined) return { path: rel, action: 'create', what, diff, text, record: done };
  if (current === text) return { path: rel, action: 'unchanged', what, diff: '', record: done };
  if (record.get(rel) === hash(current) || force) {
    return { path: rel, action: 'update', what, diff, text, record: done };
  }
  return { path: rel, action: 'skipped-modified', what, diff, note: edited('this file') };
}

/** The techspec entry of an MCP (or LSP) config: the rest of the file is the user's and keeps every byte. */
function mcpEntry(
  base: string,
  what: string,
  target: McpTarget,
  record: ReadonlyMap<string, string>,
  force: boolean,
  /** The text an earlier step of this run writes to the same file, to build on instead of the file on disk. */
  pending?: string,
): Planned {
  const key = `${target.path}#${target.container}.${MCP_ENTRY}`;
  const done: [string, string] = [key, hash(canonical(target.entry))];
  try {
    const current = pending ?? readOptional(base, target.path);
    // One parse: the edit also gives the entry's value before it (undefined when there was none).
    const edit =
      target.syntax === 'toml'
        ? setTomlTable(current ?? '', target.container, MCP_ENTRY, target.entry)
        : setJsoncEntry(current ?? '', target.container, MCP_ENTRY, target.entry);
    const existing = edit.previous;
    const text = edit.text;
    if (existing !== undefined && canonical(existing) === canonical(target.entry)) {
      return { path: target.path, action: 'unchanged', what, diff: '', record: done };
    }
    const diff = unifiedDiff(target.path, current, text);
    const action = current === undefined ? 'create' : 'update';
    if (existing === undefined || record.get(key) === hash(canonical(existing)) || force) {
      return { path: target.path, action, what, diff, text, record: done };
    }
    return {
      path: target.path,
      action: 'skipped-modified',
      what,
      diff,
      note: edited(`its "${MCP_ENTRY}" entry`),
    };
  } catch (error) {
    return invalid(target.path, what, error);
  }
}

function edited(what: string): string {
  return `you changed ${what} since techspec init wrote it; --force replaces it`;
}

function invalid(rel: string, what: string, error: unknown): Planned {
  if (!(error instanceof JsoncError || error instanceof TechspecError)) throw error;
  return { path: rel, action: 'skipped-invalid', what, diff: '', note: error.message };
}

function apply(base: string, planned: readonly Planned[], record: Map<string, string>): void {
  for (const file of planned) {
    if (file.text !== undefined && (file.action === 'create' || file.action === 'update')) {
      write(base, file.path, file.text);
    }
    if (file.record && file.action !== 'skipped-modified') record.set(file.record[0], file.record[1]);
  }
  const text = `${JSON.stringify({ files: Object.fromEntries([...record].sort()) }, null, 2)}\n`;
  if (readOptional(base, INIT_RECORD) !== text) write(base, INIT_RECORD, text);
}

function readRecord(base: string): Map<string, string> {
  try {
    const parsed = JSON.parse(readOptional(base, INIT_RECORD) ?? '{}') as { files?: unknown };
    const files = typeof parsed.files === 'object' && parsed.files !== null ? parsed.files : {};
    return new Map(
      Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    // A broken record only means init cannot tell its own older files apart: it treats them as the user's.
    return new Map();
  }
}

/** A file's text, or undefined when it does not exist; the path must stay inside the repository. */
function readOptional(base: string, rel: string): string | undefined {
  const file = resolveInside(base, rel, 'path');
  try {
    return readFileSync(file.abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new TechspecError('IO', `Cannot read ${rel} (${code ?? String(error)}), expected a readable file`);
  }
}

/** Through confine's writeInside: folders made inside the root, never through a link, replaced atomically. */
function write(base: string, rel: string, text: string): void {
  writeInside(base, rel, text, { argument: 'path', makeDirs: true });
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so that two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
