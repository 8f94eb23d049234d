// Sets one entry of an object inside a JSON or JSONC file by editing the text: the rest of the file (other keys,
// comments, trailing commas, indentation, line endings) keeps every byte.
import { parseJsonc } from '../assistants/kilo-config.js';

/** The text is not JSON(C) this editor can place an entry in: it names the line and what was expected. */
export class JsoncError extends Error {}

interface Property {
  key: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

interface ObjectNode {
  open: number;
  close: number;
  properties: Property[];
}

export interface EntryEdit {
  text: string;
  /** The entry's value before the edit (parsed), undefined when there was none. */
  previous: unknown;
  /** Whether the entry existed. */
  existed: boolean;
}

/**
 * Sets `root[container][name]` to `value` (JSON-serialisable) in `text`, creating the container or the whole file
 * (when `text` is empty) as needed. Throws JsoncError for text that is not an object of objects.
 */
export function setJsoncEntry(text: string, container: string, name: string, value: unknown): EntryEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (text.trim() === '') {
    const fresh = render({ [container]: { [name]: value } }, '', '  ', eol);
    return { text: `${fresh}${eol}`, previous: undefined, existed: false };
  }
  const root = parseRoot(text);
  const unit = indentUnit(text);
  const holder = root.properties.findLast((property) => property.key === container);
  if (!holder) {
    return {
      text: insert(text, root, container, { [name]: value }, unit, eol),
      previous: undefined,
      existed: false,
    };
  }
  if (text[holder.valueStart] !== '{') {
    throw new JsoncError(
      `"${container}" at line ${lineOf(text, holder.valueStart)} is not an object, expected {…}`,
    );
  }
  const object = parseObject(text, holder.valueStart);
  const entry = object.properties.findLast((property) => property.key === name);
  if (!entry) {
    return { text: insert(text, object, name, value, unit, eol), previous: undefined, existed: false };
  }
  const indent = lineIndent(text, entry.keyStart);
  const rendered = render(value, indent, unit, eol);
  const previous = parseJsonc(text.slice(entry.valueStart, entry.valueEnd));
  return {
    text: text.slice(0, entry.valueStart) + rendered + text.slice(entry.valueEnd),
    previous,
    existed: true,
  };
}

function insert(
  text: string,
  object: ObjectNode,
  key: string,
  value: unknown,
  unit: string,
  eol: string,
): string {
  const outer = lineIndent(text, object.open);
  const last = object.properties.at(-1);
  if (!last) {
    const indent = outer + unit;
    const inner = text.slice(object.open + 1, object.close);
    const entry = `${eol}${indent}${JSON.stringify(key)}: ${render(value, indent, unit, eol)}`;
    // `{}` or `{ }` becomes a block; comments inside an empty object stay before the new entry.
    return inner.trim() === ''
      ? `${text.slice(0, object.open + 1)}${entry}${eol}${outer}${text.slice(object.close)}`
      : `${text.slice(0, object.close).trimEnd()}${entry}${eol}${outer}${text.slice(object.close)}`;
  }
  const sameLine = lineOf(text, last.keyStart) === lineOf(text, object.open);
  const indent = sameLine ? outer + unit : lineIndent(text, last.keyStart);
  let at = last.valueEnd;
  let comma = ',';
  const next = skipTrivia(text, at);
  if (text[next] === ',') {
    at = next + 1;
    comma = '';
  }
  // After a line comment that ends the last entry's line, so that the comment stays with its entry.
  const lineEnd = text.indexOf('\n', at);
  const rest = text.slice(at, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const end = /^\s*(\/\/.*)?$/.test(rest) ? at + rest.length : at;
  const entry = `${eol}${indent}${JSON.stringify(key)}: ${render(value, indent, unit, eol)}`;
  return text.slice(0, at) + comma + text.slice(at, end) + entry + text.slice(end);
}

/** JSON as people write config: objects one key a line, arrays of plain values on one line. */
function render(value: unknown, indent: string, unit: string, eol: string): string {
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return JSON.stringify(value, null, unit).replace(/\n/g, eol + indent);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const inner = indent + unit;
  const lines = entries.map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${render(item, inner, unit, eol)}`,
  );
  return `{${eol}${lines.join(`,${eol}`)}${eol}${indent}}`;
}

function parseRoot(text: string): ObjectNode {
  const start = skipTrivia(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[start] !== '{')
    throw new JsoncError(`Line ${lineOf(text, start)} does not open an object, expected {`);
  const root = parseObject(text, start);
  const after = skipTrivia(text, root.close + 1);
  if (after < text.length)
    throw new JsoncError(`Unexpected text after the object at line ${lineOf(text, after)}`);
  return root;
}

function parseObject(text: string, open: number): ObjectNode {
  const properties: Property[] = [];
  let at = skipTrivia(text, open + 1);
  while (text[at] !== '}') {
    if (text[at] !== '"') throw expected(text, at, 'a "key" or }');
    const keyEnd = stringEnd(text, at);
    const key = JSON.parse(text.slice(at, keyEnd)) as string;
    const colon = skipTrivia(text, keyEnd);
    if (text[colon] !== ':') throw expected(text, colon, ':');
    const valueStart = skipTrivia(text, colon + 1);
    const valueEnd = valueEndAt(text, valueStart);
    properties.push({ key, keyStart: at, valueStart, valueEnd });
    at = skipTrivia(text, valueEnd);
    if (text[at] === ',') at = skipTrivia(text, at + 1);
    else if (text[at] !== '}') throw expected(text, at, ', or }');
  }
  return { open, close: at, properties };
}

function valueEndAt(text: string, start: number): number {
  const first = text[start];
  if (first === undefined) throw expected(text, start, 'a value');
  if (first === '"') return stringEnd(text, start);
  if (first !== '{' && first !== '[') {
    const match = /^[^\s,}\]/]+/.exec(text.slice(start));
    if (!match) throw expected(text, start, 'a value');
    return start + match[0].length;
  }
  let depth = 0;
  for (let at = start; at < text.length;) {
    const ch = text[at];
    if (ch === '"') at = stringEnd(text, at);
    else if (ch === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) at = skipTrivia(text, at);
    else {
      if (ch === '{' || ch === '[') depth++;
      if (ch === '}' || ch === ']') depth--;
      at++;
      if (depth === 0) return at;
    }
  }
  throw expected(text, text.length, `the end of the ${first === '{' ? 'object' : 'array'}`);
}

/** Past whitespace and comments. */
function skipTrivia(text: string, from: number): number {
  let at = from;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      if (end < 0) throw new JsoncError(`Unclosed comment at line ${lineOf(text, at)}, expected */`);
      at = end + 2;
    } else return at;
  }
}

function stringEnd(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at + 1;
    else if (text[at] === '\n') break;
  }
  throw new JsoncError(`Unclosed string at line ${lineOf(text, start)}, expected a closing "`);
}

function lineIndent(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** The file's indentation step: the smallest leading whitespace of an indented line, else two spaces. */
function indentUnit(text: string): string {
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((match) => match[1] ?? '');
  if (indents.length === 0) return '  ';
  return indents.reduce((a, b) => (b.length < a.length ? b : a));
}

function lineOf(text: string, at: number): number {
  return text.slice(0, at).split('\n').length;
}

function expected(text: string, at: number, what: string): JsoncError {
  const found = at >= text.length ? 'the end of the file' : JSON.stringify(text[at]);
  return new JsoncError(`Unexpected ${found} at line ${lineOf(text, at)}, expected ${what}`);
}
