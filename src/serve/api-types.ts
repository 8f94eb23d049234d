// The REST API's answers as types with no runtime dependency, shared by the server and the dashboard (web/ imports
// them, so that the page and the API cannot disagree without the type checker saying so).
import type { Diagnostic, InputProblem } from '../lint/diagnostic.js';
import type { JsonReport } from '../lint/formatters/json.js';
import type { RuleProblem, RuleSource } from '../assistants/rules/model.js';

export type { Diagnostic, InputProblem, RuleProblem, RuleSource };

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
  /** What the check could not look at, and why (no baseline, no supported framework…). */
  notes: string[];
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

export interface ContextResponse {
  /** As `techspec context --format json`, plus `listed` (for a spec): whether the spec already lists it. */
  rules: { path: string; verdict: string; reason: string; score: number; listed?: boolean }[];
  files: { path: string; score: number; reason: string; listed?: boolean }[];
  /** For a spec: what it lists that the context engine does not suggest (rules judged `no`, files not ranked). */
  listedOnly?: { rules: string[]; files: string[] };
  problems: string[];
}

/** POST /api/v0/lint: as `techspec lint --stdin --format json`. */
export type LintResponse = JsonReport;

/** GET /api/v0/rules: as `techspec rules --format json`, without the bodies. */
export interface RuleScanResponse {
  sources: Omit<RuleSource, 'body'>[];
  problems: RuleProblem[];
}

export interface SpecList {
  specs: SpecSummary[];
  /** Repository-wide problems (a broken config, a drift check that failed), one line each. */
  problems: string[];
}

export interface ErrorResponse {
  error: { code: string; message: string };
}
