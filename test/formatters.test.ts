// Invariant: each output format renders one known report exactly, and SARIF passes the SARIF 2.1.0 schema.
import { describe, expect, it } from 'vitest';
import { sarifValidator } from './sarif-schema.js';
import type { Diagnostic, InputProblem, LintResult } from '../src/lint/diagnostic.js';
import { docsUrl, summarize } from '../src/lint/diagnostic.js';
import { escapeData, escapeProperty } from '../src/lint/formatters/github.js';
import { FORMAT_NAMES, formatReport } from '../src/lint/formatters/index.js';
import type { FormatContext, LintReport } from '../src/lint/formatters/types.js';

// A CommonJS module whose types declare only its `default` export: under NodeNext that is `.default`.

function diagnostic(
  partial: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'line' | 'message'>,
): Diagnostic {
  return {
    messageId: 'm',
    severity: 'error',
    file: 'specs/techspec.md',
    column: 1,
    endLine: partial.line,
    endColumn: 10,
    docsUrl: docsUrl(partial.ruleId),
    ...partial,
  };
}

const missing = diagnostic({
  ruleId: 'required-sections',
  line: 12,
  message:
    'Missing section `Known Risks`, expected it before `Relevant Files` (line 12) as the template requires',
  fix: { range: [100, 100], text: '### Known Risks\n\n' },
});
const budget = diagnostic({
  ruleId: 'word-budget',
  severity: 'warning',
  line: 3,
  column: 5,
  endColumn: 42,
  message: 'Unexpected 2,400 words, expected at most 2,000',
});
const problem: InputProblem = {
  file: 'notes/techspec.md',
  code: 'EMPTY',
  message: 'File is empty, expected a tech spec in Markdown',
};

const report: LintReport = {
  results: [summarize('specs/techspec.md', [missing, budget]), summarize('specs/clean/techspec.md', [])],
  problems: [problem],
};

const context: FormatContext = {
  cwd: '/repo',
  color: false,
  version: '1.2.3',
  rules: [
    { id: 'required-sections', description: 'Requires every template section.', severity: 'error' },
    { id: 'word-budget', description: 'Limits the words of a spec.', severity: 'warning' },
  ],
};

