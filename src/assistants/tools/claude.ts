// Claude Code: CLAUDE.md (any depth), `.claude/rules`, commands and agents, skills; MCP servers in `.mcp.json`.
import { DOC, MD, file, stdioEntry, under, type Assistant } from '../assistant.js';
import { pathsRuleWhy } from './shared.js';

export const claude: Assistant = {
  id: 'claude',
  label: 'Claude Code',
  folders: ['claude'],
  markers: ['CLAUDE.md'],
  locations: [
    { pattern: file(String.raw`(?:\.claude/)?CLAUDE(?:\.local)?\.md`) },
    { pattern: under(String.raw`\.claude/rules`, MD), keys: ['paths'] },
    { pattern: under(String.raw`\.claude/(?:commands|agents)`, MD), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.claude/skills)`, DOC), category: 'skill' },
  ],
  alwaysWhy: pathsRuleWhy,
  init: (context) => ({
    commands: [{ path: `.claude/commands/${context.name}.md`, format: 'markdown-arguments' }],
    mcp: { path: '.mcp.json', container: 'mcpServers', entry: stdioEntry(context) },
  }),
};
