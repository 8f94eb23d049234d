// The data of a drift check: what `checkDrift` returns, per run and per spec, for the CLI, MCP and the dashboard.
import type { InputProblem, LintResult } from '../lint/diagnostic.js';
import type { DriftCountKey } from './rules.js';

export interface DriftOptions {
  /** Also list, per spec, every listed path with its state (unchanged ones included). */
  all?: boolean;
  /** Move each named spec's `baseline:` to HEAD before checking (only the specs named; never every spec). */
  accept?: boolean;
}

/** Where the spec stands against its baseline. */
export type DriftState = 'clean' | 'drifted' | 'no-baseline';

/** What became of one path that Relevant Files lists, between the baseline and the working tree. */
export type FileStatus =
  | 'unchanged'
  | 'changed'
  | 'deleted'
  | 'renamed'
  | 'missing'
  /** Marked as new and now present. */
  | 'done'
  /** Marked as new and not present yet. */
  | 'planned'
  /** Not marked as new, absent at the baseline, present now. */
  | 'added'
  /** Present, with no baseline to compare it with. */
  | 'present';

export interface FileState {
  /** Repository-relative path as resolved (the old path of a rename). */
  path: string;
  status: FileStatus;
  /** The path it was renamed to. */
  to?: string;
  line: number;
}

/** What became of one endpoint of API Endpoints: declared by a route, missing (a finding), or still planned. */
export interface EndpointState {
  endpoint: string;
  status: 'present' | 'missing' | 'planned';
  line: number;
  /** The route that declares it: `<framework> <file>:<line>`. */
  route?: string;
}

/**
 * A spec's findings: every finding (what makes `techspec check` exit 1), one count per counted kind (the `count` of
 * each kind in rules.ts: deleted, renamed, changed, missing, endpointMissing, endpointUnlisted, symbolMissing,
 * metricMissing), and `done`, the paths marked as new that now exist.
 */
export type DriftCounts = { findings: number; done: number } & Record<DriftCountKey, number>;

export interface DriftSpecSummary {
  /** Repository-relative path of the spec. */
  spec: string;
  feature: string;
  /** The `baseline:` front matter value as written, when there is one. */
  baseline?: string;
  /** The commit the baseline names, when git knows it. */
  baselineCommit?: string;
  state: DriftState;
  counts: DriftCounts;
  /** Paths marked as new that now exist. */
  done: string[];
  /** Things not checked, and why (no supported framework, no baseline…): one sentence each. */
  notes: string[];
  /** With `all`: every listed path and its state. */
  files?: FileState[];
  /** With `all`: every endpoint of API Endpoints and its state. */
  endpoints?: EndpointState[];
  /** With `accept`: the baseline before and after, and whether the file was written. */
  accepted?: { from?: string; to: string; written: boolean };
}

export interface DriftReport {
  results: LintResult[];
  problems: InputProblem[];
  specs: DriftSpecSummary[];
}

/** A position in the spec that a finding points at. */
export interface SpecPosition {
  line: number;
  column: number;
  endColumn?: number;
}
