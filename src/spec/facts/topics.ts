// What a block of the Monitoring section talks about (metrics, logs), so that rules read names in context.
import { fold, plainText } from '../../text/fold.js';

export type Topic = 'metrics' | 'logs' | 'other';

const METRIC_WORDS =
  /\b(?:metrics?|metricas?|counters?|gauges?|histograms?|histogramas?|contador(?:es)?|prometheus|micrometer|openmetrics|labell?ed by|labels?:|rotulad[oa] por)\b/;
const LOG_WORDS =
  /\b(?:logs?|logging|logger|logar|logad[oa]s?|loga|logs? level|niveis|nivel|levels?|slog|pino|winston|logback|log4j|serilog|zap|slf4j)\b/;

export function mentionsMetrics(text: string): boolean {
  return METRIC_WORDS.test(fold(text));
}

export function mentionsLogs(text: string): boolean {
  return LOG_WORDS.test(fold(text));
}

/** The topic a heading or lead text sets: metrics wins over logs when both are named ("log-based metrics"). */
export function topicOf(text: string): Topic | undefined {
  if (mentionsMetrics(text)) return 'metrics';
  if (mentionsLogs(text)) return 'logs';
  return undefined;
}

/** A paragraph that introduces what follows: `Metrics:`, `**Logs estruturados:**`, `**Backend Monitoring**`. */
export function isLead(text: string): boolean {
  const plain = plainText(text.replace(/<!--[\s\S]*?-->/g, ''));
  return plain.endsWith(':') || /^\*\*[^*]+\*\*:?$/.test(text.trim());
}

/** The label that opens a list item, as in `**Metrics:** …` or `Logs: …`; '' when there is none. */
export function itemLabel(text: string): string {
  const bold = /^\*\*([^*]+?)\*\*\s*:?/.exec(text);
  if (bold?.[1]) return bold[1];
  const plain = /^([^:`]{1,40}):\s/.exec(text);
  return plain?.[1] ?? '';
}