describe('stylish', () => {
  it('prints input problems first, then aligned rows per file, then the summary', () => {
    expect(formatReport('stylish', report, context)).toBe(
      [
        '✖ notes/techspec.md: File is empty, expected a tech spec in Markdown',
        '',
        'specs/techspec.md',
        `   3:5  warning  ${budget.message.padEnd(72)}  word-budget`,
        '  12:1  error    Missing section `Known Risks`, expected it before `Relevant Files` (line  required-sections',
        '                 12) as the template requires',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '  1 fixable with --fix',
        '',
        '✖ 1 path could not be linted',
        '',
        'Findings per rule:',
        '  1  required-sections',
        '  1  word-budget',
        '',
      ].join('\n'),
    );
  });

  it('keeps the rule id in view: messages wrap at 72 characters, words whole, a longer word cut', () => {
    const long = diagnostic({ ruleId: 'r1', line: 1, message: `Unexpected ${'x'.repeat(80)} here` });
    const lines = formatReport(
      'stylish',
      { results: [summarize('s.md', [long])], problems: [] },
      context,
    ).split('\n');
    expect(lines.slice(2, 5)).toStrictEqual([
      `  1:1  error  ${'Unexpected'.padEnd(72)}  r1`,
      `              ${'x'.repeat(72)}`,
      `              ${'x'.repeat(8)} here`,
    ]);
  });

  it('ends with the findings per rule, most first', () => {
    const a = diagnostic({ ruleId: 'rule-a', line: 1, message: 'A' });
    const b = diagnostic({ ruleId: 'rule-b', line: 2, message: 'B' });
    const out = formatReport(
      'stylish',
      { results: [summarize('s.md', [a, b, { ...b, line: 3 }])], problems: [] },
      context,
    );
    expect(out.endsWith(['Findings per rule:', '  2  rule-b', '  1  rule-a', ''].join('\n'))).toBe(true);
  });

  it('prints a hint on its own line under the finding it belongs to', () => {
    const withHint = diagnostic({
      ruleId: 'relevant-files-exist',
      line: 7,
      column: 4,
      message: 'Missing file `src/a.tss`',
      hint: 'Closest existing path: `src/a.ts`',
    });
    expect(formatReport('stylish', { results: [summarize('s.md', [withHint])], problems: [] }, context)).toBe(
      [
        '',
        's.md',
        '  7:4  error  Missing file `src/a.tss`  relevant-files-exist',
        '              ↳ Closest existing path: `src/a.ts`',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
        'Findings per rule:',
        '  1  relevant-files-exist',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run and colours only when asked', () => {
    const clean: LintReport = { results: [summarize('a.md', [])], problems: [] };
    expect(formatReport('stylish', clean, context)).toBe('');
    const coloured = formatReport(
      'stylish',
      { results: [summarize('a.md', [missing])], problems: [] },
      { ...context, color: true },
    );
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(formatReport('stylish', report, context)).not.toContain('\u001b[');
  });
});

describe('json', () => {
  it('has a stable shape: results without the fixed text, problems, and totals', () => {
    const withOutput: LintResult = { ...summarize('specs/techspec.md', [missing]), output: 'fixed text' };
    const parsed = JSON.parse(
      formatReport('json', { results: [withOutput], problems: [problem] }, context),
    ) as unknown;
    expect(parsed).toStrictEqual({
      results: [
        {
          file: 'specs/techspec.md',
          diagnostics: [missing],
          errorCount: 1,
          warningCount: 0,
          fixableCount: 1,
        },
      ],
      problems: [problem],
      errorCount: 1,
      warningCount: 0,
      fixableCount: 1,
    });
  });
});

describe('github', () => {
  it('prints one workflow command per problem and finding', () => {
    expect(formatReport('github', report, context)).toBe(
      [
        '::error file=notes/techspec.md,title=EMPTY::File is empty, expected a tech spec in Markdown',
        `::warning file=specs/techspec.md,line=3,col=5,endLine=3,endColumn=42,title=word-budget::${budget.message}`,
        `::error file=specs/techspec.md,line=12,col=1,endLine=12,endColumn=10,title=required-sections::${missing.message}`,
        '',
      ].join('\n'),
    );
  });

  it('escapes % CR LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext, then: end')).toBe('100%25 done%0D%0Anext, then: end');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
    const odd = diagnostic({ ruleId: 'x', line: 1, file: 'a,b:c.md', message: 'Line one\nline two 50%' });
    const out = formatReport('github', { results: [summarize('a,b:c.md', [odd])], problems: [] }, context);
    expect(out).toBe(
      '::error file=a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=10,title=x::Line one%0Aline two 50%25\n',
    );
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatReport('sarif', report, context)) as unknown;

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator is live: a wrong version or a zero line number is rejected.
    expect(validate({ ...(log as object), version: '2.0.0' })).toBe(false);
    const badLine = JSON.parse(JSON.stringify(log).replace('"startLine":3', '"startLine":0')) as unknown;
    expect(validate(badLine)).toBe(false);
  });

  it('describes the tool, every rule, each result and each input problem exactly', () => {
    expect(log).toStrictEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'techspec',
              informationUri: 'https://github.com/techspec-dev/techspec',
              version: '1.2.3',
              semanticVersion: '1.2.3',
              rules: [
                {
                  id: 'required-sections',
                  shortDescription: { text: 'Requires every template section.' },
                  helpUri: docsUrl('required-sections'),
                  defaultConfiguration: { level: 'error' },
                },
                {
                  id: 'word-budget',
                  shortDescription: { text: 'Limits the words of a spec.' },
                  helpUri: docsUrl('word-budget'),
                  defaultConfiguration: { level: 'warning' },
                },
              ],
            },
          },
          invocations: [
            {
              executionSuccessful: false,
              toolExecutionNotifications: [
                {
                  level: 'error',
                  message: { text: 'notes/techspec.md: File is empty, expected a tech spec in Markdown' },
                  descriptor: { id: 'EMPTY' },
                  locations: [
                    {
                      physicalLocation: {
                        artifactLocation: { uri: 'notes/techspec.md', uriBaseId: '%SRCROOT%' },
                      },
                    },
                  ],
                },
              ],
            },
          ],
          originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///repo/' } },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'word-budget',
              ruleIndex: 1,
              level: 'warning',
              message: { text: budget.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'specs/techspec.md', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 42 },
                  },
                },
              ],
            },
            {
              ruleId: 'required-sections',
              ruleIndex: 0,
              level: 'error',
              message: { text: missing.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'specs/techspec.md', uriBaseId: '%SRCROOT%' },
                    region: { startLine: 12, startColumn: 1, endLine: 12, endColumn: 10 },
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('percent-encodes URIs and never lets a region end before it starts', () => {
    const odd = diagnostic({
      ruleId: 'word-budget',
      line: 4,
      column: 7,
      endColumn: 1,
      file: 'my specs/tech spec.md',
      message: 'M',
    });
    const out = JSON.parse(
      formatReport('sarif', { results: [summarize(odd.file, [odd])], problems: [] }, context),
    ) as {
      runs: {
        results: {
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[];
        }[];
      }[];
    };
    const location = out.runs[0]?.results[0]?.locations[0]?.physicalLocation;
    expect(location?.artifactLocation.uri).toBe('my%20specs/tech%20spec.md');
    expect(location?.region).toStrictEqual({ startLine: 4, startColumn: 7, endLine: 4, endColumn: 7 });
  });
});

describe('registry', () => {
  it('offers exactly the four formats, stylish first (the default)', () => {
    expect(FORMAT_NAMES).toStrictEqual(['stylish', 'json', 'sarif', 'github']);
  });
});

describe('order', () => {
  // Rule ids are compared by code unit (no locale collator to set up): the order localeCompare gives for them.
  it('orders diagnostics on one position by rule id exactly as localeCompare does', async () => {
    const { RULES } = await import('../src/lint/rules/index.js');
    const ids = [
      ...RULES.map((rule) => rule.id),
      'a',
      'a-b',
      'ab',
      'a0',
      'a--b',
      'z9',
      '9z',
      'Rule',
      'règle',
    ];
    const shuffled = [...ids].reverse();
    const sorted = summarize(
      's.md',
      shuffled.map((ruleId) => diagnostic({ ruleId, line: 1, message: 'm' })),
    ).diagnostics.map((d) => d.ruleId);
    expect(sorted).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
  });
});
