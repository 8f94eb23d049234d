// Invariant: `--fix` never creates a finding that was not there before: over generated specs (English and
// Portuguese headings, sections dropped at random, with or without their content) and over the real specs of
// ../shared/bench when present. Missing sections are named, and inserted headings written, in the spec's language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import type { Diagnostic } from '../src/lint/diagnostic.js';
import { lintText } from '../src/lint/engine.js';
import { loadDefaultTemplate } from '../src/spec/default-template.js';
import { PRESETS } from '../src/spec/presets.js';
import { BENCH_SPECS, benchSpecFiles } from './bench-specs.js';
import { skipping } from './environment.js';

const config = resolveConfig({}, { root: process.cwd(), file: undefined, strict: false });
const template = loadDefaultTemplate();
const portuguese = PRESETS['pt-BR'] ?? {};

/**
 * A finding without its position (fixes move lines): rule, message id and what it is about (the first quoted name,
 * else the message); "missing, expected before X" stays the same finding when X is the heading the fix inserted.
 */
const key = (d: Diagnostic): string =>
  `${d.ruleId} ${d.messageId} ${/`[^`]+`/.exec(d.message)?.[0] ?? d.message.replace(/line \d+/g, 'line N')}`;

/** Findings after the fix that were not there before, counted (a second copy of one is new too). */
function created(text: string, file: string): string[] {
  const output = lintText(text, { filePath: file, config, fix: true }).output;
  if (output === undefined) return [];
  const counts = new Map<string, number>();
  for (const d of lintText(text, { filePath: file, config }).diagnostics)
    counts.set(key(d), (counts.get(key(d)) ?? 0) + 1);
  const fresh: string[] = [];
  for (const d of lintText(output, { filePath: file, config }).diagnostics) {
    const left = counts.get(key(d)) ?? 0;
    if (left === 0) fresh.push(key(d));
    else counts.set(key(d), left - 1);
  }
  return fresh;
}

const sectionPlan = fc.array(fc.constantFrom('full', 'no-heading', 'no-content', 'gone'), {
  minLength: template.sections.length,
  maxLength: template.sections.length,
});

function specFrom(language: 'en' | 'pt', plan: readonly string[]): string {
  const parts = template.sections.map((section, index) => {
    const title = language === 'pt' ? (portuguese[section.id]?.[0] ?? section.title) : section.title;
    const heading = `${'#'.repeat(section.level)} ${title}\n\n`;
    const body = `Text of ${section.id} for the export feature.\n\n`;
    switch (plan[index]) {
      case 'no-heading':
        return body;
      case 'no-content':
        return heading;
      case 'gone':
        return '';
      default:
        return heading + body;
    }
  });
  return `# Tech Spec: Export\n\n${parts.join('')}`;
}

describe('--fix creates no finding', () => {
  it('on generated specs in English and Portuguese', () => {
    fc.assert(
      fc.property(fc.constantFrom('en' as const, 'pt' as const), sectionPlan, (language, plan) => {
        expect(created(specFrom(language, plan), 'tasks/prd-x/techspec.md')).toStrictEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('names a missing section in the spec language and inserts no heading that would stand empty', () => {
    // A parent whose subsections are there is there in them: no finding, nothing to insert.
    const grouped = template.sections.map((s) => (s.id === 'technical-considerations' ? 'gone' : 'full'));
    for (const language of ['pt', 'en'] as const) {
      const result = lintText(specFrom(language, grouped), { filePath: 'x.md', config, fix: true });
      expect(result.diagnostics.filter((d) => d.ruleId === 'required-sections')).toEqual([]);
      expect(result.output).toBeUndefined();
    }
    // A missing last section is named as the spec names its sections; an empty heading appended for it would only
    // turn "missing" into "empty", so no fix is offered.
    const last = template.sections.at(-1)?.id;
    const plan = template.sections.map((s) => (s.id === last ? 'gone' : 'full'));
    const named = (language: 'en' | 'pt'): string[] =>
      lintText(specFrom(language, plan), { filePath: 'x.md', config })
        .diagnostics.filter((d) => d.ruleId === 'required-sections')
        .map((d) => `${d.message}${d.fix ? ' (fix)' : ''}`);
    expect(named('pt')).toEqual([
      'Missing section `Arquivos Relevantes`, expected it at the end of the spec as the template requires',
    ]);
    expect(named('en')).toEqual([
      'Missing section `Relevant Files`, expected it at the end of the spec as the template requires',
    ]);
  });

  const files = benchSpecFiles();
  it.skipIf(files.length === 0 && skipping('--fix on real specs: ../shared/bench/specs is absent'))(
    'on the real specs of ../shared/bench',
    () => {
      const fresh = files.flatMap((file) =>
        created(readFileSync(path.join(BENCH_SPECS, file), 'utf8'), file).map((k) => `${file}: ${k}`),
      );
      expect(fresh).toStrictEqual([]);
    },
  );
});
