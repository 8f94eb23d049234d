// Invariant: every drift finding speaks in the linter's voice and is documented in docs/check.md under a heading
// whose anchor is the finding's docs URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE_IDS, DETECTORS } from '../src/drift/detectors.js';
import { COUNT_OF, DRIFT_RULES, driftDocsUrl } from '../src/drift/rules.js';

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

  it('each have exactly one reporter: the baseline step or one detector of the registry', () => {
    const reporters = new Map<string, string[]>();
    for (const id of BASELINE_IDS) reporters.set(id, ['baseline']);
    for (const detector of DETECTORS) {
      for (const id of detector.ids) reporters.set(id, [...(reporters.get(id) ?? []), detector.name]);
    }
    for (const rule of DRIFT_RULES) expect(reporters.get(rule.id), rule.id).toHaveLength(1);
    expect([...reporters.keys()].sort()).toStrictEqual(DRIFT_RULES.map((rule) => rule.id).sort());
  });

  it('that are counted have one key each in the summary, and the docs show every key', () => {
    const keys = [...COUNT_OF.values()];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('endpointUnlisted');
    const example = /"counts": \{([^}]*)\}/.exec(DOCS)?.[1] ?? '';
    for (const key of ['findings', ...keys, 'done']) expect(example, key).toContain(`"${key}":`);
  });
});
