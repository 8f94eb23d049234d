// Index walks over text that replace regexes which backtrack or rescan super-linearly on hostile input (ReDoS):
// trailing runs, comments, code spans, delimited parts. Linear in the text; test/security/linear-time.test.ts.

/**
 * `text` without the run of `chars` at its end (`trimEnd('a//', '/')` → `a`); `chars` may also be a test per
 * character. One walk from the end: the regex `/[…]+$/` it replaces is quadratic on a long run not at the end.
 */
export function trimEnd(text: string, chars: string | ((char: string) => boolean)): string {
  const has = typeof chars === 'string' ? (char: string) => chars.includes(char) : chars;
  let end = text.length;
  while (end > 0 && has(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** `text` up to the first of `chars` (`cutAt('a?b#c', '?#')` → `a`): what `/[?#].*$/` removed, in one walk. */
export function cutAt(text: string, chars: string): string {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i] ?? '')) return text.slice(0, i);
  return text;
}

/** `text` up to the first `marker` (`//`, `#`): a line comment removed in one indexOf. */
export function cutAtMarker(text: string, marker: string): string {
  const at = text.indexOf(marker);
  return at === -1 ? text : text.slice(0, at);
}

/** True for whitespace as `\s` means it. */
export function isSpace(char: string): boolean {
  return char.trim() === '';
}

/**
 * `text` with each `open … close` (to the first `close` after `open`) replaced by `replace(part)`: indexOf walks,
 * linear, where `/<!--[\s\S]*?-->/g` rescans the rest of the text from every `<!--` that is never closed.
 */
export function replaceBetween(
  text: string,
  open: string,
  close: string,
  replace: (part: string) => string,
): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start === -1) break;
    const end = text.indexOf(close, start + open.length);
    if (end === -1) break;
    out += text.slice(from, start) + replace(text.slice(start, end + close.length));
    from = end + close.length;
  }
  return out + text.slice(from);
}

/** A code span of inline Markdown: `[start, end)` with its backticks, `ticks` of them on each side. */
export interface CodeSpanRange {
  start: number;
  end: number;
  ticks: number;
}

/**
 * The code spans of `text` (a run of backticks, content, the same run again), in order. One walk with a memo of run
 * lengths known to have no closer, where a backtracking regex went quadratic on runs of backticks.
 */
export function codeSpanRanges(text: string): CodeSpanRange[] {
  const noCloserFrom = new Map<number, number>();
  const out: CodeSpanRange[] = [];
  let i = text.indexOf('`');
  while (i !== -1) {
    const open = runEnd(text, i);
    const ticks = open - i;
    const close = (noCloserFrom.get(ticks) ?? Infinity) <= open ? -1 : closerOf(text, open, ticks);
    if (close === -1) {
      noCloserFrom.set(ticks, Math.min(noCloserFrom.get(ticks) ?? Infinity, open));
      i = text.indexOf('`', open);
      continue;
    }
    out.push({ start: i, end: close + ticks, ticks });
    i = text.indexOf('`', close + ticks);
  }
  return out;
}

/** `text` with each code span replaced by `replace(span)`. */
export function replaceCodeSpans(text: string, replace: (span: string) => string): string {
  let out = '';
  let from = 0;
  for (const { start, end } of codeSpanRanges(text)) {
    out += text.slice(from, start) + replace(text.slice(start, end));
    from = end;
  }
  return out + text.slice(from);
}

function runEnd(text: string, start: number): number {
  let end = start;
  while (text[end] === '`') end++;
  return end;
}

/** Start of the first run of exactly `ticks` backticks at or after `from` with content before it, else -1. */
function closerOf(text: string, from: number, ticks: number): number {
  for (let i = text.indexOf('`', from); i !== -1;) {
    const end = runEnd(text, i);
    if (end - i === ticks && i > from) return i;
    i = text.indexOf('`', end);
  }
  return -1;
}
