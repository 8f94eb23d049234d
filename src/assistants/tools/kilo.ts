// Kilo Code: `.kilo/` (current) and `.kilocode/` (legacy) rules, modes, workflows/commands and skills; `kilo.jsonc`.
import { DOC, MODE, file, stdioEntry, under, type Assistant, type CommandTarget } from '../assistant.js';
import { KILO_CONFIG_FILES } from '../kilo-config.js';
import { pathsRuleWhy } from './shared.js';

export const kilo: Assistant = {
  id: 'kilo',
  label: 'Kilo Code',
  folders: ['kilocode', 'kilo'],
  markers: KILO_CONFIG_FILES,
  locations: [
    { pattern: under(String.raw`\.(?:kilocode|kilo)/rules`) },
    { pattern: under(String.raw`\.(?:kilocode|kilo)/rules-${MODE}`) },
    { pattern: file(String.raw`\.kilocoderules(?:-${MODE})?`) },
    { pattern: under(String.raw`\.(?:kilocode|kilo)/(?:workflows|commands?|agents?)`), category: 'workflow' },
    { pattern: under(String.raw`(?<skills>\.(?:kilocode|kilo)/skills)`, DOC), category: 'skill' },
  ],
  // Kilo Code 7.7.7 still loads all three (checked with `kilo debug config`); its docs and init use `.kilo/`.
  legacy: [
    { pattern: file(String.raw`\.kilocoderules`), to: '.kilo/rules/kilocoderules.md', read: true },
    { pattern: /^\.kilocode\/rules\/(.+)$/, to: '.kilo/rules/$1', read: true },
    { pattern: /^\.kilocode\/workflows\/(.+)$/, to: '.kilo/commands/$1', read: true },
  ],
  alwaysWhy: pathsRuleWhy,
  // Only the current layout: on a `.kilocode/` project too (Kilo Code 7.7.7 runs `.kilo/commands/` there; a test of
  // test:clients shows it), so init never adds a file that `rules --check` and `doctor` then call legacy.
  init(context) {
    const commands: CommandTarget[] = [{ path: `.kilo/commands/${context.name}.md`, format: 'kilo-command' }];
    const config = KILO_CONFIG_FILES.find((name) => context.exists(name)) ?? 'kilo.jsonc';
    const { command, args } = stdioEntry(context);
    const entry = { type: 'local', command: [command, ...args] };
    return { commands, mcp: { path: config, container: 'mcp', entry } };
  },
};
