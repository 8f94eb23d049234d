import { readFileSync } from 'node:fs';
import { matchLabels, parseLabels, type EvalFinding } from './lint-score.js';
const findings = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as EvalFinding[];
const { labels } = parseLabels(readFileSync('bench/lint-labels.jsonl', 'utf8'));
const m = matchLabels(findings, labels);
const rule = process.argv[3];
for (const { finding, label } of m.matched)
  if ((!rule || finding.rule === rule) && label.verdict !== 'true')
    console.log(`${label.verdict}\t${finding.spec}:${finding.line}\t${finding.rule}/${finding.messageId}\t${finding.token}\t${label.reason}`);
