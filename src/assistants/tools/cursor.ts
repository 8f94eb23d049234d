// Cursor: `.cursor/rules/*.mdc` (description, globs, alwaysApply), `.cursorrules`, commands, skills; `.cursor/mcp.json`.
import { DOC, MD, file, stdioEntry, under, type Assistant } from '../assistant.js';

export const cursor: Assistant = {
  id: 'cursor',
  label: 'Cursor',
  folders: ['cursor'],
  locations: [
    { pattern: file(String.raw`\.cursorrules`) },
    {
      pattern: under(String.raw`\.cursor/rules`, String.raw`[^/]+\.mdc?`),
      activation: 'manual',
      keys: ['globs', 'alwaysApply'],
    },
    { pattern: under(String.raw`\.cursor/commands`, MD), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.cursor/skills)`, DOC), category: 'skill' },
  ],
  // Cursor still reads the single `.cursorrules` file but calls it legacy.
  legacy: [{ pattern: file(String.raw`\.cursorrules`), to: '.cursor/rules/cursorrules.mdc', read: true }],
  alwaysWhy: () => 'alwaysApply: true',
  init: (context) => ({
    commands: [{ path: `.cursor/commands/${context.name}.md`, format: 'markdown-plain' }],
    mcp: { path: '.cursor/mcp.json', container: 'mcpServers', entry: stdioEntry(context) },
  }),
};
