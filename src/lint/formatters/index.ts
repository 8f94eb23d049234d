// The formatter registry: `--format <name>` picks one; every format shows findings and input problems alike.
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FormatName } from './names.js';
import type { FormatContext, Formatter, LintReport } from './types.js';

export { FORMAT_NAMES, type FormatName } from './names.js';

export const FORMATTERS = { stylish, json, sarif, github } as const satisfies Record<FormatName, Formatter>;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

export function formatReport(name: FormatName, report: LintReport, context: FormatContext): string {
  return FORMATTERS[name](report, context);
}
