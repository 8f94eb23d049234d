// Applies fixes: non-overlapping replacements only, so no byte outside a fix range ever changes.
import type { Diagnostic, Fix } from './diagnostic.js';

export interface FixOutcome {
  output: string;
  applied: number;
}

export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): FixOutcome {
  const fixes = diagnostics
    .map((d) => d.fix)
    .filter((fix): fix is Fix => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  // A file written with CRLF (as its first line ends) gets CRLF in the lines a fix inserts too.
  const firstBreak = text.indexOf('\n');
  const crlf = firstBreak > 0 && text[firstBreak - 1] === '\r';
  let output = '';
  let cursor = 0;
  let applied = 0;
  for (const fix of fixes) {
    const [start, end] = fix.range;
    // Overlapping or out-of-range fixes wait for the next pass, after the text has been re-linted.
    if (start < cursor || end > text.length || start > end) continue;
    output += text.slice(cursor, start) + (crlf ? toCrlf(fix.text) : fix.text);
    cursor = end;
    applied++;
  }
  return { output: output + text.slice(cursor), applied };
}

/** Every bare LF as CRLF; an existing CRLF stays as it is. */
function toCrlf(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    out += char === '\n' && text[i - 1] !== '\r' ? '\r\n' : (char ?? '');
  }
  return out;
}
