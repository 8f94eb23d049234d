// What the dashboard and the REST API show of one feature: its list row and its parsed, linted spec.
import type { InputProblem, LintResult } from '../lint/diagnostic.js';
import { specSummary } from '../lint/specs.js';
import type { SpecDocument } from '../spec/model.js';
import type { Feature } from '../workspace/features.js';
import type { DriftDetail, SectionInfo, SpecDetail, SpecSummary } from './api-types.js';

export type { DriftDetail, DriftState, SectionInfo, SpecDetail, SpecSummary } from './api-types.js';

/** One feature as read and linted: the raw material of its summary and detail. */
export interface SpecRecord {
  feature: Feature;
  text: string | null;
  doc: SpecDocument | null;
  lint: LintResult | null;
  problems: InputProblem[];
  drift: DriftDetail | null;
  trace: unknown;
  /** The list row, once computed; cleared whenever the record changes (see updates.ts). */
  summary?: SpecSummary;
}

/** The list row, computed once per record state: a spec list request only reads it. */
export function summarize(record: SpecRecord): SpecSummary {
  if (record.summary) return record.summary;
  const { feature, doc, lint } = record;
  // The library's summary (what MCP list_specs answers), in the API's wire format: nulls, counts, drift.
  const core = specSummary(feature, doc ?? undefined, lint ?? undefined);
  record.summary = {
    feature: core.feature,
    dir: core.dir,
    spec: core.spec ?? null,
    prd: core.prd ?? null,
    tasks: core.tasks ?? null,
    title: doc?.title?.text ?? null,
    status: core.status ?? null,
    counts: { error: lint?.errorCount ?? 0, warning: lint?.warningCount ?? 0 },
    problems: record.problems.length,
    drift: record.drift?.state ?? null,
    words: core.words ?? null,
  };
  return record.summary;
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

function sectionsOf(doc: SpecDocument): SectionInfo[] {
  return doc.sections.map((section) => ({
    id: section.id ?? null,
    title: section.title,
    level: section.heading.level,
    line: section.heading.line,
    endLine: section.endLine,
  }));
}
