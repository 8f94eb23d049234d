// Invariant: inline comments silence exactly the rules and lines they name, and nothing else.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';

const config = resolveConfig(
  { rules: { 'required-sections': 'off', 'word-budget': 'off' } },
  { root: path.resolve(import.meta.dirname, '..'), file: undefined, strict: false },
);

function findings(lines: string[]): string[] {
  return lintText(lines.join('\n'), { config, filePath: 'spec.md' })
    .diagnostics.filter((d) => d.ruleId === 'no-template-placeholders')
    .map((d) => `${d.line}`);
}

describe('inline directives', () => {
  const body = ['## Executive Summary', '', 'TBD one', '', 'TBD two', '', 'TBD three', ''];

  it('reports every placeholder when nothing is disabled', () => {
    expect(findings(body)).toEqual(['3', '5', '7']);
  });

  it('disable-next-line silences only the next line, and only the named rule', () => {
    expect(findings(['<!-- techspec-disable-next-line no-template-placeholders -->', ...body])).toEqual([
      '4',
      '6',
      '8',
    ]);
    expect(
      findings([
        '## Executive Summary',
        '',
        '<!-- techspec-disable-next-line no-template-placeholders -->',
        'TBD one',
      ]),
    ).toEqual([]);
    expect(
      findings(['## Executive Summary', '', '<!-- techspec-disable-next-line word-budget -->', 'TBD one']),
    ).toEqual(['4']);
  });

  it('disable … enable silences the lines between, for the named rule or for all rules', () => {
    const ranged = [
      ...body.slice(0, 4),
      '<!-- techspec-disable no-template-placeholders -->',
      '',
      'TBD two',
      '',
      '<!-- techspec-enable no-template-placeholders -->',
      '',
      'TBD three',
    ];
    expect(findings(ranged)).toEqual(['3', '11']);
    const all = [
      ...body.slice(0, 4),
      '<!-- techspec-disable -->',
      '',
      'TBD two',
      '',
      '<!-- techspec-enable -->',
      '',
      'TBD three',
    ];
    expect(findings(all)).toEqual(['3', '11']);
  });

  it('an unclosed disable lasts to the end; disable-line silences its own line', () => {
    expect(
      findings([
        '## Executive Summary',
        '',
        'TBD one',
        '<!-- techspec-disable -->',
        'TBD two',
        '',
        'TBD three',
      ]),
    ).toEqual(['3']);
    expect(
      findings([
        '## Executive Summary',
        '',
        'TBD one <!-- techspec-disable-line no-template-placeholders -->',
        '',
        'TBD two',
      ]),
    ).toEqual(['5']);
  });

  it('a directive written inside a code block is not a directive', () => {
    expect(
      findings(['## Executive Summary', '', '```md', '<!-- techspec-disable -->', '```', '', 'TBD one']),
    ).toEqual(['7']);
  });
});
