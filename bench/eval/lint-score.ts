// The scoring of the lint evaluation, kept pure: the key of a finding, labels read from JSONL, findings matched to
// labels across small line shifts, precision per rule, and what appeared or disappeared against the labels.
import { createHash } from 'node:crypto';

export type Verdict = 'true' | 'false' | 'debatable';

/** One finding of one spec, as the evaluation writes it. */
export interface EvalFinding {
  spec: string;
  rule: string;
  messageId: string;
  line: number;
  /** Hash of the flagged text (see flaggedText): with spec, rule and messageId, the key labels are matched on. */
  hash: string;
  /** The flagged text, at most TOKEN_CHARS characters. */
  token: string;
  message: string;
  severity: string;
  /** The first `code` span of the message (a section, rule or path): breaks ties between findings of one key. */
  subject?: string;
}

/** A judged finding: one line of bench/lint-labels.jsonl. */
export interface Label {
  spec: string;
  rule: string;
  line: number;
  messageId: string;
  hash: string;
  verdict: Verdict;
  reason: string;
  token?: string;
  subject?: string;
}

/** A problem a rule should have reported and did not: a recall gap. */
export interface Missed {
  spec: string;
  rule: string;
  line: number;
  verdict: 'missed';
  reason: string;
}

export const TOKEN_CHARS = 60;

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The text a finding points at: its span when it lies on one line and is not empty; else the subject its message
 * names (a missing section is anchored on whatever heading follows, which moves as other sections are matched);
 * else the rest of its first line from its column. Whitespace runs count as one space.
 */
export function flaggedText(lines: readonly string[], span: Span, subject?: string): string {
  const first = lines[span.line - 1] ?? '';
  const start = Math.max(0, span.column - 1);
  // A span over the whole line (the engine's default when a rule gives only a line) points at nothing in it.
  const whole = first.slice(0, start).trim() === '' && span.endColumn - 1 >= first.trimEnd().length;
  const precise = span.endLine === span.line && span.endColumn > span.column && !whole;
  const text = precise ? first.slice(start, span.endColumn - 1) : (subject ?? first.slice(start));
  return text.replace(/\s+/g, ' ').trim();
}

export function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 10);
}

export function tokenOf(text: string): string {
  return text.length <= TOKEN_CHARS ? text : `${text.slice(0, TOKEN_CHARS - 1)}…`;
}

function keyOf(item: { spec: string; rule: string; messageId: string; hash: string }): string {
  return `${item.spec}\u0000${item.rule}\u0000${item.messageId}\u0000${item.hash}`;
}

const VERDICTS = new Set(['true', 'false', 'debatable', 'missed']);

/** Labels and missed lines of a JSONL text; a malformed line throws an error naming its number and key. */
export function parseLabels(text: string, file = 'labels'): { labels: Label[]; missed: Missed[] } {
  const labels: Label[] = [];
  const missed: Missed[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new Error(`${where}: invalid JSON (${(error as Error).message})`, { cause: error });
    }
    const row = value as Record<string, unknown>;
    const need = (key: string, type: 'string' | 'number'): void => {
      if (typeof row[key] !== type) throw new Error(`${where}: key "${key}" must be a ${type}`);
    };
    need('spec', 'string');
    need('rule', 'string');
    need('line', 'number');
    need('verdict', 'string');
    need('reason', 'string');
    const verdict = row.verdict as string;
    if (!VERDICTS.has(verdict)) {
      throw new Error(`${where}: verdict "${verdict}", expected true, false, debatable or missed`);
    }
    if (verdict === 'missed') {
      missed.push(row as unknown as Missed);
      return;
    }
    need('messageId', 'string');
    need('hash', 'string');
    labels.push(row as unknown as Label);
  });
  return { labels, missed };
}

export interface Matching {
  matched: { finding: EvalFinding; label: Label }[];
  /** Findings no label matches: new since the labels were written, or never judged. */
  unlabelled: EvalFinding[];
  /** Labels no finding matches: findings that disappeared. */
  disappeared: Label[];
}

/**
 * Matches each finding to the label of the same spec, rule, message id and flagged-text hash; among several such
 * labels (the same token flagged twice), the one nearest by line. Line numbers alone never decide a match.
 */
