// Amp (https://ampcode.com/manual; checked 2026-12-07): AGENTS.md at the root and in the folders of the files it
// touches (the AGENTS.md entry covers it; the early AGENT.md name is legacy), MCP servers under the flat key
// `amp.mcpServers` of the workspace's `.amp/settings.json` (each person approves a workspace server once).
import { file, stdioEntry, type Assistant } from '../assistant.js';

export const amp: Assistant = {
  id: 'amp',
  label: 'Amp',
  folders: ['amp'],
  locations: [{ pattern: file(String.raw`AGENT\.md`) }],
  legacy: [{ pattern: file(String.raw`AGENT\.md`), to: 'AGENTS.md', read: true }],
  init: (context) => ({
    commands: [],
    mcp: { path: '.amp/settings.json', container: 'amp.mcpServers', entry: stdioEntry(context) },
    mcpNote:
      'Amp asks each person to approve a workspace MCP server once: run `amp mcp approve techspec`; it has no project command folder, so use the techspec MCP prompt create-techspec',
  }),
};
