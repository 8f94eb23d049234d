// Zed (https://zed.dev/docs/ai/rules, /docs/ai/instructions, /docs/ai/mcp; checked 2026-12-07): one project
// instruction file at the worktree's top level, the first of `.rules`, `.cursorrules`, `.windsurfrules`, `.clinerules`,
// `.github/copilot-instructions.md`, AGENT.md, AGENTS.md, CLAUDE.md, GEMINI.md (the others are their own tools'
// entries); custom MCP servers under `context_servers` of settings, the project's being `.zed/settings.json`.
import { file, stdioEntry, type Assistant } from '../assistant.js';

export const zed: Assistant = {
  id: 'zed',
  label: 'Zed',
  folders: ['zed'],
  locations: [{ pattern: file(String.raw`\.rules`), rootOnly: true }],
  init: (context) => ({
    commands: [],
    mcp: { path: '.zed/settings.json', container: 'context_servers', entry: stdioEntry(context) },
  }),
};
