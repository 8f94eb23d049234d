// What the dashboard and the REST API show of one feature: its list row and its parsed, linted spec.
import type { Diagnostic, InputProblem, LintResult } from '../lint/diagnostic.js';
import { specWords } from '../lint/rules/word-budget.js';
import type { SpecDocument } from '../spec/model.js';
import type { Feature } from '../workflow/features.js';

/** Drift as the dashboard shows it; null while drift is unavailable or not yet computed. */
export type DriftState = 'clean' | 'drifted' | 'no-baseline';

export interface SpecSummary {
  feature: string;
  dir: string;
  spec: string | null;
  prd: string | null;
  tasks: string | null;
  title: string | null;
  /** The front matter's `status` (draft, approved…), or null. */
  status: string | null;
  counts: { error: number; warning: number };
  /** Files of the feature that could not be read or linted (outside the repository, binary, empty…). */
  problems: number;
  drift: DriftState | null;
  words: number | null;
}

export interface SectionInfo {
  /** Template section id, or null for a section the template does not have. */
  id: string | null;
  title: string;
  level: number;
  line: number;
  endLine: number;
}

export interface DriftDetail {
  state: DriftState;
  baseline: string | null;
  findings: Diagnostic[];
  /** Planned files that now exist. */
  done: string[];
}

export interface SpecDetail extends Omit<SpecSummary, 'problems'> {
  /** The spec's Markdown, for rendering; null when there is no readable spec. */
  text: string | null;
  frontMatter: { line: number; endLine: number; data: unknown } | null;
  sections: SectionInfo[];
  findings: Diagnostic[];
  problems: InputProblem[];
  drift: DriftState | null;
  driftDetail: DriftDetail | null;
  /** The PRD → tasks trace (the workflow's TraceReport), or null when unavailable. */
  trace: unknown;
}

/** One feature as read and linted: the raw material of its summary and detail. */
export interface SpecRecord {
  feature: Feature;
  text: string | null;
  doc: SpecDocument | null;
  lint: LintResult | null;
  problems: InputProblem[];
  drift: DriftDetail | null;
  trace: unknown;
}

export function summarize(record: SpecRecord): SpecSummary {
  const { feature, doc, lint } = record;
  return {
    feature: feature.feature,
    dir: feature.dir,
    spec: feature.spec ?? null,
    prd: feature.prd ?? null,
    tasks: feature.tasks ?? null,
    title: doc?.title?.text ?? null,
    status: doc ? statusOf(doc) : null,
    counts: { error: lint?.errorCount ?? 0, warning: lint?.warningCount ?? 0 },
    problems: record.problems.length,
    drift: record.drift?.state ?? null,
    words: doc ? specWords(doc) : null,
  };
}

export function detail(record: SpecRecord): SpecDetail {
  const { doc } = record;
  const front = doc?.frontMatter;
  return {
    ...summarize(record),
    text: record.text,
    frontMatter: front ? { line: front.line, endLine: front.endLine, data: front.data ?? null } : null,
    sections: doc ? sectionsOf(doc) : [],
    findings: record.lint?.diagnostics ?? [],
    problems: record.problems,
    driftDetail: record.drift,
    trace: record.trace ?? null,
  };
}

function statusOf(doc: SpecDocument): string | null {
  const data = doc.frontMatter?.data;
  if (typeof data !== 'object' || data === null || !('status' in data)) return null;
  const status = data.status;
  return typeof status === 'string' || typeof status === 'number' ? String(status) : null;
}

function sectionsOf(doc: SpecDocument): SectionInfo[] {
  return doc.sections.map((section) => ({
    id: section.id ?? null,
    title: section.title,
    level: section.heading.level,
    line: section.heading.line,
    endLine: section.endLine,
  }));
}
