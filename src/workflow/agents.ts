// The assistants `techspec init` sets up: where each keeps its project commands and its MCP servers, and how to tell
// from a repository's folders which ones it uses.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { KILO_CONFIG_FILES } from '../project/kilo-config.js';
import { COMMAND_NAME, type CommandFormat } from './command-text.js';
import { commandLine, stdioEntry, type Invocation } from './invocation.js';

export const AGENT_NAMES = ['kilo', 'claude', 'cursor', 'copilot', 'windsurf', 'cline', 'gemini'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export const AGENT_LABELS: Record<AgentName, string> = {
  kilo: 'Kilo Code',
  claude: 'Claude Code',
  cursor: 'Cursor',
  copilot: 'GitHub Copilot (VS Code)',
  windsurf: 'Windsurf',
  cline: 'Cline',
  gemini: 'Gemini CLI',
};

/** Files and folders whose presence says a repository uses the assistant. */
const MARKERS: Record<AgentName, readonly string[]> = {
  kilo: ['.kilocode', '.kilo', ...KILO_CONFIG_FILES],
  claude: ['.claude', 'CLAUDE.md'],
  cursor: ['.cursor'],
  copilot: ['.github'],
  windsurf: ['.windsurf'],
  cline: ['.clinerules'],
  gemini: ['.gemini', 'GEMINI.md'],
};

export interface CommandTarget {
  path: string;
  format: CommandFormat;
}

/** Where an MCP server entry goes: a JSON/JSONC file, the object holding servers, and the entry. */
export interface McpTarget {
  path: string;
  container: string;
  entry: Record<string, unknown>;
}

export interface AgentPlan {
  agent: AgentName;
  commands: CommandTarget[];
  /** Undefined when the assistant reads MCP servers from no project file; `mcpNote` says where instead. */
  mcp?: McpTarget;
  mcpNote?: string;
}

/** The assistants whose marker files or folders exist under `root`, in AGENT_NAMES order. */
export function detectAgents(root: string): AgentName[] {
  return AGENT_NAMES.filter((agent) => MARKERS[agent].some((marker) => existsSync(path.join(root, marker))));
}

/**
 * What init writes for `agent` in the repository at `root` (which Kilo layout and config file it uses); MCP entries
 * run techspec as `invocation` says (`npx techspec` for a local dependency, else the installed binary).
 */
export function agentPlan(root: string, agent: AgentName, invocation: Invocation): AgentPlan {
  const file = `${COMMAND_NAME}.md`;
  const stdio = stdioEntry(invocation, 'mcp');
  const spelled = commandLine(invocation, 'mcp');
  switch (agent) {
    case 'kilo': {
      const commands: CommandTarget[] = [{ path: `.kilo/commands/${file}`, format: 'kilo-command' }];
      // Projects on the legacy `.kilocode/` layout run workflows from there.
      if (existsSync(path.join(root, '.kilocode'))) {
        commands.push({ path: `.kilocode/workflows/${file}`, format: 'markdown-plain' });
      }
      const config = KILO_CONFIG_FILES.find((name) => existsSync(path.join(root, name))) ?? 'kilo.jsonc';
      const entry = { type: 'local', command: [...invocation.argv, 'mcp'] };
      return { agent, commands, mcp: { path: config, container: 'mcp', entry } };
    }
    case 'claude':
      return {
        agent,
        commands: [{ path: `.claude/commands/${file}`, format: 'markdown-arguments' }],
        mcp: { path: '.mcp.json', container: 'mcpServers', entry: stdio },
      };
    case 'cursor':
      return {
        agent,
        commands: [{ path: `.cursor/commands/${file}`, format: 'markdown-plain' }],
        mcp: { path: '.cursor/mcp.json', container: 'mcpServers', entry: stdio },
      };
    case 'copilot':
      return {
        agent,
        commands: [{ path: `.github/prompts/${COMMAND_NAME}.prompt.md`, format: 'copilot-prompt' }],
        mcp: { path: '.vscode/mcp.json', container: 'servers', entry: { type: 'stdio', ...stdio } },
      };
    case 'windsurf':
      return {
        agent,
        commands: [{ path: `.windsurf/workflows/${file}`, format: 'markdown-described' }],
        mcpNote: `Windsurf reads MCP servers only from ~/.codeium/windsurf/mcp_config.json (no project file): add "techspec": ${JSON.stringify(stdio)} under mcpServers there`,
      };
    case 'cline':
      return {
        agent,
        commands: [{ path: `.clinerules/workflows/${file}`, format: 'markdown-plain' }],
        mcpNote: `Cline reads MCP servers only from its own cline_mcp_settings.json (no project file): add the techspec server (${spelled}) in Cline's MCP settings`,
      };
    case 'gemini':
      return {
        agent,
        commands: [{ path: `.gemini/commands/${COMMAND_NAME}.toml`, format: 'gemini-toml' }],
        // Gemini CLI makes MCP prompts slash commands too: the server's create-techspec prompt would rename ours.
        mcp: {
          path: '.gemini/settings.json',
          container: 'mcpServers',
          entry: stdioEntry(invocation, 'mcp', '--no-prompts'),
        },
      };
  }
}

/** Parses `--agents kilo,claude`; throws an Error naming the unknown ones. */
export function parseAgents(value: string): AgentName[] {
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(AGENT_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `Unknown assistant ${unknown.map((name) => JSON.stringify(name)).join(', ') || '(none given)'}, expected a comma-separated list of: ${AGENT_NAMES.join(', ')}`,
    );
  }
  return AGENT_NAMES.filter((agent) => names.includes(agent));
}
