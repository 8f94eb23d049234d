// Kilo Code's project config (`kilo.jsonc`, `kilo.json`): its `instructions` globs name more rule files.
import { MAX_TEXT_BYTES } from '../limits.js';
import { readInside } from '../confine.js';

/** Kilo's project config files, whose `instructions` globs name more rule files. */
export const KILO_CONFIG_FILES: readonly string[] = [
  'kilo.jsonc',
  'kilo.json',
  '.kilo/kilo.jsonc',
  '.kilo/kilo.json',
];

/**
 * The repository-relative `instructions` globs of a Kilo config file (default: the first of KILO_CONFIG_FILES that
 * exists). Read leniently: comments and trailing commas are allowed; URLs, absolute and home paths are dropped; an
 * unreadable or malformed file gives [].
 */
export function readKiloInstructions(root: string, file?: string): string[] {
  const candidates = file ? [file] : KILO_CONFIG_FILES;
  for (const name of candidates) {
    let text: string;
    try {
      text = readInside(root, name, 'Kilo config', MAX_TEXT_BYTES).bytes.toString('utf8');
    } catch {
      continue;
    }
    return instructionGlobs(parseJsonc(text));
  }
  return [];
}

function instructionGlobs(config: unknown): string[] {
  if (typeof config !== 'object' || config === null) return [];
  const list = (config as { instructions?: unknown }).instructions;
  if (!Array.isArray(list)) return [];
  return list
    .filter((item): item is string => typeof item === 'string')
    .map((item) =>
      item
        .trim()
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, ''),
    )
    .filter((item) => item !== '' && !/^([a-z]+:|\/|~)/i.test(item) && !item.startsWith('../'));
}

/** JSON with comments and trailing commas, as Kilo and VS Code accept it; undefined when still not JSON. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
      out += ' ';
    } else out += ch;
  }
  try {
    return JSON.parse(dropTrailingCommas(out)) as unknown;
  } catch {
    return undefined;
  }
}

function dropTrailingCommas(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const ch = json[i] ?? '';
    if (ch === '"') {
      const end = stringEnd(json, i);
      out += json.slice(i, end);
      i = end - 1;
    } else if (ch !== ',' || !closesNext(json, i + 1)) out += ch;
  }
  return out;
}

/** Whether the next non-blank character from `from` closes an object or array. */
function closesNext(json: string, from: number): boolean {
  let i = from;
  while (i < json.length && /\s/.test(json[i] ?? '')) i++;
  return json[i] === '}' || json[i] === ']';
}

/** Index just past the closing quote of the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
