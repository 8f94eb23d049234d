// Mojibake: UTF-8 bytes that were decoded as Windows-1252 (or Latin-1) and saved again, such as `â€™` for `’`.
import { z } from 'zod';
import { offsetAt } from '../../spec/walk.js';
import { defineRule } from '../rule.js';

export const encodingArtifacts = defineRule({
  id: 'encoding-artifacts',
  description:
    'Detects UTF-8 text that was read as Windows-1252 and saved again (`Ã©` for `é`), and restores it.',
  severity: 'error',
  fixable: true,
  messages: {
    mojibake:
      'Unexpected `{{found}}`, expected `{{fixed}}`: UTF-8 text was decoded as Windows-1252 and saved again',
  },
  options: z.strictObject({}),
  check(doc, ctx) {
    // Every line, code and front matter included: the damage is in the bytes, wherever they are.
    // Most documents have no lead character followed by a continuation one: one scan settles it.
    if (!CANDIDATE.test(doc.text)) return;
    doc.lines.forEach((text, index) => {
      if (!CANDIDATE.test(text)) return;
      const line = index + 1;
      for (const run of findArtifacts(text)) {
        const start = offsetAt(doc, line, run.start + 1);
        ctx.report({
          messageId: 'mojibake',
          data: { found: visible(text.slice(run.start, run.end)), fixed: visible(run.text) },
          line,
          column: run.start + 1,
          endColumn: run.end + 1,
          fix: { range: [start, start + run.end - run.start], text: run.text },
        });
      }
    });
  },
});

/** Invisible characters (C1 controls, no-break and soft hyphen) spelled out, so the message shows them. */
function visible(text: string): string {
  return text.replace(/[\u0080-\u00a0\u00ad]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Windows-1252 bytes 0x80-0x9F; its five undefined bytes pass through as the C1 controls of the same value.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** A possible multi-byte lead (bytes 0xC2-0xF4 as characters) followed by a possible continuation byte. */
const CANDIDATE = new RegExp(`[\u00c2-\u00f4][\u0080-\u00bf${CP1252_HIGH}]`);

/** The byte a character came from when UTF-8 was read as Windows-1252 or Latin-1; undefined for others. */
function byteOf(char: string): number | undefined {
  if (char === '') return undefined;
  const code = char.charCodeAt(0);
  if (code >= 0x80 && code <= 0xff) return code;
  const high = CP1252_HIGH.indexOf(char);
  return high >= 0 ? 0x80 + high : undefined;
}

interface Artifact {
  start: number;
  end: number;
  text: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
/**
 * Two-byte leads whose characters turn up alone in Latin text: Latin-1 and Latin Extended-A letters (`Ã©`),
 * combining accents of decomposed text (`eÌ\u0081`) and Greek (`Î¼s`). Other scripts come in runs, and their
 * leads (`Ø`, `Ü`, `Ð`…) are ordinary capitals: alone, `T•Ø•R` is not mojibake.
 */
const SURE_LEADS = new Set([0xc2, 0xc3, 0xc4, 0xc5, 0xcc, 0xce, 0xcf]);
/** After a word, a closing quote, dash, ellipsis or ™ is ordinary text: `“AMANHÃ”` is not `AMANHÔ`. */
const CLOSING = new Set(['\u2019', '\u201d', '\u2026', '\u2013', '\u2014', '\u2122']);

/** Runs of characters on one line that, mapped back to bytes, are valid multi-byte UTF-8. */
export function findArtifacts(text: string): Artifact[] {
  const found: (Artifact & { sure: boolean })[] = [];
  for (let i = 0; i < text.length;) {
    const candidate = decodeAt(text, i);
    if (candidate) {
      found.push(candidate);
      i = candidate.end;
    } else i++;
  }
  // A lone unlikely sequence (a CJK character, a capital before a closing quote) is kept only next to another.
  const touching = (k: number): boolean =>
    found[k - 1]?.end === found[k]?.start || found[k + 1]?.start === found[k]?.end;
  const kept = found.filter((artifact, k) => artifact.sure || touching(k));
  const runs: Artifact[] = [];
  for (const artifact of kept) {
    const last = runs.at(-1);
    if (last?.end === artifact.start) {
      last.end = artifact.end;
      last.text += artifact.text;
    } else runs.push({ start: artifact.start, end: artifact.end, text: artifact.text });
  }
  return runs;
}

function decodeAt(text: string, start: number): (Artifact & { sure: boolean }) | undefined {
  const lead = byteOf(text.charAt(start));
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return undefined;
  const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const byte = byteOf(text.charAt(start + k));
    if (byte === undefined || byte > 0xbf) return lostQuote(text, start, bytes);
    bytes.push(byte);
  }
  let decoded: string;
  try {
    decoded = decoder.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
  if (/^[\u0080-\u009f]$/.test(decoded)) return undefined;
  const end = start + length;
  const next = text.charAt(end);
  const sure =
    length === 4 ||
    (length === 3 && (lead === 0xe2 || lead === 0xef)) ||
    (length === 2 && SURE_LEADS.has(lead) && !(CLOSING.has(text.charAt(start + 1)) && !/\p{L}/u.test(next)));
  return { start, end, text: decoded, sure };
}

/** `â€` then no third byte: cp1252 has no character for 0x9D, the last byte of `”`, so it was lost. */
function lostQuote(text: string, start: number, bytes: number[]): (Artifact & { sure: boolean }) | undefined {
  if (bytes.length !== 2 || bytes[0] !== 0xe2 || bytes[1] !== 0x80) return undefined;
  return { start, end: start + 2, text: '\u201d', sure: true };
}
