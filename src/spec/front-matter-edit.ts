// Sets one top-level scalar key of a Markdown file's YAML front matter, leaving every other byte as it was.
import { isMap, isNode, isScalar, parseDocument, stringify, type Pair } from 'yaml';
import { TechspecError } from '../errors.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

interface Block {
  /** Offset where the YAML between the delimiters starts. */
  start: number;
  /** Offset of the closing delimiter line. */
  close: number;
  /** The line ending the file uses. */
  eol: string;
}

/**
 * Adds `key: value` to the front matter, or replaces the value of an existing top-level `key`; creates the front
 * matter when the text has none. Nothing outside the value (comments, quoting of other keys, the body, a byte-order
 * mark, CRLF line endings) changes, and a value that already reads as `value` is left as written, so a second call
 * returns its input. Throws TechspecError('USAGE') for a bad key or value, or front matter that is not a YAML mapping.
 */
export function setFrontMatterField(text: string, key: string, value: string): string {
  if (!KEY.test(key)) {
    throw new TechspecError(
      'USAGE',
      `Invalid front matter key ${JSON.stringify(key)}, expected a plain name`,
    );
  }
  if (/[\r\n]/.test(value)) {
    throw new TechspecError(
      'USAGE',
      `Invalid value for front matter key ${key} ${JSON.stringify(value)}, expected a single line`,
    );
  }
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const block = findBlock(body);
  const line = `${key}: ${formatValue(value)}`;
  if (!block) {
    const eol = body.includes('\r\n') ? '\r\n' : '\n';
    const gap = body === '' || body.startsWith('\n') || body.startsWith('\r\n') ? '' : eol;
    return `${bom}---${eol}${line}${eol}---${eol}${gap}${body}`;
  }
  const raw = body.slice(block.start, block.close);
  const doc = parseDocument(raw, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    // Line numbers of the file: the opening `---` is line 1; an error at the very end belongs to the last line.
    const lines = raw.replace(/\r?\n$/, '').split('\n').length;
    const row = Math.min(raw.slice(0, error.pos[0]).split('\n').length, lines) + 1;
    throw new TechspecError(
      'USAGE',
      `Invalid front matter at line ${row}: ${error.message.split('\n')[0] ?? ''}, expected a YAML mapping`,
    );
  }
  const contents = doc.contents;
  if (contents === null) return bom + insertAt(body, block.close, `${line}${block.eol}`);
  if (!isMap(contents) || contents.flow === true) {
    throw new TechspecError(
      'USAGE',
      `Invalid front matter: it is not a block mapping, expected \`key: value\` lines to add ${key} to`,
    );
  }
  const pair = contents.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  if (!pair) return bom + insertAt(body, block.close, `${line}${block.eol}`);
  const edit = valueEdit(raw, pair, value);
  if (!edit) return text;
  const [from, to, replacement] = edit;
  return bom + body.slice(0, block.start + from) + replacement + body.slice(block.start + to);
}

/** Where the front matter's YAML lies, with the same delimiters `parseSpec` reads; undefined when there is none. */
function findBlock(body: string): Block | undefined {
  const firstEnd = body.indexOf('\n');
  const first = firstEnd < 0 ? body : body.slice(0, firstEnd);
  if (first.trimEnd() !== '---') return undefined;
  if (firstEnd < 0) throw unclosed();
  const eol = first.endsWith('\r') ? '\r\n' : '\n';
  for (let start = firstEnd + 1; start <= body.length;) {
    const end = body.indexOf('\n', start);
    const current = body.slice(start, end < 0 ? body.length : end);
    if (/^(---|\.\.\.)\s*$/.test(current)) return { start: firstEnd + 1, close: start, eol };
    if (end < 0) break;
    start = end + 1;
  }
  throw unclosed();
}

function unclosed(): TechspecError {
  return new TechspecError(
    'USAGE',
    'Invalid front matter: the `---` on line 1 is never closed, expected a closing `---` line',
  );
}

/** The replacement of `pair`'s value as [from, to, text] offsets into `raw`; undefined when it already reads `value`. */
function valueEdit(raw: string, pair: Pair, value: string): [number, number, string] | undefined {
  const current = isNode(pair.value) ? pair.value : undefined;
  if (isScalar(current) && typeof current.value === 'string' && current.value === value) return undefined;
  const formatted = formatValue(value);
  const keyEnd = isNode(pair.key) ? (pair.key.range?.[1] ?? 0) : 0;
  const colon = raw.indexOf(':', keyEnd);
  const range = current?.range ?? undefined;
  const inline =
    isScalar(current) &&
    range !== undefined &&
    range[1] > range[0] &&
    current.type !== 'BLOCK_LITERAL' &&
    current.type !== 'BLOCK_FOLDED' &&
    !raw.slice(colon + 1, range[0]).includes('\n');
  if (inline) return [range[0], range[1], formatted];
  // An empty value, a block scalar or a collection: everything from the colon to the value's last character.
  let end = Math.max(colon + 1, range?.[1] ?? colon + 1);
  while (end > colon + 1 && /\s/.test(raw.charAt(end - 1))) end--;
  const hasValue = range !== undefined && range[1] > range[0];
  return [colon + 1, hasValue ? end : colon + 1, ` ${formatted}`];
}

/** `value` as a YAML scalar that reads back as that string: plain when it can be, quoted when YAML would not. */
function formatValue(value: string): string {
  const written = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return written.includes('\n') ? JSON.stringify(value) : written;
}

function insertAt(text: string, offset: number, insertion: string): string {
  return text.slice(0, offset) + insertion + text.slice(offset);
}
