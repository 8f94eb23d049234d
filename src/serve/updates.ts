// The parts of a refresh beyond linting: which features a change touches, and their trace and drift.
import path from 'node:path';
import { TechspecError } from '../errors.js';
import { listedPaths } from '../spec/facts/relevant-files.js';
import type { Feature } from '../workspace/features.js';
import type { Integrations } from './integrations.js';
import type { Logger } from './logger.js';
import type { SpecRecord } from './spec-model.js';

/** Features whose own files changed, or whose spec lists a file that changed (its drift may have moved). */
export function touchedFeatures(
  features: readonly Feature[],
  records: ReadonlyMap<string, SpecRecord>,
  changed: readonly string[],
): Feature[] {
  const set = new Set(changed);
  return features.filter((feature) => {
    if ([feature.spec, feature.prd, feature.tasks].some((file) => file !== undefined && set.has(file)))
      return true;
    return listedFiles(records.get(feature.feature)).some((file) => set.has(file));
  });
}

/** The Relevant Files of a record's spec as repository paths: as written, and from the spec's folder. */
export function listedFiles(record: SpecRecord | undefined): string[] {
  if (!record?.doc || record.feature.spec === undefined) return [];
  const dir = path.posix.dirname(record.feature.spec);
  return listedPaths(record.doc).flatMap((entry) =>
    dir === '.' || entry.absolute ? [entry.path] : [entry.path, `${dir}/${entry.path}`],
  );
}

export function refreshTrace(
  record: SpecRecord,
  root: string,
  integrations: Integrations,
  logger: Logger,
): void {
  record.trace = null;
  if (!integrations.trace || record.feature.prd === undefined) return;
  try {
    record.trace = integrations.trace(root, record.feature.feature);
  } catch (error) {
    if (!(error instanceof TechspecError)) logger.error({ err: error }, 'trace failed');
    const message = error instanceof Error ? error.message : String(error);
    record.problems.push({ file: record.feature.prd, code: 'TRACE', message });
  }
}

/** Drift of the records' specs; returns a one-line problem when the check itself failed. */
export async function refreshDrift(
  records: readonly SpecRecord[],
  root: string,
  integrations: Integrations,
  logger: Logger,
): Promise<string | undefined> {
  const specs = records.flatMap((record) =>
    record.lint && record.feature.spec ? [record.feature.spec] : [],
  );
  if (!integrations.drift || specs.length === 0) return undefined;
  try {
    const outcomes = new Map(
      (await integrations.drift(root, specs)).map((outcome) => [outcome.spec, outcome]),
    );
    for (const record of records) {
      const spec = record.feature.spec;
      record.drift = spec === undefined ? null : (outcomes.get(spec)?.detail ?? null);
      delete record.summary;
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof TechspecError)) logger.error({ err: error }, 'drift check failed');
    return error instanceof Error ? error.message : String(error);
  }
}
