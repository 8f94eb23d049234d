// Amazon Q Developer (https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/context-project-rules.html, /mcp-ide.html;
// checked 2026-12-07): Markdown project rules in `.amazonq/rules/` at the project root, used as context for every chat;
// workspace MCP servers under `mcpServers` of `.amazonq/mcp.json` (read while `useLegacyMcpJson` is on, the default;
// the GUI writes `.amazonq/default.json`).
import { MD, stdioEntry, under, type Assistant } from '../assistant.js';

export const amazonq: Assistant = {
  id: 'amazonq',
  label: 'Amazon Q Developer',
  folders: ['amazonq'],
  locations: [{ pattern: under(String.raw`\.amazonq/rules`, MD), rootOnly: true }],
  init: (context) => ({
    commands: [],
    mcp: { path: '.amazonq/mcp.json', container: 'mcpServers', entry: stdioEntry(context) },
  }),
};
