// Invariant: no lint rule (and not the parse before them) takes super-linear time in its input. Adversarial runs of
// the characters regexes trip on (dots, spaces, backticks, brackets, pipes, asterisks…) are put in every section as a
// list item, a paragraph and a table cell, at 256 KiB and at 1 MiB; time(1 MiB) / time(256 KiB) stays under 8
// (linear is 4, quadratic 16). A ratio, not a timeout, so a slow machine does not fail it and a fast one hides nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type ResolvedConfig } from '../../src/lint/config.js';
import { lintDocument } from '../../src/lint/engine.js';
import { parseFor } from '../../src/spec/parse.js';
import type { SpecDocument } from '../../src/spec/model.js';

const config = resolveConfig({}, { root: process.cwd(), file: undefined, strict: false });
const SECTIONS = config.template.sections.filter((s) => s.level === 2).map((s) => s.title);
const SMALL = 256 * 1024;
const LARGE = 1024 * 1024;
/**
 * Below this, a time is noise (JIT, garbage collection on a shared machine): a rule that takes under 200 ms on 1 MiB is
 * not the problem this test looks for. The quadratic cases it found took 0.56 s to 30 s there.
 */
const FLOOR_MS = 200;

/** The runs the issue names, then what fast-check mixes from the same characters. */
const FIXED_UNITS = ['.', ' ', '`', '[', ']', '(', '|', '*', '. ', '`a', '[a](', '_*'];
const unit = fc
  .array(fc.constantFrom('.', ' ', '`', '[', ']', '(', ')', '|', '*', '_', '/', '{', '<', '-', ':', 'a'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((chars) => chars.join(''));

/** A spec of about `size` characters: the run in every section, three ways, each ending in a letter. */
function document(run: string, size: number): string {
  const places = SECTIONS.length * 3;
  // A letter after the run: a regex that backtracks over a run does so when something it cannot take follows.
  const piece = `${run.repeat(Math.max(1, Math.floor(size / places / run.length)))}x`;
  return SECTIONS.map(
    (title) => `## ${title}\n\n- ${piece}\n\n${piece}\n\n| a | b |\n| --- | --- |\n| ${piece} | x |\n`,
  ).join('\n');
}

interface Timing {
  what: string;
  small: number;
  large: number;
}

/**
 * The best of three timings at each size, the sizes taken in turn (small, large, small…), so that a burst of load
 * from other processes on a shared machine falls on both.
 */
function pair(what: string, work: (size: number) => number): Timing {
  const timing = { what, small: Infinity, large: Infinity };
  for (let i = 0; i < 3; i++) {
    timing.small = Math.min(timing.small, work(SMALL));
    timing.large = Math.min(timing.large, work(LARGE));
  }
  return timing;
}

/** Whole-lint timings (parse, then every rule); per-rule timings only when the whole is super-linear, to name it. */
function superLinear(run: string): string[] {
  // Warm up the parser and every rule on this kind of input, so that the first size measured is not the JIT's.
  lintDocument(parseFor(document(run, SMALL / 4), 'tasks/prd-x/techspec.md', config), config);
  const texts = new Map([SMALL, LARGE].map((size) => [size, document(run, size)]));
  const parse = (size: number): SpecDocument =>
    parseFor(texts.get(size) ?? '', 'tasks/prd-x/techspec.md', config);
  const timed =
    (rules: ResolvedConfig) =>
    (size: number): number => {
      const started = performance.now();
      // Inline code and links are parsed on first access, inside the rules' time: a fresh parse each time.
      lintDocument(parse(size), rules);
      return performance.now() - started;
    };
  const slow = (t: Timing): boolean => t.large >= FLOOR_MS && t.large / Math.max(t.small, 1) >= 8;
  const whole = pair('parse and every rule', timed(config));
  if (!slow(whole)) return [];
  const parts = config.rules.map((active) => pair(active.rule.id, timed({ ...config, rules: [active] })));
  return [whole, ...parts.filter(slow)].map(
    (t) => `${t.what} on ${JSON.stringify(run)}: ${t.small.toFixed(0)} ms → ${t.large.toFixed(0)} ms`,
  );
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
