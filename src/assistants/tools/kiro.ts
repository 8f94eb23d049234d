// Kiro (https://kiro.dev/docs/steering/, /docs/specs/, /docs/mcp/configuration; checked 2026-12-07): steering files in
// `.kiro/steering/*.md` whose `inclusion` front matter is always (the default), fileMatch (with `fileMatchPattern`),
// manual (`#name` in chat) or auto (by `description`); its own specs in `.kiro/specs/<feature>/` (requirements.md,
// design.md, tasks.md), read while that spec is worked on; MCP servers under `mcpServers` of `.kiro/settings/mcp.json`.
import { MD, stdioEntry, under, type Assistant } from '../assistant.js';

export const kiro: Assistant = {
  id: 'kiro',
  label: 'Kiro',
  folders: ['kiro'],
  locations: [
    { pattern: under(String.raw`\.kiro/steering`, MD), keys: ['inclusion', 'fileMatchPattern'] },
    { pattern: under(String.raw`\.kiro/specs`, MD), category: 'context', activation: 'manual' },
    { pattern: under(String.raw`(?<skills>\.kiro/skills)`, MD), category: 'skill' },
  ],
  init: (context) => ({
    commands: [],
    mcp: { path: '.kiro/settings/mcp.json', container: 'mcpServers', entry: stdioEntry(context) },
    mcpNote:
      'Kiro has no project command file: ask for the techspec MCP prompt create-techspec, or keep the text as a manual steering file (`inclusion: manual`) and call it with #create-techspec',
  }),
};
