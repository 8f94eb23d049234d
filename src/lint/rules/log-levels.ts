// Log levels a spec names are levels real loggers have, so the implementation can log at exactly that level.
import { z } from 'zod';
import { defineRule } from '../rule.js';
import { collectLevels, discussesLogLevels } from '../../spec/facts/log-levels.js';
import { closest, fold } from '../../text/fold.js';
import { sectionIndexes, subtreeSections } from '../../spec/walk.js';

const SECTION_ID = 'monitoring-and-observability';

/**
 * The union of the levels of common loggers: pino, winston (npm levels), log4j/log4j2, slf4j/logback,
 * Python logging, zap, Go slog, Serilog, java.util.logging and syslog (RFC 5424), with their usual short forms.
 */
const KNOWN_LEVELS = (
  'trace debug info information informational notice warn warning error err fatal critical ' +
  'crit alert emergency emerg panic dpanic verbose silly http severe config fine finer ' +
  'finest all off silent notset'
).split(' ');
const SUGGESTIONS = 'trace debug info notice warn warning error fatal critical verbose'.split(' ');

export const logLevels = defineRule({
  id: 'log-levels',
  description: 'Checks that the log levels a spec names are levels that common loggers define.',
  severity: 'warning',
  fixable: false,
  messages: {
    unknown: 'Unexpected log level `{{level}}`, expected {{expected}}',
  },
  options: z.strictObject({
    /** Extra level names your logger defines (for example `success` for consola, `audit` for a custom one). */
    allow: z.array(z.string()).default([]),
  }),
  check(doc, ctx) {
    const known = new Set([...KNOWN_LEVELS, ...ctx.options.allow.map(fold)]);
    const isKnown = (word: string) => known.has(fold(word));
    const monitoring = new Set(sectionIndexes(doc, SECTION_ID).flatMap((i) => subtreeSections(doc, i)));
    const everywhere = () => true;
    const found = [
      ...collectLevels(doc, doc.preamble, isKnown, discussesLogLevels),
      ...doc.sections.flatMap((section) =>
        collectLevels(
          doc,
          section.blocks,
          isKnown,
          monitoring.has(section) ? everywhere : discussesLogLevels,
        ),
      ),
    ];
    const reported = new Set<string>();
    for (const { level, line, column, endColumn } of found) {
      if (isKnown(level) || reported.has(`${line}:${column}`)) continue;
      reported.add(`${line}:${column}`);
      const near = closest(fold(level), SUGGESTIONS, 2);
      const expected = near
        ? `\`${near}\` or another level loggers define`
        : 'a level loggers define, such as `debug`, `info`, `warn`, `error` or `fatal`';
      ctx.report({ messageId: 'unknown', data: { level, expected }, line, column, endColumn });
    }
  },
});
