// A validator for the SARIF 2.1.0 schema (the copy @microsoft/jest-sarif ships), for the formatter and drift tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';

const require = createRequire(import.meta.url);
const Ajv = AjvDraft04.default;
const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

export function sarifValidator(): ValidateFunction {
  // The schema's language-tag pattern is not valid with the u flag (a stray `]`), so regexps run without it.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
}
