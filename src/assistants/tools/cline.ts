// Cline (https://docs.cline.bot/customization/cline-rules, checked 2026-12-07): `.clinerules` (a file or a folder),
// `.cline/rules/` (the second workspace layout the page names), `.clinerules/workflows`; MCP servers only in its own
// settings.
import { file, stdioEntry, under, type Assistant } from '../assistant.js';
import { pathsRuleWhy } from './shared.js';

export const cline: Assistant = {
  id: 'cline',
  label: 'Cline',
  folders: ['clinerules', 'cline'],
  locations: [
    { pattern: file(String.raw`\.clinerules`) },
    { pattern: under(String.raw`\.clinerules/workflows`), category: 'workflow' },
    { pattern: under(String.raw`\.clinerules`), keys: ['paths'] },
    { pattern: under(String.raw`\.cline/rules`), keys: ['paths'] },
  ],
  alwaysWhy: pathsRuleWhy,
  init(context) {
    const { command, args } = stdioEntry(context);
    return {
      commands: [{ path: `.clinerules/workflows/${context.name}.md`, format: 'markdown-plain' }],
      mcpNote: `Cline reads MCP servers only from its own cline_mcp_settings.json (no project file): add the techspec server (command ${command}, args ${args.join(' ')}) in Cline's MCP settings`,
    };
  },
};
