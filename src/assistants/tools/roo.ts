// Roo Code: `.roo/rules`, `.roo/rules-<mode>`, `.roorules[-<mode>]` and `.roo/commands`.
import { MODE, file, under, type Assistant } from '../assistant.js';

export const roo: Assistant = {
  id: 'roo',
  label: 'Roo Code',
  folders: ['roo'],
  locations: [
    { pattern: under(String.raw`\.roo/rules`) },
    { pattern: under(String.raw`\.roo/rules-${MODE}`) },
    { pattern: file(String.raw`\.roorules(?:-${MODE})?`) },
    { pattern: under(String.raw`\.roo/commands`), category: 'workflow' },
  ],
  legacy: [{ pattern: file(String.raw`\.roorules`), to: '.roo/rules/roorules.md', read: true }],
};
