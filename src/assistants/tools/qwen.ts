// Qwen Code (https://qwenlm.github.io/qwen-code-docs/en/users/features/mcp/, /1.x/en/users/custom-commands/; checked
// 2026-12-07): QWEN.md context files at the root and in nested folders, Markdown commands in `.qwen/commands/` (a
// sub-folder is a `:` namespace; `description` and `argument-hint` front matter, `$ARGUMENTS`), MCP servers under
// `mcpServers` of the project's `.qwen/settings.json` (JSON with comments).
import { MD, file, stdioEntry, under, type Assistant } from '../assistant.js';

export const qwen: Assistant = {
  id: 'qwen',
  label: 'Qwen Code',
  folders: ['qwen'],
  markers: ['QWEN.md'],
  locations: [
    { pattern: file(String.raw`QWEN\.md`) },
    { pattern: under(String.raw`\.qwen/commands`, String.raw`[^/]+\.(?:md|toml)`), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.qwen/skills)`, MD), category: 'skill' },
  ],
  init: (context) => ({
    commands: [{ path: `.qwen/commands/${context.name}.md`, format: 'markdown-arguments' }],
    mcp: { path: '.qwen/settings.json', container: 'mcpServers', entry: stdioEntry(context) },
  }),
};
