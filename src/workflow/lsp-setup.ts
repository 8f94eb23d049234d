// What `techspec init --lsp` adds so that an assistant's own edit loop gets techspec's diagnostics: a Claude Code
// plugin (the language server for Markdown, the MCP server and the command) with a project marketplace that lists it,
// and OpenCode's `lsp` entry. Formats: docs/editors.md ("Assistants"), with the pages they were read from.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { OPENCODE_CONFIG_FILES } from '../assistants/tools/opencode.js';
import type { McpTarget } from './agents.js';
import { COMMAND_NAME } from './command-text.js';

/** The plugin's folder, inside the repository's .claude folder. */
export const CLAUDE_PLUGIN_DIR = '.claude/plugins/techspec';
/** The project marketplace Claude Code reads with `/plugin marketplace add ./`. */
export const CLAUDE_MARKETPLACE = '.claude-plugin/marketplace.json';
export const CLAUDE_MARKETPLACE_NAME = 'techspec-project';

const LSP_ARGS = ['techspec', 'lsp', '--stdio'];

export interface PluginFile {
  path: string;
  what: string;
  /** The file's whole text; undefined for the command, which init renders in Claude's command format. */
  text?: string;
}

/** The plugin's files: its manifest (lspServers + mcpServers), its command, and the marketplace listing it. */
export function claudePluginFiles(version: string): PluginFile[] {
  const manifest = {
    name: 'techspec',
    version,
    description:
      "techspec's findings in Markdown specs after each edit, its MCP tools and the /create-techspec command",
    lspServers: {
      techspec: { command: 'npx', args: LSP_ARGS, extensionToLanguage: { '.md': 'markdown' } },
    },
    mcpServers: { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
  };
  const marketplace = {
    name: CLAUDE_MARKETPLACE_NAME,
    owner: { name: 'techspec init' },
    plugins: [
      {
        name: 'techspec',
        source: `./${CLAUDE_PLUGIN_DIR}`,
        description: manifest.description,
      },
    ],
  };
  return [
    {
      path: `${CLAUDE_PLUGIN_DIR}/.claude-plugin/plugin.json`,
      what: 'Claude Code plugin: techspec language server for Markdown, MCP server',
      text: `${JSON.stringify(manifest, null, 2)}\n`,
    },
    {
      path: `${CLAUDE_PLUGIN_DIR}/commands/${COMMAND_NAME}.md`,
      what: `Claude Code plugin command /${COMMAND_NAME}`,
    },
    {
      path: CLAUDE_MARKETPLACE,
      what: 'Claude Code project marketplace listing the techspec plugin',
      text: `${JSON.stringify(marketplace, null, 2)}\n`,
    },
  ];
}

export const CLAUDE_PLUGIN_NOTE =
  `Claude Code: run /plugin marketplace add ./ then /plugin install techspec@${CLAUDE_MARKETPLACE_NAME} ` +
  '(once per machine) to load the language server, so that each edit of a spec brings its findings back to the model';

/** OpenCode's config file of the repository (the one that exists, else opencode.json) and its `lsp` entry. */
export function openCodeLspTarget(root: string): McpTarget {
  const file = OPENCODE_CONFIG_FILES.find((name) => existsSync(path.join(root, name)));
  return {
    path: file ?? 'opencode.json',
    container: 'lsp',
    entry: { command: ['npx', ...LSP_ARGS], extensions: ['.md'] },
  };
}
