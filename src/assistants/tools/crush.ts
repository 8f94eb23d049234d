// Crush (https://github.com/charmbracelet/crush README, docs/config; checked 2026-12-07): context files at the project
// root, every match of CRUSH.md / crush.md / CRUSH.local.md and the other tools' names (their own entries); MCP servers
// in its own configuration (the `crushrc` commands now, `crush.json` `mcp` earlier), which init leaves to the user.
import { file, stdioEntry, type Assistant } from '../assistant.js';

export const crush: Assistant = {
  id: 'crush',
  label: 'Crush',
  folders: ['crush'],
  markers: ['CRUSH.md'],
  locations: [{ pattern: file(String.raw`(?:CRUSH|Crush|crush)(?:\.local)?\.md`), rootOnly: true }],
  init(context) {
    const { command, args } = stdioEntry(context);
    return {
      commands: [],
      mcpNote: `Crush keeps MCP servers in its own configuration: add a stdio server named techspec running ${[command, ...args].join(' ')}`,
    };
  },
};