export function matchLabels(findings: readonly EvalFinding[], labels: readonly Label[]): Matching {
  const pool = new Map<string, Label[]>();
  for (const label of labels) {
    const key = keyOf(label);
    pool.set(key, [...(pool.get(key) ?? []), label]);
  }
  const matched: Matching['matched'] = [];
  const unlabelled: EvalFinding[] = [];
  for (const finding of findings) {
    const candidates = pool.get(keyOf(finding));
    if (candidates === undefined || candidates.length === 0) {
      unlabelled.push(finding);
      continue;
    }
    // Same subject first (several sections missing at one line), then the nearest line.
    const rank = (label: Label): number =>
      (label.subject !== undefined && label.subject !== finding.subject ? 1e9 : 0) +
      Math.abs(label.line - finding.line);
    let best = 0;
    candidates.forEach((label, i) => {
      const bestLabel = candidates[best];
      if (bestLabel && rank(label) < rank(bestLabel)) best = i;
    });
    const [label] = candidates.splice(best, 1);
    if (label) matched.push({ finding, label });
  }
  const disappeared = [...pool.values()].flat();
  return { matched, unlabelled, disappeared };
}

export interface RuleScore {
  rule: string;
  findings: number;
  true: number;
  false: number;
  debatable: number;
  unlabelled: number;
  /** true ÷ (true + false); undefined when neither. */
  precision: number | undefined;
  /** debatable ÷ labelled findings; undefined when none is labelled. */
  debatableShare: number | undefined;
  /** Missed lines for the rule that no finding of it answers yet: problems it does not report. */
  missed: number;
  /** Missed lines that a finding of the rule now sits on (same spec and line): gaps since closed. */
  caught: number;
}

/** One row per rule that has findings or missed lines, sorted by id, then the overall row under the id `all`. */
export function scoreRules(matching: Matching, missed: readonly Missed[]): RuleScore[] {
  const rows = new Map<string, RuleScore>();
  const row = (rule: string): RuleScore => {
    let found = rows.get(rule);
    if (!found) {
      found = {
        rule,
        findings: 0,
        true: 0,
        false: 0,
        debatable: 0,
        unlabelled: 0,
        precision: undefined,
        debatableShare: undefined,
        missed: 0,
        caught: 0,
      };
      rows.set(rule, found);
    }
    return found;
  };
  for (const { finding, label } of matching.matched) {
    const r = row(finding.rule);
    r.findings++;
    r[label.verdict]++;
  }
  for (const finding of matching.unlabelled) {
    const r = row(finding.rule);
    r.findings++;
    r.unlabelled++;
  }
  const found = new Set(
    [...matching.matched.map((m) => m.finding), ...matching.unlabelled].map(
      (f) => `${f.spec}\u0000${f.rule}\u0000${f.line}`,
    ),
  );
  for (const gap of missed) {
    if (found.has(`${gap.spec}\u0000${gap.rule}\u0000${gap.line}`)) row(gap.rule).caught++;
    else row(gap.rule).missed++;
  }
  const sorted = [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  const all = row('all');
  rows.delete('all');
  for (const r of sorted) {
    all.findings += r.findings;
    all.true += r.true;
    all.false += r.false;
    all.debatable += r.debatable;
    all.unlabelled += r.unlabelled;
    all.missed += r.missed;
    all.caught += r.caught;
  }
  return [...sorted, all].map(withRatios);
}

function withRatios(r: RuleScore): RuleScore {
  const judged = r.true + r.false;
  const labelled = judged + r.debatable;
  return {
    ...r,
    precision: judged === 0 ? undefined : r.true / judged,
    debatableShare: labelled === 0 ? undefined : r.debatable / labelled,
  };
}

const percent = (value: number | undefined): string =>
  value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;

/** The first `code` span of a message, if any. */
export function subjectOf(message: string): string | undefined {
  return /`([^`]+)`/.exec(message)?.[1];
}

/** The per-rule table as Markdown, the overall row last. */
export function formatScores(rows: readonly RuleScore[]): string {
  const head = [
    '| rule | findings | true | false | debatable | unlabelled | precision | debatable share | missed | caught |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const body = rows.map(
    (r) =>
      `| ${r.rule === 'all' ? '**all**' : r.rule} | ${r.findings} | ${r.true} | ${r.false} | ${r.debatable} | ${r.unlabelled} | ${percent(r.precision)} | ${percent(r.debatableShare)} | ${r.missed} | ${r.caught} |`,
  );
  return [...head, ...body].join('\n');
}

/** A finding or label as one short line: where, which rule and message, the verdict or message. */
export function describeFinding(finding: EvalFinding): string {
  return `${finding.spec}:${finding.line} ${finding.rule}/${finding.messageId} \`${finding.token}\` ${finding.message}`;
}

export function describeLabel(label: Label): string {
  return `${label.spec}:${label.line} ${label.rule}/${label.messageId} [${label.verdict}] ${label.reason}`;
}
