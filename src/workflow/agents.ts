// The assistants `techspec init` sets up, as the registry (src/assistants/) describes them: their ids and labels,
// how to tell from a repository's folders which ones it uses, and what init writes for each.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Assistant, InitPlan } from '../assistants/assistant.js';
import { INIT_ASSISTANTS, assistantById } from '../assistants/registry.js';
import { COMMAND_NAME } from './command-text.js';
import type { Invocation } from './invocation.js';

export type { CommandTarget, McpTarget } from '../assistants/assistant.js';

/** An assistant id that init knows (`kilo`, `claude`…): the registry's entries that have an `init`. */
export type AgentName = string;

export const AGENT_NAMES: readonly AgentName[] = INIT_ASSISTANTS.map((assistant) => assistant.id);

export const AGENT_LABELS: Readonly<Record<AgentName, string>> = Object.fromEntries(
  INIT_ASSISTANTS.map((assistant) => [assistant.id, assistant.label]),
);

export interface AgentPlan extends InitPlan {
  agent: AgentName;
}

/** What marks a repository set up for an assistant init knows: its dot folders and marker files, in registry order. */
export const AGENT_MARKERS: readonly string[] = [
  ...new Set(INIT_ASSISTANTS.flatMap((assistant) => markersOf(assistant))),
];

function markersOf(assistant: Assistant): string[] {
  return [...assistant.folders.map((folder) => `.${folder}`), ...(assistant.markers ?? [])];
}

/** The assistants whose folders or marker files exist under `root`, in registry order. */
export function detectAgents(root: string): AgentName[] {
  return INIT_ASSISTANTS.filter((assistant) =>
    markersOf(assistant).some((marker) => existsSync(path.join(root, marker))),
  ).map((assistant) => assistant.id);
}

/**
 * What init writes for `agent` in the repository at `root` (which layout and config file it uses); MCP entries run
 * techspec as `invocation` says (`npx techspec` for a local dependency, else the installed binary).
 */
export function agentPlan(root: string, agent: AgentName, invocation: Invocation): AgentPlan {
  const assistant = assistantById(agent);
  if (assistant?.init === undefined) throw new Error(`Unknown assistant ${JSON.stringify(agent)}`);
  const plan = assistant.init({
    root,
    command: invocation.argv,
    name: COMMAND_NAME,
    exists: (rel) => existsSync(path.join(root, rel)),
  });
  return { agent, ...plan };
}

/** Parses `--agents kilo,claude` (or `all`); throws an Error naming the unknown ones. */
export function parseAgents(value: string): AgentName[] {
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.includes('all')) return [...AGENT_NAMES];
  const unknown = names.filter((name) => !AGENT_NAMES.includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `Unknown assistant ${unknown.map((name) => JSON.stringify(name)).join(', ') || '(none given)'}, expected all or a comma-separated list of: ${AGENT_NAMES.join(', ')}`,
    );
  }
  return AGENT_NAMES.filter((agent) => names.includes(agent));
}
