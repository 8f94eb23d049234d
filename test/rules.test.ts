// Invariant: every rule reports exactly the (rule, line) pairs its fixtures state, and nothing on valid ones.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { RULES } from '../src/lint/rules/index.js';
import { FIXTURES, fixtureProject, readFixtures } from './fixture-harness.js';

const fixtures = readFixtures();

function lintFixture(
  ruleId: string,
  text: string,
  file: string,
  options: Record<string, unknown> | undefined,
) {
  const rules = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      rule.id === ruleId ? (['error', options ?? {}] as const) : ('off' as const),
    ]),
  );
  const project = fixtureProject(ruleId);
  const root = project?.root ?? path.dirname(file);
  const config = resolveConfig({ rules }, { root, file: undefined, strict: false });
  const relative = project ? path.join(root, 'techspec.md') : file;
  return lintText(text, { filePath: relative, config, ...(project ? { project } : {}) });
}

describe.each(RULES.map((rule) => rule.id))('%s', (ruleId) => {
  const own = fixtures.filter((f) => f.ruleId === ruleId);

  it('has at least one valid and one invalid fixture', () => {
    expect(own.filter((f) => f.valid).length, `${FIXTURES}/${ruleId}/valid-*.md`).toBeGreaterThan(0);
    expect(own.filter((f) => !f.valid).length, `${FIXTURES}/${ruleId}/invalid-*.md`).toBeGreaterThan(0);
  });

  for (const fixture of own) {
    it(fixture.name, () => {
      if (fixture.valid) expect(fixture.expected, 'a valid fixture expects nothing').toEqual([]);
      else
        expect(fixture.expected.length, 'an invalid fixture must state its expectations').toBeGreaterThan(0);
      const result = lintFixture(ruleId, fixture.text, fixture.file, fixture.options);
      const actual = result.diagnostics.map((d) => ({ ruleId: d.ruleId, line: d.line }));
      expect(actual).toStrictEqual(fixture.expected);
      for (const d of result.diagnostics) {
        expect(d.message, 'placeholders filled').not.toMatch(/\{\{/);
      }
    });
  }
});

describe('fixes', () => {
  const fixable = fixtures.filter((f) => !f.valid && RULES.find((r) => r.id === f.ruleId)?.fixable);
  it.each(fixable.map((f) => [f.ruleId, f.name, f] as const))(
    '%s/%s fixes idempotently',
    (ruleId, _name, fixture) => {
      const first = lintFixture(ruleId, fixture.text, fixture.file, fixture.options);
      if (first.fixableCount === 0) return;
      const fixed = lintFixture(ruleId, fixture.text, fixture.file, fixture.options);
      const once = lintText(fixture.text, {
        filePath: fixture.file,
        config: configFor(ruleId, fixture.options),
        fix: true,
      });
      expect(once.output).toBeDefined();
      expect(fixed.fixableCount).toBe(first.fixableCount);
      const twice = lintText(once.output ?? '', {
        filePath: fixture.file,
        config: configFor(ruleId, fixture.options),
        fix: true,
      });
      expect(twice.output, 'a second --fix changes nothing').toBeUndefined();
      expect(twice.diagnostics.filter((d) => d.fix)).toEqual([]);
    },
  );
});

function configFor(ruleId: string, options: Record<string, unknown> | undefined) {
  const rules = Object.fromEntries(
    RULES.map((rule) => [
      rule.id,
      rule.id === ruleId ? (['error', options ?? {}] as const) : ('off' as const),
    ]),
  );
  return resolveConfig({ rules }, { root: FIXTURES, file: undefined, strict: false });
}
