// JetBrains Junie (https://www.jetbrains.com/help/junie/customize-guidelines.html, /project-settings.html; checked
// 2026-12-07): `.junie/guidelines.md` at the project root by default (AGENTS.md or another path when set in the IDE's
// Junie project settings, which monorepos should do); MCP servers are added in the IDE's settings.
import { file, stdioEntry, type Assistant } from '../assistant.js';

export const junie: Assistant = {
  id: 'junie',
  label: 'JetBrains Junie',
  folders: ['junie'],
  locations: [{ pattern: file(String.raw`\.junie/(?:guidelines|AGENTS)\.md`), rootOnly: true }],
  init(context) {
    const { command, args } = stdioEntry(context);
    return {
      commands: [],
      mcpNote: `Junie reads guidelines from .junie/guidelines.md and MCP servers from the IDE (Settings | Tools | Junie | MCP Settings): add the techspec server there (command ${command}, args ${args.join(' ')})`,
    };
  },
};
