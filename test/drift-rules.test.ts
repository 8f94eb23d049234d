// Invariant: every drift finding speaks in the linter's voice and is documented in docs/check.md under a heading
// whose anchor is the finding's docs URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRIFT_RULES, driftDocsUrl } from '../src/drift/rules.js';

const DOCS = readFileSync(path.resolve(import.meta.dirname, '../docs/check.md'), 'utf8');

describe('drift findings', () => {
  it.each(DRIFT_RULES.map((rule) => [rule.id, rule] as const))(
    '%s says what was found and what was expected',
    (_, rule) => {
      expect(rule.message).toMatch(/^[A-Z]/);
      expect(rule.message).toMatch(/\bexpected\b/);
      expect(rule.message).not.toMatch(/\.$/);
      expect(rule.description).toMatch(/^[A-Z][a-z]+s\b/);
    },
  );

  it('are documented, in registry order, each under its own heading', () => {
    const headings = [...DOCS.matchAll(/^### (drift\/[a-z-]+)$/gm)].map((m) => m[1]);
    expect(headings).toStrictEqual(DRIFT_RULES.map((rule) => rule.id));
    expect(driftDocsUrl('drift/file-deleted')).toBe(
      'https://github.com/techspec-dev/techspec/blob/main/docs/check.md#driftfile-deleted',
    );
  });
});
