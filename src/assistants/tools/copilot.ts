// GitHub Copilot: `.github/copilot-instructions.md`, `.github/instructions/*.instructions.md` (applyTo), prompts and
// skills, all at the repository root; MCP servers in `.vscode/mcp.json`.
import { DOC, file, stdioEntry, under, type Assistant } from '../assistant.js';

export const copilot: Assistant = {
  id: 'copilot',
  label: 'GitHub Copilot (VS Code)',
  folders: ['github'],
  locations: [
    { pattern: file(String.raw`\.github/copilot-instructions\.md`), rootOnly: true },
    {
      pattern: under(String.raw`\.github/instructions`, String.raw`[^/]+\.instructions\.md`),
      activation: 'manual',
      rootOnly: true,
      keys: ['applyTo'],
    },
    {
      pattern: under(String.raw`\.github/prompts`, String.raw`[^/]+\.prompt\.md`),
      category: 'workflow',
      rootOnly: true,
    },
    { pattern: under(String.raw`(?<skills>\.github/skills)`, DOC), category: 'skill', rootOnly: true },
  ],
  init: (context) => ({
    commands: [{ path: `.github/prompts/${context.name}.prompt.md`, format: 'copilot-prompt' }],
    mcp: { path: '.vscode/mcp.json', container: 'servers', entry: { type: 'stdio', ...stdioEntry(context) } },
  }),
};
