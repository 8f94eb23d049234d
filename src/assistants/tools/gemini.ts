// Gemini CLI: GEMINI.md at any depth; TOML commands and MCP servers under `.gemini/`.
import { file, type Assistant } from '../assistant.js';

export const gemini: Assistant = {
  id: 'gemini',
  label: 'Gemini CLI',
  folders: ['gemini'],
  markers: ['GEMINI.md'],
  locations: [{ pattern: file(String.raw`GEMINI\.md`) }],
  init(context) {
    const [command = 'npx', ...args] = context.command;
    return {
      commands: [{ path: `.gemini/commands/${context.name}.toml`, format: 'gemini-toml' }],
      // Gemini CLI makes MCP prompts slash commands too: the server's create-techspec prompt would rename ours.
      mcp: {
        path: '.gemini/settings.json',
        container: 'mcpServers',
        entry: { command, args: [...args, 'mcp', '--no-prompts'] },
      },
    };
  },
};
