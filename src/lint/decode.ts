// Reading a spec file as text: the size limit, binary and UTF-8 checks, the BOM kept apart for fixes.
import type { InputProblem } from './diagnostic.js';
import { MAX_SPEC_BYTES } from '../limits.js';

export const DEFAULT_MAX_FILE_BYTES = MAX_SPEC_BYTES;

export type Decoded = { text: string; bom: string } | { problem: Omit<InputProblem, 'file'> };

/** Accepts only non-empty UTF-8 text without NUL bytes; the BOM is kept apart so fixes can restore it. */
export function decode(bytes: Uint8Array, maxFileBytes: number): Decoded {
  if (bytes.length > maxFileBytes) return { problem: tooLarge('', bytes.length, maxFileBytes).problem };
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      problem: {
        code: 'BINARY',
        message: `File is binary (NUL byte at offset ${nul}), expected Markdown text`,
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = invalidUtf8At(bytes);
    const message = `File is not valid UTF-8 (byte 0x${hex(bytes[at] ?? 0)} at ${lineColumn(bytes, at)}), expected UTF-8 text: re-save it as UTF-8`;
    return { problem: { code: 'INVALID_UTF8', message } };
  }
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  if (text.trim() === '') {
    return { problem: { code: 'EMPTY', message: 'File is empty, expected a tech spec in Markdown' } };
  }
  return { text: text.slice(bom.length), bom };
}

export function tooLarge(shown: string, size: number, max: number): { problem: InputProblem } {
  return {
    problem: {
      file: shown,
      code: 'TOO_LARGE',
      message: `File is ${megabytes(size)}, expected at most ${megabytes(max)}`,
    },
  };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function invalidUtf8At(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points above U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if (lead === 0xe0 && second < 0xa0) return i;
    if (lead === 0xed && second > 0x9f) return i;
    if (lead === 0xf0 && second < 0x90) return i;
    if (lead === 0xf4 && second > 0x8f) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

function lineColumn(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, byte ${offset - lineStart + 1} of the line`;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
