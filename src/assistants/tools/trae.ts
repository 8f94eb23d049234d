// Trae (https://docs.trae.ai/ide/rules-for-ai, read through its mirror https://www.w3cschool.cn/traedocs/rules-for-ai.html;
// checked 2026-12-07): project rules in
// `.trae/rules/*.md` with `description`, `alwaysApply` and `globs` front matter (always, by file, by description,
// or manual), the older single `.trae/rules/project_rules.md`; MCP servers are added in the IDE.
import { MD, stdioEntry, under, type Assistant } from '../assistant.js';

export const trae: Assistant = {
  id: 'trae',
  label: 'Trae',
  folders: ['trae'],
  locations: [
    {
      pattern: under(String.raw`\.trae/rules`, MD),
      activation: 'manual',
      rootOnly: true,
      keys: ['alwaysApply', 'globs'],
    },
  ],
  init(context) {
    const { command, args } = stdioEntry(context);
    return {
      commands: [],
      mcpNote: `Trae adds MCP servers in the IDE's MCP settings (no project file init can confirm): add the techspec server (command ${command}, args ${args.join(' ')})`,
    };
  },
};
