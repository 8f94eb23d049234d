// Text shaping for the dashboard that needs no DOM: HTML comments blanked out of a spec before rendering, and
// `inline code` in plain messages split out so that the page shows it as code.

/** `text` with every HTML comment removed but its line breaks kept, so that line numbers still match the file. */
export function withoutComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ''));
}

export interface TextPart {
  code: boolean;
  text: string;
}

/** A message split into plain text and code spans (`` `x` ``, ``` ``a`b`` ```); an unclosed backtick stays text. */
export function codeSpans(message: string): TextPart[] {
  const parts: TextPart[] = [];
  let rest = message;
  for (
    let match = /(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest);
    match;
    match = /(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest)
  ) {
    if (match.index > 0) parts.push({ code: false, text: rest.slice(0, match.index) });
    parts.push({ code: true, text: (match[2] ?? '').replace(/^ (.*) $/, '$1') });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest !== '') parts.push({ code: false, text: rest });
  return parts;
}
