// The names `--format` accepts, apart from the formatters themselves so that a command's help loads none of them;
// index.ts maps each name to its formatter (a missing or extra one fails to compile).
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
