// Inline control comments: `techspec-disable`, `techspec-enable`, `techspec-disable-next-line`, `techspec-disable-line`.
import type { SpecDocument } from '../spec/model.js';

interface Suppression {
  /** Rule ids, or undefined for every rule. */
  rules: Set<string> | undefined;
  from: number;
  to: number;
}

export type SuppressionCheck = (ruleId: string, line: number) => boolean;

const DIRECTIVE = /^techspec-(disable-next-line|disable-line|disable|enable)\b(.*)$/s;

/** Reads every directive of a document once and answers whether a (rule, line) is silenced. */
export function readSuppressions(doc: SpecDocument): SuppressionCheck {
  const ranges: Suppression[] = [];
  const open = new Map<string, number>();
  const lastLine = doc.lines.length;
  for (const comment of doc.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const kind = match[1];
    const ids = (match[2] ?? '')
      .split(/--/)[0]
      ?.split(/[\s,]+/)
      .filter((id) => id !== '');
    const rules = ids && ids.length > 0 ? new Set(ids) : undefined;
    if (kind === 'disable-next-line') ranges.push({ rules, from: comment.line + 1, to: comment.line + 1 });
    else if (kind === 'disable-line') ranges.push({ rules, from: comment.line, to: comment.line });
    else if (kind === 'disable') for (const id of rules ?? ['*']) open.set(id, open.get(id) ?? comment.line);
    else {
      for (const id of rules ?? [...open.keys()]) {
        const from = open.get(id);
        if (from === undefined) continue;
        ranges.push({ rules: id === '*' ? undefined : new Set([id]), from, to: comment.line });
        open.delete(id);
      }
    }
  }
  for (const [id, from] of open)
    ranges.push({ rules: id === '*' ? undefined : new Set([id]), from, to: lastLine });
  return (ruleId, line) =>
    ranges.some((r) => line >= r.from && line <= r.to && (r.rules === undefined || r.rules.has(ruleId)));
}
