// The dashboard's in-memory model of one repository: features, each spec's parse and lint result, drift, trace and
// rule sources. Refreshed in place from the paths that changed; every refresh runs after the previous one.
import path from 'node:path';
import { CONFIG_FILES } from '../workspace/config.js';
import { loadConfig, type ResolvedConfig } from '../lint/config.js';
import { TechspecError } from '../errors.js';
import { createProject, listFiles, type Project } from '../workspace/project.js';
import { type RuleScan } from '../assistants/rules/discover.js';
import { findFeature, listFeatures, type Feature } from '../workspace/features.js';
import type { EventHub } from './events.js';
import type { Integrations } from './integrations.js';
import type { Logger } from './logger.js';
import { recordFindings, type ServeMetrics } from './metrics.js';
import { readRecords } from './records.js';
import type { SpecList } from './api-types.js';
import { detail, summarize, type SpecDetail, type SpecRecord } from './spec-model.js';
import { listedFiles, refreshDrift, refreshTrace, touchedFeatures } from './updates.js';
import { repositoryRules } from '../workspace/rules.js';

export interface ServeStateOptions {
  root: string;
  logger: Logger;
  metrics: ServeMetrics;
  events: EventHub;
  integrations: Integrations;
}

export interface ServeState {
  readonly root: string;
  /** Resolves when the first full read is done. */
  readonly ready: Promise<void>;
  specs(): SpecList;
  /** The feature's detail; TechspecError NOT_FOUND for an unknown name, PATH_OUTSIDE for a spec outside the root. */
  spec(name: string): SpecDetail;
  features(): readonly Feature[];
  files(): readonly string[];
  config(): ResolvedConfig;
  project(): Project;
  ruleScan(): RuleScan;
  /** Re-reads what the changed repository-relative paths affect; resolves with the features it updated. */
  refresh(changed: readonly string[] | 'all'): Promise<string[]>;
  /** Bumped by every refresh, so that caches of derived answers (context) know they are stale. */
  generation(): number;
  /** Repository-relative folders whose changes matter (see watchFolders). */
  watchFolders(): string[];
}

interface Model {
  files: string[];
  config: ResolvedConfig;
  project: Project;
  features: Feature[];
  records: Map<string, SpecRecord>;
  scan: RuleScan | undefined;
  problems: string[];
  generation: number;
}

export function createServeState(options: ServeStateOptions): ServeState {
  const root = path.resolve(options.root);
  const config = loadConfig({ cwd: root });
  const files = listFiles(root);
  const model: Model = {
    files,
    config,
    project: createProject(root, files, config.ruleFiles),
    features: listFeatures(files, config.specs),
    records: new Map(),
    scan: undefined,
    problems: [],
    generation: 0,
  };
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const refresh = (changed: readonly string[] | 'all'): Promise<string[]> =>
    enqueue(() => applyChanges(model, root, options, changed));
  const ready = refresh('all').then(() => undefined);
  // Handlers await `ready` and answer 500 if it failed; this keeps the failure from going unhandled meanwhile.
  ready.catch((error: unknown) => {
    options.logger.error({ err: error }, 'reading the repository failed');
  });

  return {
    root,
    ready,
    specs: () => ({
      specs: model.features.map((feature) => summarize(recordOf(model, feature))),
      problems: [...model.problems],
    }),
    spec(name) {
      const feature = findFeature(model.features, name);
      const record = recordOf(model, feature);
      const outside = record.problems.find((problem) => problem.code === 'PATH_OUTSIDE');
      if (outside) throw new TechspecError('PATH_OUTSIDE', outside.message);
      return detail(record);
    },
    features: () => model.features,
    files: () => model.files,
    config: () => model.config,
    project: () => model.project,
    ruleScan() {
      model.scan ??= repositoryRules(root, model.files, model.config);
      return model.scan;
    },
    refresh,
    generation: () => model.generation,
    watchFolders: () => watchFolders(model),
  };
}

function recordOf(model: Model, feature: Feature): SpecRecord {
  return (
    model.records.get(feature.feature) ?? {
      feature,
      text: null,
      doc: null,
      lint: null,
      problems: [],
      drift: null,
      trace: null,
    }
  );
}

