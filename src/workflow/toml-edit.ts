// The techspec table of a TOML config (Codex's `[mcp_servers.techspec]`) as a text edit: the rest of the file keeps
// every byte. Values are strings and arrays of strings, written as TOML basic strings (the JSON string syntax).
import type { EntryEdit } from './jsonc-edit.js';

const HEADER = /^\s*\[([^\]]+)\]\s*(?:#.*)?$/;

/** Sets table `[container.name]` to `value`'s keys; `previous` is the table read back (undefined when absent). */
export function setTomlTable(
  text: string,
  container: string,
  name: string,
  value: Record<string, unknown>,
): EntryEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const table = [
    `[${container}.${name}]`,
    ...Object.entries(value).map(([k, v]) => `${k} = ${JSON.stringify(v)}`),
  ];
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const start = lines.findIndex((line) => HEADER.exec(line)?.[1]?.trim() === `${container}.${name}`);
  if (start < 0) {
    const body = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
    const gap = body === '' ? '' : eol;
    return { text: `${body}${gap}${table.join(eol)}${eol}`, previous: undefined, existed: false };
  }
  let end = start + 1;
  while (end < lines.length && !HEADER.test(lines[end] ?? '')) end++;
  // Keep the blank lines that separate the table from the next one.
  while (end > start + 1 && (lines[end - 1] ?? '').trim() === '') end--;
  const previous = readTable(lines.slice(start + 1, end));
  const out = [...lines.slice(0, start), ...table, ...lines.slice(end)];
  return { text: out.join(eol), previous, existed: true };
}

/** The keys of a table's lines, each value read as JSON (TOML basic strings and string arrays are JSON too). */
function readTable(lines: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of lines) {
    // The value is trimmed in code: `\s*(.+?)\s*$` lets the three quantifiers trade spaces (super-linear).
    const match = /^\s*([\w-]+)\s*=(.*)$/.exec(line);
    const value = match?.[2]?.trim();
    if (!match?.[1] || !value) continue;
    try {
      out[match[1]] = JSON.parse(value) as unknown;
    } catch {
      out[match[1]] = value;
    }
  }
  return out;
}
