// A progress bar on stderr for long indexing: shown only on a terminal, and only once a second has passed.
import type { OutputStream } from './io.js';

const WIDTH = 24;
const DELAY_MS = 1000;

export interface Progress {
  /** Give to buildIndex (through getContext) as onProgress. */
  update(done: number, total: number): void;
  /** Clears the bar, if one was drawn. */
  end(): void;
}

/** A bar that draws itself on `stream` after DELAY_MS; on anything but a terminal it never draws. */
export function progressBar(stream: OutputStream, label: string, now: () => number = Date.now): Progress {
  const started = now();
  let drawn = false;
  let last = '';
  return {
    update(done, total) {
      if (stream.isTTY !== true || total === 0 || now() - started < DELAY_MS) return;
      const filled = Math.round((WIDTH * done) / total);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} files`;
      if (line === last) return;
      stream.write(`\r${line}`);
      last = line;
      drawn = true;
    },
    end() {
      if (drawn) stream.write(`\r${' '.repeat(last.length)}\r`);
      drawn = false;
    },
  };
}

/**
 * One line saying what a long step is doing (`techspec serve: reading the repository…`), on a terminal only and
 * cleared by `end()`; on anything else it writes nothing, so piped and JSON output stay clean.
 */
export function progressNote(stream: OutputStream, text: string): Pick<Progress, 'end'> {
  if (stream.isTTY !== true) return { end: () => undefined };
  stream.write(text);
  return {
    end() {
      stream.write(`\r${' '.repeat(text.length)}\r`);
    },
  };
}

/** The bar for a command whose output is `format`: none for machine formats (JSON, SARIF) whatever the terminal. */
export function progressFor(stream: OutputStream, format: string, label: string): Progress | undefined {
  return format === 'json' || format === 'sarif' ? undefined : progressBar(stream, label);
}
