// The formatter registry: `--format <name>` picks one; every format shows findings and input problems alike.
import { github } from './github.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FormatContext, Formatter, LintReport } from './types.js';

export const FORMATTERS = { stylish, json, sarif, github } as const satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;

export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

export function formatReport(name: FormatName, report: LintReport, context: FormatContext): string {
  return FORMATTERS[name](report, context);
}
