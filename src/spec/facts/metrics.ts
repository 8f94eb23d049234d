// Finds the metric names a Monitoring section declares, with their labels and type, telling them from log fields.
import type { Block, CodeBlock, InlineCode, Section, SpecDocument, Table } from '../model.js';
import { fold, plainText } from '../../text/fold.js';
import { columnOf } from '../walk.js';
import { isLead, itemLabel, mentionsLogs, mentionsMetrics, topicOf, type Topic } from './topics.js';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface MetricName {
  name: string;
  labels: string[];
  type: MetricType | undefined;
  line: number;
  column: number;
  endColumn: number;
}

interface Context {
  topic: Topic;
  type: MetricType | undefined;
}

/** How sure we are that inline code in a block is a metric: named as one, maybe one, or a log field. */
type Strength = 'strong' | 'neutral' | 'none';

const TOKEN = /^([^\s{}()[\]=,;"'`/.\\<>|]+)(?:\{([^}]*)\})?$/;
const TYPE_WORDS: [RegExp, MetricType][] = [
  [/\b(?:counters?|contador(?:es)?)\b/, 'counter'],
  [/\b(?:gauges?|medidor(?:es)?)\b/, 'gauge'],
  [/\b(?:histograms?|histogramas?)\b/, 'histogram'],
  [/\bsummar(?:y|ies)\b/, 'summary'],
];
const METRIC_LANGS = new Set(['promql', 'prometheus', 'openmetrics']);

/** The one metric type a text names; undefined when it names none or several. */
export function typeIn(text: string): MetricType | undefined {
  const folded = fold(text);
  const found = TYPE_WORDS.filter(([re]) => re.test(folded)).map(([, type]) => type);
  return found.length === 1 ? found[0] : undefined;
}

function strength(text: string, inherited: Context): Strength {
  if (mentionsMetrics(text)) return 'strong';
  if (mentionsLogs(text)) return 'none';
  return inherited.topic === 'metrics' ? 'strong' : inherited.topic === 'logs' ? 'none' : 'neutral';
}

/** `a, b e c` after `labels:` or `labelled by` in the same item or row. */
function labelsIn(text: string): string[] {
  const clean = fold(text.replace(/<!--[\s\S]*?-->/g, ''));
  const match = /\b(?:(?:labell?ed|rotulad[oa]s?) (?:by|por)|(?:labels?|rotulos?)\s*[:=])\s*([^.;\n]+)/.exec(
    clean,
  );
  if (!match?.[1]) return [];
  return match[1]
    .split(/,|\s(?:and|or|e|ou)\s|\s\/\s/)
    .map((part) => /^[a-z_][a-z0-9_]*/.exec(part.replace(/[`"'*]/g, '').trim())?.[0] ?? '')
    .filter(Boolean);
}

/** Words that forbid what follows them in the sentence: `sem `user_id``, `never label with `trace_id``. */
const NEGATION = /\b(?:sem|nunca|jamais|nem|proibid[oa]s?|without|never|not|nao)\b/;

/** Is the n-th code span of a text (from `from`) said after a negation in its sentence? */
function negated(text: string, value: string, from: number): { negated: boolean; at: number } {
  const at = text.indexOf(`\`${value}`, from);
  if (at < 0) return { negated: false, at: from };
  const before = text.slice(0, at);
  let start = before.length;
  while (start > 0 && !'.;:!?\n'.includes(before.charAt(start - 1))) start--;
  return { negated: NEGATION.test(fold(before.slice(start))), at: at + value.length + 1 };
}

/**
 * Parses one token; undefined when it does not look like a metric name in this context. A camelCase name with
 * no `_` (`recordEvent`) is a metric only when its own text names a metric type or labels, and PascalCase never; a wildcard
 * (`agent_llm_*`) names a family, not a metric.
 */
function asMetric(
  value: string,
  how: Strength,
  typed = true,
): { name: string; labels: string[] } | undefined {
  const match = TOKEN.exec(value.trim());
  const name = match?.[1];
  if (!name || how === 'none' || name === name.toUpperCase() || name.includes('*')) return undefined;
  const labels =
    match[2] === undefined ? undefined : match[2].split(',').map((l) => l.split('=')[0]?.trim() ?? '');
  const metricLike = /[_:]/.test(name) || labels !== undefined;
  // PascalCase (`ClaimReady`, `ParcelTracker`) is a type, function or component: never a metric.
  if (how === 'strong' && !metricLike && (!typed || /^[A-Z]/.test(name) || !/[a-z][A-Z]/.test(name)))
    return undefined;
  if (how === 'neutral' && labels === undefined && !/_(?:total|seconds|bytes|ratio)$/.test(name))
    return undefined;
  return { name, labels: (labels ?? []).filter(Boolean) };
}

/** Every metric name of the sections, in document order. */
export function collectMetrics(doc: SpecDocument, sections: readonly Section[]): MetricName[] {
  const out: MetricName[] = [];
  const contexts = new Map<Section, Context>();
  const fromCodes = (codes: readonly InlineCode[], text: string, ctx: Context): void => {
    const how = strength(text, ctx);
    const type = typeIn(text) ?? ctx.type;
    const extra = labelsIn(text);
    const typed = typeIn(text) !== undefined || extra.length > 0;
    let cursor = 0;
    for (const code of codes) {
      const said = negated(text, code.value, cursor);
      cursor = said.at;
      if (said.negated) continue;
      const metric = asMetric(code.value, how, typed);
      // A token named as a label (`labelled by `user_id``) is not itself a metric.
      if (!metric || extra.includes(fold(metric.name))) continue;
      const { line, column } = code.span.start;
      const labels = [...metric.labels, ...extra];
      out.push({ ...metric, labels, type, line, column, endColumn: code.span.end.column });
    }
  };
  for (const section of sections) {
    const parent = section.parent === undefined ? undefined : doc.sections[section.parent];
    const inherited = (parent && contexts.get(parent)) ?? { topic: 'other', type: undefined };
    const own: Context = {
      topic: topicOf(section.heading.text) ?? inherited.topic,
      type: typeIn(section.heading.text) ?? inherited.type,
    };
    contexts.set(section, own);
    const visit = (block: Block, ctx: Context): void => {
      if (block.kind === 'paragraph') fromCodes(block.inlineCode, block.text, ctx);
      else if (block.kind === 'table') fromTable(doc, block, ctx, out, fromCodes);
      else if (block.kind === 'blockquote') for (const inner of block.blocks) visit(inner, ctx);
      else if (
        block.kind === 'code' &&
        (ctx.topic === 'metrics' || METRIC_LANGS.has(block.lang) || /^# TYPE /m.test(block.content))
      ) {
        fromCode(doc, block, ctx, out);
      } else if (block.kind === 'list') {
        for (const item of block.items) {
          const label = itemLabel(item.text);
          fromCodes(item.inlineCode, item.text, ctx);
          const itemCtx = { topic: topicOf(label) ?? ctx.topic, type: typeIn(label) ?? ctx.type };
          for (const nested of item.lists) visit(nested, itemCtx);
        }
      }
    };
    // A lead paragraph (`Metrics:`, `**Logs estruturados:**`) sets the topic of the blocks after it.
    let current = own;
    for (const block of section.blocks) {
      if (block.kind === 'paragraph' && isLead(block.text)) {
        current = { topic: topicOf(block.text) ?? own.topic, type: typeIn(block.text) ?? own.type };
      }
      visit(block, current);
    }
  }
  return out;
}

type FromCodes = (codes: readonly InlineCode[], text: string, ctx: Context) => void;

function fromTable(
  doc: SpecDocument,
  table: Table,
  ctx: Context,
  out: MetricName[],
  fromCodes: FromCodes,
): void {
  const headers = table.header.map((cell) => fold(plainText(cell.text)));
  const nameCol = headers.findIndex((h) =>
    /^(?:metrics?|metricas?|name|nome|metric name|nome da metrica)$/.test(h),
  );
  const typeCol = headers.findIndex((h) => /^(?:type|tipo|kind)$/.test(h));
  const labelCol = headers.findIndex((h) => /^(?:labels?|rotulos?|tags?|dimensions?|dimensoes)$/.test(h));
  const tableCtx = { ...ctx, topic: topicOf(headers.join(' ')) ?? ctx.topic };
  for (const row of table.rows) {
    const rowText = row.map((cell) => cell.text).join(' | ');
    const type = typeIn(row[typeCol]?.text ?? '') ?? typeIn(rowText) ?? ctx.type;
    const labels = (row[labelCol]?.text ?? '')
      .split(/[,\s]+/)
      .map((l) => l.replace(/[`*]/g, ''))
      .filter(Boolean);
    const rowCtx = { topic: tableCtx.topic, type };
    const nameCell = row[nameCol];
    const plain = nameCell ? plainText(nameCell.text) : '';
    const metric =
      nameCell && nameCell.inlineCode.length === 0 ? asMetric(plain, strength(rowText, rowCtx)) : undefined;
    if (nameCell && metric) {
      const column = columnOf(doc, nameCell.line, plain);
      out.push({
        ...metric,
        labels: [...metric.labels, ...labels],
        type,
        line: nameCell.line,
        column,
        endColumn: column + plain.length,
      });
    }
    const before = out.length;
    // The Labels column names labels (`status_code`), never metrics.
    fromCodes(
      row.flatMap((cell, i) => (i === labelCol ? [] : cell.inlineCode)),
      rowText,
      rowCtx,
    );
    for (const found of out.slice(before)) found.labels.push(...labels);
  }
}

/** Lines such as `name{label} 1` or `name{label}  // counter`, and `# TYPE name counter` declarations. */
function fromCode(doc: SpecDocument, block: CodeBlock, ctx: Context, out: MetricName[]): void {
  const declared = new Map<string, MetricType>();
  for (const match of block.content.matchAll(/^# TYPE (\S+) (counter|gauge|histogram|summary)\b/gm)) {
    if (match[1] && match[2]) declared.set(match[1], match[2] as MetricType);
  }
  const first = block.line + (block.fenced ? 1 : 0);
  block.content.split('\n').forEach((text, offset) => {
    const match = expositionLine(text);
    if (!match?.[1]) return;
    const metric = asMetric(match[1], 'strong');
    if (!metric || !/[_:]/.test(metric.name)) return;
    const type = declared.get(metric.name) ?? typeIn(match[2]) ?? ctx.type;
    const line = first + offset;
    const column = columnOf(doc, line, metric.name);
    out.push({ ...metric, type, line, column, endColumn: column + match[1].length });
  });
}

const NAME_END = /[\s{#/]/;

/**
 * `name{labels} 1.5 # comment` as [whole, name with labels, comment]: what
 * `^\s*([^\s{#/]+(?:\{[^}]*\})?)(?:\s+[-+\d.eE]+)*\s*(?:(?:\/\/|#|--)\s*(.*))?$` matched, read by index (the
 * regex could trade characters between its parts and backtrack polynomially on a long line).
 */
function expositionLine(text: string): [string, string, string] | undefined {
  let at = text.length - text.trimStart().length;
  const start = at;
  while (at < text.length && !NAME_END.test(text[at] ?? '')) at++;
  if (at === start) return undefined;
  if (text[at] === '{') {
    const close = text.indexOf('}', at);
    if (close === -1) return undefined;
    at = close + 1;
  }
  const name = text.slice(start, at);
  const number = /[-+\d.eE]+/y;
  for (;;) {
    const spaced = at;
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
    if (at === text.length) return [text, name, ''];
    const marker = text.startsWith('//', at) || text.startsWith('--', at) ? 2 : text[at] === '#' ? 1 : 0;
    if (marker > 0) return [text, name, text.slice(at + marker).trimStart()];
    number.lastIndex = at;
    if (at === spaced || !number.test(text)) return undefined;
    at = number.lastIndex;
  }
}
