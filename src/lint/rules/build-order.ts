// PLACEHOLDER: not implemented yet; replace this whole file.
import { z } from 'zod';
import { defineRule } from '../rule.js';

export const buildOrder = defineRule({
  id: 'build-order',
  description: 'Checks nothing yet (placeholder).',
  severity: 'warning',
  fixable: false,
  messages: { placeholder: 'Unexpected placeholder, expected an implementation' },
  options: z.object({}),
  check() {
    // Placeholder.
  },
});
