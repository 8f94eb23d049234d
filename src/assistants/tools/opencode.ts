// OpenCode (https://opencode.ai/docs/rules, /commands, /mcp-servers; checked 2026-12-07): AGENTS.md for rules (the
// AGENTS.md entry covers it), `opencode.json` `instructions` globs, Markdown commands in `.opencode/commands/`
// (`command/` in older releases), agents and skills under `.opencode/`; MCP servers under `mcp` in `opencode.json`.
import { DOC, MD, stdioEntry, under, type Assistant } from '../assistant.js';

export const OPENCODE_CONFIG_FILES = ['opencode.jsonc', 'opencode.json'] as const;

export const opencode: Assistant = {
  id: 'opencode',
  label: 'OpenCode',
  folders: ['opencode'],
  markers: OPENCODE_CONFIG_FILES,
  locations: [
    { pattern: under(String.raw`\.opencode/(?:commands?|agents?)`, MD), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.opencode/skills?)`, DOC), category: 'skill' },
  ],
  init(context) {
    const config = OPENCODE_CONFIG_FILES.find((name) => context.exists(name)) ?? 'opencode.json';
    const { command, args } = stdioEntry(context);
    return {
      commands: [{ path: `.opencode/commands/${context.name}.md`, format: 'kilo-command' }],
      mcp: {
        path: config,
        container: 'mcp',
        entry: { type: 'local', command: [command, ...args], enabled: true },
      },
    };
  },
};
