// Continue: `.continue/rules` and `.continue/prompts`.
import { under, type Assistant } from '../assistant.js';

export const continueDev: Assistant = {
  id: 'continue',
  label: 'Continue',
  folders: ['continue'],
  locations: [
    { pattern: under(String.raw`\.continue/rules`), keys: ['globs', 'alwaysApply'] },
    { pattern: under(String.raw`\.continue/prompts`), category: 'workflow' },
  ],
};
