// Augment Code and the Auggie CLI (https://docs.augmentcode.com/cli/rules, /using-augment/custom-commands; checked
// 2026-12-07): `.augment/rules/**/*.md` whose `type` front matter says always_apply, agent_requested or manual (manual
// when unset), the legacy `.augment-guidelines` and `.augment/guidelines.md`, CLAUDE.md and AGENTS.md (their own
// entries), Markdown commands in `.augment/commands/`. Its MCP servers live in the user's settings, not the project.
import { MD, file, stdioEntry, under, type Assistant } from '../assistant.js';

export const augment: Assistant = {
  id: 'augment',
  label: 'Augment (Auggie)',
  folders: ['augment'],
  markers: ['.augment-guidelines'],
  locations: [
    { pattern: file(String.raw`\.augment-guidelines|\.augment/guidelines\.md`) },
    {
      pattern: under(String.raw`\.augment/rules`, String.raw`[^/]+\.mdx?`),
      activation: 'manual',
      keys: ['type'],
    },
    { pattern: under(String.raw`\.augment/commands`, MD), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.augment/skills)`, MD), category: 'skill' },
  ],
  legacy: [
    { pattern: file(String.raw`\.augment-guidelines`), to: '.augment/rules/guidelines.md', read: true },
    { pattern: file(String.raw`\.augment/guidelines\.md`), to: '.augment/rules/guidelines.md', read: true },
  ],
  init(context) {
    const { command, args } = stdioEntry(context);
    return {
      commands: [{ path: `.augment/commands/${context.name}.md`, format: 'markdown-described' }],
      mcpNote: `Augment reads MCP servers from its own settings (no project file): add the techspec server (command ${command}, args ${args.join(' ')}) with \`auggie mcp add\` or in the extension's settings`,
    };
  },
};
