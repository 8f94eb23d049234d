// Windsurf: `.windsurf/rules` (trigger), `.windsurfrules`, workflows; MCP servers only in the user's config.
import { file, under, type Assistant } from '../assistant.js';

export const windsurf: Assistant = {
  id: 'windsurf',
  label: 'Windsurf',
  folders: ['windsurf'],
  locations: [
    { pattern: file(String.raw`\.windsurfrules`) },
    { pattern: under(String.raw`\.windsurf/rules`), keys: ['trigger', 'globs'] },
    { pattern: under(String.raw`\.windsurf/workflows`), category: 'workflow' },
  ],
  legacy: [
    { pattern: file(String.raw`\.windsurfrules`), to: '.windsurf/rules/windsurfrules.md', read: true },
  ],
  alwaysWhy: () => 'trigger: always_on',
  init(context) {
    const [command = 'npx', ...args] = context.command;
    const entry = JSON.stringify({ command, args: [...args, 'mcp'] });
    return {
      commands: [{ path: `.windsurf/workflows/${context.name}.md`, format: 'markdown-described' }],
      mcpNote: `Windsurf reads MCP servers only from ~/.codeium/windsurf/mcp_config.json (no project file): add "techspec": ${entry.replace(/,/g, ', ').replace(/:/g, ': ')} under mcpServers there`,
    };
  },
};
