// Invariant: no lint rule (and not the parse before them) takes super-linear time in its input. Adversarial runs of
// the characters regexes trip on (dots, spaces, backticks, brackets, pipes, asterisks…) are put in every section as a
// list item, a paragraph and a table cell, at 256 KiB and at 1 MiB; time(1 MiB) / time(256 KiB) stays under 8
// (linear is 4, quadratic 16). A ratio, not a timeout, so a slow machine does not fail it and a fast one hides nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type ResolvedConfig } from '../../src/config/load.js';
import { lintDocument, parseFor } from '../../src/lint/engine.js';
import type { SpecDocument } from '../../src/spec/model.js';

const config = resolveConfig({}, { root: process.cwd(), file: undefined, strict: false });
const SECTIONS = config.template.sections.filter((s) => s.level === 2).map((s) => s.title);
const SMALL = 256 * 1024;
const LARGE = 1024 * 1024;
/**
 * Below this, a time is noise (JIT, garbage collection on a shared machine): a rule that takes under 100 ms on 1 MiB is
 * not the problem this test looks for. The quadratic cases it found took 0.5 s to 30 s there.
 */
const FLOOR_MS = 100;

/** The runs the issue names, then what fast-check mixes from the same characters. */
const FIXED_UNITS = ['.', ' ', '`', '[', ']', '(', '|', '*', '. ', '`a', '[a](', '_*'];
const unit = fc
  .array(fc.constantFrom('.', ' ', '`', '[', ']', '(', ')', '|', '*', '_', '/', '{', '<', '-', ':', 'a'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((chars) => chars.join(''));

/** A spec of about `size` characters: the run in every section, three ways. */
function document(run: string, size: number): string {
  const places = SECTIONS.length * 3;
  const piece = run.repeat(Math.max(1, Math.floor(size / places / run.length)));
  return SECTIONS.map(
    (title) => `## ${title}\n\n- ${piece}\n\n${piece}\n\n| a | b |\n| --- | --- |\n| ${piece} | x |\n`,
  ).join('\n');
}

function best(times: number, work: () => void): number {
  let min = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    work();
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

interface Timing {
  what: string;
  small: number;
  large: number;
}

function timings(run: string): Timing[] {
  // Warm up the parser and every rule on this kind of input, so that the first size measured is not the JIT's.
  lintDocument(parseFor(document(run, SMALL / 4), 'tasks/prd-x/techspec.md', config), config);
  const docs = new Map<number, SpecDocument>();
  const parse: Timing = { what: 'parse', small: 0, large: 0 };
  for (const [size, key] of [
    [SMALL, 'small'],
    [LARGE, 'large'],
  ] as const) {
    const text = document(run, size);
    parse[key] = best(3, () => {
      docs.set(size, parseFor(text, 'tasks/prd-x/techspec.md', config));
    });
  }
  const out = [parse];
  for (const active of config.rules) {
    const one: ResolvedConfig = { ...config, rules: [active] };
    out.push({ what: active.rule.id, small: ruleTime(run, SMALL, one), large: ruleTime(run, LARGE, one) });
  }
  return out;
}

/** The rule's own time on a fresh parse of the document (best of three). */
function ruleTime(run: string, size: number, one: ResolvedConfig): number {
  const text = document(run, size);
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    const doc = parseFor(text, 'tasks/prd-x/techspec.md', config);
    const started = performance.now();
    lintDocument(doc, one);
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

function superLinear(run: string): string[] {
  return timings(run)
    .filter((t) => t.large >= FLOOR_MS && t.large / Math.max(t.small, 1) >= 8)
    .map((t) => `${t.what} on ${JSON.stringify(run)}: ${t.small.toFixed(0)} ms → ${t.large.toFixed(0)} ms`);
}

describe('every lint rule is linear in adversarial input', () => {
  it.each(FIXED_UNITS)(
    'runs of %j',
    (run) => {
      expect(superLinear(run)).toEqual([]);
    },
    120_000,
  );

  it('runs that fast-check mixes from the same characters', () => {
    fc.assert(
      fc.property(unit, (run) => {
        expect(superLinear(run)).toEqual([]);
      }),
      { numRuns: 4 },
    );
  }, 300_000);
});
