// Invariant: rule sources kept in .techspec/cache/rules.json are the ones a fresh scan finds (bodies included, read
// back on use), are reused while a rule file's stamp is unchanged, and are read again when a rule file changes in
// place, even at the same size.
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverRuleSources } from '../src/assistants/rules/discover.js';
import { createRuleSourceMemo, rulesCacheFile } from '../src/assistants/rules/memo.js';

const RULES: Record<string, string> = {
  '.cursor/rules/api.mdc':
    '---\ndescription: HTTP APIs\nglobs: src/api/**\n---\n# API routes\n\nUse R-HTTP-001.\n',
  '.claude/rules/api.md': '# API\n\nUse R-HTTP-001.\n',
  '.claude/rules/db.md': '# Databases\n',
  '.windsurf/rules/db.md': '# Databases\n',
  '.github/copilot-instructions.md': '# Everything\n\nScope: all code\n',
  'AGENTS.md': '# Agents\n',
};

/** A repository whose rule files were written a minute ago (as if still since then). */
function repo(): { root: string; files: string[] } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'techspec-rules-memo-'));
  const past = new Date(Date.now() - 60_000);
  for (const [file, text] of Object.entries(RULES)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    utimesSync(path.join(root, file), past, past);
  }
  return { root, files: Object.keys(RULES).sort() };
}

const scan = (root: string, files: string[]) =>
  discoverRuleSources(root, files, { memo: createRuleSourceMemo(root, rulesCacheFile(root)) });

/** Plain data, getters read: what a caller sees. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('rule sources kept between runs', () => {
  it('gives what a fresh scan gives, bodies included, and reuses the kept records', () => {
    const { root, files } = repo();
    const fresh = discoverRuleSources(root, files);
    expect(plain(scan(root, files))).toEqual(plain(fresh));
    const cacheFile = rulesCacheFile(root);
    const kept = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      entries: Record<string, { source: { description?: string; body?: string } }>;
    };
    expect(Object.keys(kept.entries).sort()).toEqual(files);
    // Bodies are not kept: they are read from the file when asked for.
    expect(Object.values(kept.entries).every((entry) => entry.source.body === undefined)).toBe(true);
    expect(plain(scan(root, files))).toEqual(plain(fresh));

    const api = kept.entries['.cursor/rules/api.mdc'];
    if (api) api.source.description = 'FROM CACHE';
    writeFileSync(cacheFile, JSON.stringify(kept));
    const reused = scan(root, files).sources.find((source) => source.path === '.cursor/rules/api.mdc');
    expect(reused?.description).toBe('FROM CACHE');
    expect(reused?.body).toBe('# API routes\n\nUse R-HTTP-001.\n');
  });

  it('reads a rule file again when it changes in place at the same size', () => {
    const { root, files } = repo();
    scan(root, files);
    const file = path.join(root, '.cursor/rules/api.mdc');
    const edited = RULES['.cursor/rules/api.mdc']?.replace('src/api/**', 'lib/api/**') ?? '';
    writeFileSync(file, edited);
    const later = new Date(Date.now() - 30_000);
    utimesSync(file, later, later);
    const after = scan(root, files).sources.find((source) => source.path === '.cursor/rules/api.mdc');
    expect(after?.globs).toEqual(['lib/api/**']);
    expect(plain(scan(root, files))).toEqual(plain(discoverRuleSources(root, files)));
  });

  it('starts empty from a corrupt or foreign cache file', () => {
    const { root, files } = repo();
    mkdirSync(path.dirname(rulesCacheFile(root)), { recursive: true });
    writeFileSync(rulesCacheFile(root), '{"format":1,"version":"0.0.0-other","entries":{"AGENTS.md":{}}}');
    expect(plain(scan(root, files))).toEqual(plain(discoverRuleSources(root, files)));
    writeFileSync(rulesCacheFile(root), '{not json');
    expect(plain(scan(root, files))).toEqual(plain(discoverRuleSources(root, files)));
  });
});
