// Codex CLI (https://developers.openai.com/codex/guides/agents-md, /codex/mcp; checked 2026-12-07): AGENTS.md and
// AGENTS.override.md at the root and in nested folders (the AGENTS.md entry covers AGENTS.md), skills in
// `.agents/skills`; custom prompts live only in ~/.codex/prompts (no project command); MCP servers as
// `[mcp_servers.<name>]` tables of `.codex/config.toml`, read for trusted projects. An optional server still starting
// after `mcp_optional_startup_grace_ms` (default 1000) is left out of the turn (docs/clients.md, measured on 0.171.0):
// `codex exec` starts at once, so the note says how to wait for techspec.
import { file, stdioEntry, type Assistant } from '../assistant.js';

export const codex: Assistant = {
  id: 'codex',
  label: 'Codex CLI',
  folders: ['codex'],
  locations: [{ pattern: file(String.raw`AGENTS\.override\.md`) }],
  init: (context) => ({
    commands: [],
    mcp: { path: '.codex/config.toml', container: 'mcp_servers', entry: stdioEntry(context), syntax: 'toml' },
    mcpNote:
      'Codex CLI reads custom prompts only from ~/.codex/prompts (no project folder): run the techspec MCP prompt create-techspec, or copy the command text there; it reads .codex/config.toml only once the project is trusted; for codex exec set mcp_optional_startup_grace_ms = 0 in ~/.codex/config.toml, else it starts the turn without a server that takes more than a second to start',
  }),
};
