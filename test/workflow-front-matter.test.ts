// Invariant: setFrontMatterField changes only the one value it sets (or adds one line, or a new front matter block),
// reads back as the value given, and applying it twice gives what applying it once gave.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseSpec } from '../src/spec/parse.js';
import { setFrontMatterField } from '../src/spec/front-matter-edit.js';

const frontData = (text: string): unknown => parseSpec(text).frontMatter?.data;

describe('setFrontMatterField', () => {
  it('replaces a value in place, keeping comments, quoting of other keys and the body', () => {
    const text = '---\nfeature: "x"  # the name\nbaseline: abc123 # reviewed\nstatus: draft\n---\n\n# Body\n';
    expect(setFrontMatterField(text, 'baseline', 'def456')).toBe(
      '---\nfeature: "x"  # the name\nbaseline: def456 # reviewed\nstatus: draft\n---\n\n# Body\n',
    );
  });

  it('adds a missing key as the last line of the front matter', () => {
    expect(setFrontMatterField('---\nfeature: x\n---\nBody\n', 'baseline', 'abc')).toBe(
      '---\nfeature: x\nbaseline: abc\n---\nBody\n',
    );
    expect(setFrontMatterField('---\n---\nBody\n', 'baseline', 'abc')).toBe(
      '---\nbaseline: abc\n---\nBody\n',
    );
    expect(setFrontMatterField('---\n# only a comment\n...\n', 'a', 'b')).toBe(
      '---\n# only a comment\na: b\n...\n',
    );
  });

  it('creates the front matter when there is none, keeping a byte-order mark first and CRLF endings', () => {
    expect(setFrontMatterField('# Spec\n', 'baseline', 'abc')).toBe('---\nbaseline: abc\n---\n\n# Spec\n');
    expect(setFrontMatterField('\n# Spec\n', 'baseline', 'abc')).toBe('---\nbaseline: abc\n---\n\n# Spec\n');
    expect(setFrontMatterField('', 'a', 'b')).toBe('---\na: b\n---\n');
    expect(setFrontMatterField('\uFEFF# Spec\r\n', 'a', 'b')).toBe(
      '\uFEFF---\r\na: b\r\n---\r\n\r\n# Spec\r\n',
    );
    expect(setFrontMatterField('---\r\nx: 1\r\n---\r\nB\r\n', 'a', 'b')).toBe(
      '---\r\nx: 1\r\na: b\r\n---\r\nB\r\n',
    );
    expect(setFrontMatterField('---\r\na: 1\r\n---\r\n', 'a', 'b')).toBe('---\r\na: b\r\n---\r\n');
  });

  it('quotes a value only when YAML would read it as something else than that string', () => {
    const set = (value: string): string => setFrontMatterField('---\nk: v\n---\n', 'k', value);
    expect(set('1234567')).toBe('---\nk: "1234567"\n---\n');
    expect(set('1e10')).toBe('---\nk: "1e10"\n---\n');
    expect(set('2026-05-01')).toBe('---\nk: 2026-05-01\n---\n');
    expect(set('a: b # c')).toBe('---\nk: "a: b # c"\n---\n');
    expect(set('')).toBe('---\nk: ""\n---\n');
    expect(frontData(set('true'))).toEqual({ k: 'true' });
  });

  it('leaves a value that already reads as the one given as written', () => {
    const text = "---\nbaseline: 'abc'\n---\n";
    expect(setFrontMatterField(text, 'baseline', 'abc')).toBe(text);
  });

  it('replaces an empty value, a block scalar and a list with the scalar', () => {
    expect(setFrontMatterField('---\nbaseline:\nx: 1\n---\n', 'baseline', 'abc')).toBe(
      '---\nbaseline: abc\nx: 1\n---\n',
    );
    expect(setFrontMatterField('---\nbaseline: # none yet\nx: 1\n---\n', 'baseline', 'abc')).toBe(
      '---\nbaseline: abc # none yet\nx: 1\n---\n',
    );
    expect(setFrontMatterField('---\nbaseline: |\n  old\n  text\nx: 1\n---\n', 'baseline', 'abc')).toBe(
      '---\nbaseline: abc\nx: 1\n---\n',
    );
    expect(setFrontMatterField('---\nbaseline:\n  - a\n  - b\nx: 1\n---\n', 'baseline', 'abc')).toBe(
      '---\nbaseline: abc\nx: 1\n---\n',
    );
  });

  it('does not touch a nested key of the same name', () => {
    expect(setFrontMatterField('---\nmeta:\n  baseline: old\n---\n', 'baseline', 'new')).toBe(
      '---\nmeta:\n  baseline: old\nbaseline: new\n---\n',
    );
  });

  it('refuses front matter it cannot edit safely, naming what is wrong', () => {
    expect(() => setFrontMatterField('---\nfeature: x\n', 'a', 'b')).toThrow(
      'Invalid front matter: the `---` on line 1 is never closed, expected a closing `---` line',
    );
    expect(() => setFrontMatterField('---\n- a\n- b\n---\n', 'a', 'b')).toThrow(
      'Invalid front matter: it is not a block mapping, expected `key: value` lines to add a to',
    );
    expect(() => setFrontMatterField('---\n{a: 1}\n---\n', 'a', 'b')).toThrow('it is not a block mapping');
    expect(() => setFrontMatterField('---\na: [1\n---\n', 'a', 'b')).toThrow(
      /^Invalid front matter at line 2: /,
    );
    expect(() => setFrontMatterField('---\n---\n', 'a b', 'c')).toThrow(
      'Invalid front matter key "a b", expected a plain name',
    );
    expect(() => setFrontMatterField('---\n---\n', 'a', 'x\ny')).toThrow(
      'Invalid value for front matter key a "x\\ny", expected a single line',
    );
  });
});

