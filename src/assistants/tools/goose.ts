// goose (https://block.github.io/goose/docs/guides/using-goosehints; checked 2026-12-07): `.goosehints` files apply to
// their folder and below (local hints; global ones in ~/.config/goose), other names through CONTEXT_FILE_NAMES;
// extensions (MCP servers) live only in the user's ~/.config/goose/config.yaml.
import { file, stdioEntry, type Assistant } from '../assistant.js';

export const goose: Assistant = {
  id: 'goose',
  label: 'goose',
  folders: ['goose'],
  markers: ['.goosehints'],
  locations: [{ pattern: file(String.raw`\.goosehints(?:\.local)?`) }],
  init(context) {
    const { command, args } = stdioEntry(context);
    return {
      commands: [],
      mcpNote: `goose reads extensions only from ~/.config/goose/config.yaml: run \`goose configure\` and add a command-line extension running ${[command, ...args].join(' ')}`,
    };
  },
};