/** One refresh: re-list, reload what changed, re-lint the touched specs, publish, then refresh drift. */
async function applyChanges(
  model: Model,
  root: string,
  options: ServeStateOptions,
  changed: readonly string[] | 'all',
): Promise<string[]> {
  const files = listFiles(root);
  const listingChanged =
    files.length !== model.files.length || files.some((file, i) => file !== model.files[i]);
  const paths = changed === 'all' ? [] : changed;
  const configChanged = changed === 'all' || paths.some((file) => isConfigFile(file, model.config, root));
  const rulesChanged = changed === 'all' || paths.some((file) => model.project.isRuleFile?.(file) === true);
  model.generation++;
  if (configChanged) reloadConfig(model, root, options.logger);
  const global = changed === 'all' || listingChanged || configChanged || rulesChanged;
  if (global) {
    model.files = files;
    model.project = createProject(root, files, model.config.ruleFiles);
    model.scan = undefined;
  }
  const features = global ? listFeatures(files, model.config.specs) : model.features;
  const touched = global ? features : touchedFeatures(features, model.records, paths);
  const before = model.records;
  const context = { root, config: model.config, metrics: options.metrics, files };
  const fresh = await readRecords(touched, context, before);
  const records = new Map(global ? [] : before);
  for (const record of fresh) {
    refreshTrace(record, root, options.integrations, options.logger);
    records.set(record.feature.feature, record);
  }
  // Features and their records change together: a request during the lint never sees one without the other.
  model.features = features;
  model.records = records;
  recordFindings(
    options.metrics,
    [...records.values()].flatMap((record) => (record.lint ? [record.lint] : [])),
  );
  const names = touched.map((feature) => feature.feature);
  const removed = [...before.keys()].filter((name) => !records.has(name));
  for (const name of [...names, ...removed]) options.events.publish({ event: 'spec-updated', data: name });
  if (rulesChanged && changed !== 'all') {
    options.events.publish({ event: 'rules-updated', data: String(model.project.ruleFiles.length) });
  }
  // A refresh that touched no spec ran no drift check: the last one's outcome still stands.
  if (fresh.length > 0) {
    const driftProblem = await refreshDrift(fresh, root, options.integrations, options.logger);
    model.problems = model.problems.filter((line) => !line.startsWith('drift: '));
    if (driftProblem) model.problems.push(`drift: ${driftProblem}`);
  }
  if (options.integrations.drift) {
    for (const name of names) options.events.publish({ event: 'spec-updated', data: name });
  }
  return [...names, ...removed];
}

function isConfigFile(file: string, config: ResolvedConfig, root: string): boolean {
  if (!file.includes('/') && (CONFIG_FILES as readonly string[]).includes(file)) return true;
  const configFile = config.file === undefined ? undefined : path.relative(root, config.file);
  return file === configFile;
}

/** A config broken while serving keeps the last good one and says so in the spec list's problems. */
function reloadConfig(model: Model, root: string, logger: Logger): void {
  model.problems = model.problems.filter((line) => !line.startsWith('config: '));
  try {
    model.config = loadConfig({ cwd: root });
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    const where = error.file ? `${path.relative(root, error.file)}: ` : '';
    model.problems.push(`config: ${where}${error.message}; the last valid config is still in use`);
    logger.warn({ err: error.message }, 'config reload failed');
  }
}

/**
 * The root (config files, new top-level folders), each feature's folder and the folder above it (new features),
 * the folders of rule files and of every file a spec lists: watched one by one, not the whole tree.
 */
function watchFolders(model: Model): string[] {
  const files = [
    ...model.features.flatMap((feature) => [`${feature.dir}/x`, `${path.posix.dirname(feature.dir)}/x`]),
    ...model.project.ruleFiles,
    ...[...model.records.values()].flatMap((record) => listedFiles(record)),
  ];
  const folders = new Set(['']);
  for (const file of files) {
    const dir = path.posix.dirname(file);
    if (dir !== '.') folders.add(dir);
  }
  return [...folders].sort();
}
