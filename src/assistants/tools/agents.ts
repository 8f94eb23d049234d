// AGENTS.md (read by Codex, OpenCode, Amp, Jules and others, at any depth) and the tool-neutral `.agents/` folder.
import { DOC, MD, file, under, type Assistant } from '../assistant.js';

export const agents: Assistant = {
  id: 'agents',
  label: 'AGENTS.md',
  folders: ['agents', 'agent'],
  locations: [
    { pattern: file(String.raw`AGENTS\.md`) },
    { pattern: under(String.raw`\.agents?/rules`) },
    { pattern: under(String.raw`\.agents?/workflows`), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.agents/skills)`, DOC), category: 'skill' },
    // No assistant loads `docs/rules` by itself (people point to it), and lint projects keep rule docs there: manual.
    { pattern: under('docs/rules', MD), activation: 'manual', rootOnly: true },
  ],
};
