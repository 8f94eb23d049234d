// Invariant: registry, rule files, docs pages, fixtures and the README table all name the same rules.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/lint/rules/index.js';
import { rulesTable } from '../src/lint/rules-table.js';

const root = path.resolve(import.meta.dirname, '..');
const ids = RULES.map((rule) => rule.id);
const DOC_HEADINGS = ['## Rule details', '## Options', '## Examples', '## When not to use it'];

describe('rule parity', () => {
  it('has unique kebab-case ids equal to the rule file names', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const files = readdirSync(path.join(root, 'src/lint/rules'))
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual([...ids].sort());
  });

  it('has one docs page per rule, with the fixed headings and the rule description', () => {
    const pages = readdirSync(path.join(root, 'docs/rules')).map((name) => name.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual([...ids].sort());
    for (const rule of RULES) {
      const text = readFileSync(path.join(root, 'docs/rules', `${rule.id}.md`), 'utf8');
      expect(text.split('\n')[0], rule.id).toBe(`# ${rule.id}`);
      expect(text, rule.id).toContain(rule.description);
      for (const heading of DOC_HEADINGS) expect(text, `${rule.id}: ${heading}`).toContain(`\n${heading}\n`);
    }
  });

  it('has a fixtures folder for each rule and none for unknown rules', () => {
    const folders = readdirSync(path.join(root, 'test/fixtures/rules')).sort();
    expect(folders).toEqual([...ids].sort());
  });

  it('lists every rule in the README table, as generated from the registry', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme)?.[1];
    expect(table, 'run `npm run build && node scripts/update-readme.mjs`').toBe(rulesTable(RULES));
  });
});

describe('message voice', () => {
  it.each(RULES.flatMap((rule) => Object.entries(rule.messages).map(([id, text]) => [rule.id, id, text])))(
    '%s/%s says what was found and what was expected',
    (_rule, _id, text) => {
      expect(text).toMatch(/^[A-Z]/);
      expect(text).toMatch(/\bexpected\b/);
      expect(text).not.toMatch(/\.$/);
    },
  );

  it.each(RULES.map((rule) => [rule.id, rule.description]))(
    '%s description is one line starting with a verb',
    (_id, description) => {
      expect(description).toMatch(/^[A-Z][a-z]+s\b/);
      expect(description).not.toContain('\n');
      expect(description).toMatch(/\.$/);
    },
  );
});
