// The drift of one spec: its baseline, then each detector of DETECTORS (detectors.ts) against the code.
import { summarize, type LintResult } from '../lint/diagnostic.js';
import type { SpecDocument } from '../spec/model.js';
import { baselineLabel, readBaseline, targetChanges } from './baseline.js';
import { DETECTORS, type DriftSpec } from './detectors.js';
import { listedTargets, type BaselineFiles } from './files.js';
import { resolveCommit } from './git.js';
import type { DriftCounts, DriftSpecSummary, EndpointState, FileState } from './model.js';
import { COUNT_OF, toDiagnostic, type DriftFinding } from './rules.js';
import type { DriftRun } from './run.js';
import { implementedStatus } from './status.js';

export interface SpecInput {
  /** The spec's path relative to the root. */
  spec: string;
  feature: string;
  doc: SpecDocument;
  all: boolean;
}

export async function specDrift(
  run: DriftRun,
  input: SpecInput,
): Promise<{ result: LintResult; summary: DriftSpecSummary }> {
  const { doc } = input;
  const written = readBaseline(doc);
  const findings: DriftFinding[] = [];
  const notes: string[] = [];
  const commit = written.value === undefined ? undefined : await resolveCommit(run.root, written.value);
  let baseline: BaselineFiles | undefined;
  if (written.value === undefined) {
    findings.push({ ruleId: 'drift/no-baseline', data: {}, at: written.at });
  } else if (commit === undefined) {
    const why = run.shallow ? ' (this clone is shallow: fetch its full history, e.g. `fetch-depth: 0`)' : '';
    findings.push({
      ruleId: 'drift/baseline-unknown',
      data: { baseline: written.value, why },
      at: written.at,
    });
  }
  const data = commit === undefined ? undefined : await run.baseline(commit);
  const targets = listedTargets(doc, input.spec, data ? [run.current, data.files] : [run.current]);
  if (data && commit !== undefined && written.value !== undefined) {
    const label = baselineLabel(written.value, commit);
    baseline = { ...data, ...(await targetChanges(run.root, commit, targets, data.added)), label };
  }
  const spec: DriftSpec = {
    spec: input.spec,
    doc,
    implemented: implementedStatus(doc),
    commit,
    baseline,
    targets,
  };
  let files: FileState[] = [];
  let endpoints: EndpointState[] = [];
  for (const detector of DETECTORS) {
    const found = await detector.check(spec, run);
    findings.push(...found.findings);
    notes.push(...(found.notes ?? []));
    if (found.files) files = found.files;
    if (found.endpoints) endpoints = found.endpoints;
  }

  const diagnostics = findings.map((finding) => toDiagnostic(doc, input.spec, finding));
  const result = summarize(input.spec, diagnostics);
  const done = files.filter((s) => s.status === 'done').map((s) => s.path);
  const summary: DriftSpecSummary = {
    spec: input.spec,
    feature: input.feature,
    ...(written.value === undefined ? {} : { baseline: written.value }),
    ...(commit === undefined ? {} : { baselineCommit: commit }),
    state: baseline === undefined ? 'no-baseline' : findings.length > 0 ? 'drifted' : 'clean',
    counts: countsOf(findings, done.length),
    done,
    notes,
    ...(input.all ? { files, endpoints } : {}),
  };
  return { result, summary };
}

/** The findings of each counted kind (COUNT_OF, from rules.ts), every finding, and the new paths now present. */
function countsOf(findings: readonly DriftFinding[], done: number): DriftCounts {
  const counts = { findings: findings.length, done } as DriftCounts;
  for (const key of COUNT_OF.values()) counts[key] = 0;
  for (const finding of findings) {
    const key = COUNT_OF.get(finding.ruleId);
    if (key) counts[key]++;
  }
  return counts;
}