// Front matter built from entries as plain `key: value` lines, so that the expected result can be built the same way.
const keyArb = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const valueArb = fc.string({ maxLength: 30 }).filter((value) => !/[\r\n]/.test(value));
const entriesArb = fc.uniqueArray(fc.tuple(keyArb, valueArb), { selector: ([key]) => key, maxLength: 6 });
const bodyArb = fc.string({ maxLength: 80 });

/** The front matter's opening and entry lines (each ending with `eol`), before the closing delimiter. */
function head(entries: readonly (readonly [string, string])[], eol: string): string {
  const lines = entries.map(([key, value]) => `${key}: ${JSON.stringify(value)}  # note ${key}`);
  return ['---', ...lines].map((line) => line + eol).join('');
}

describe('setFrontMatterField properties', () => {
  it('changes nothing but the value it sets, and applying it twice equals applying it once', () => {
    fc.assert(
      fc.property(
        entriesArb,
        keyArb,
        valueArb,
        bodyArb,
        fc.constantFrom('\n', '\r\n'),
        (entries, key, value, body, eol) => {
          const text = `${head(entries, eol)}---${eol}${body}`;
          const once = setFrontMatterField(text, key, value);
          expect(setFrontMatterField(once, key, value)).toBe(once);
          const data = parseDocument(once.slice(0, once.length - body.length)).toJS() as unknown;
          expect((data as Record<string, unknown>)[key]).toBe(value);
          const old = entries.find(([name]) => name === key);
          if (old === undefined) {
            // Added: one `key: value` line just before the closing delimiter, nothing else.
            const added = once.slice(head(entries, eol).length).split(eol)[0] ?? '';
            expect(added.startsWith(`${key}: `)).toBe(true);
            expect(once).toBe(`${head(entries, eol)}${added}${eol}---${eol}${body}`);
          } else if (old[1] === value) {
            expect(once).toBe(text);
          } else {
            // Replaced: only the old value's characters differ; the comment after it stays.
            const note = `  # note ${key}`;
            const line = once.split(eol).find((row) => row.startsWith(`${key}: `)) ?? '';
            expect(line.endsWith(note)).toBe(true);
            const oldLine = `${key}: ${JSON.stringify(old[1])}${note}`;
            expect(once).toBe(text.replace(oldLine, () => line));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps any body byte for byte when it creates the front matter', () => {
    fc.assert(
      fc.property(keyArb, valueArb, bodyArb, (key, value, body) => {
        fc.pre(!body.startsWith('---') && !body.startsWith('\uFEFF'));
        const once = setFrontMatterField(body, key, value);
        expect(once.endsWith(body)).toBe(true);
        expect(setFrontMatterField(once, key, value)).toBe(once);
        expect(parseDocument(once.split('\n---\n')[0]?.slice(4) ?? '').toJS()).toEqual({ [key]: value });
      }),
      { numRuns: 300 },
    );
  });
});
